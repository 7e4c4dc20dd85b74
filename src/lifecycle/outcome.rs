//! Review outcomes: re-read a submitted copy from Twilio and act on its status. Called by the
//! status-callback processing and by the polling fallback; both are idempotent because each
//! transition checks the state it expects.

use crate::domain::sid::BundleSid;
use anyhow::Context;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::actor::Actor;
use super::engine::Engine;
use super::error::EngineError;
use super::notifications::{Notification, NotificationKind};
use super::reading;
use crate::db::evaluations::EvaluationCause;
use crate::db::renewals::{self, Renewal, Transition};
use crate::db::{test_bundles, webhook_events};
use crate::domain::cancel_reason::{CancelReason, Cancellation};
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::renewal::{RenewalEvent, RenewalState};
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::twilio_codes::names_test_bundle;
use crate::queue::finish_renewal::FinishRenewal;
use crate::twilio::{BundleStatus, TenantTwilio, TwilioError};

/// Whether a renewal still waits for Twilio's review after reconciling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Still pending or in review: poll again later.
    Waiting,
    /// Decided (or nothing to wait for).
    Settled,
}

/// Whether the callbacks waiting about a copy only echo our own submission: the renewal is
/// submitted and every one says `pending-review`, which recomply itself set. Reading the copy
/// would tell nothing new (polling still follows the review).
pub fn only_our_submission(state: RenewalState, statuses: &[Option<BundleStatus>]) -> bool {
    state == RenewalState::Submitted
        && !statuses.is_empty()
        && statuses
            .iter()
            .all(|status| *status == Some(BundleStatus::PendingReview))
}

/// Fetches the copy of a submitted renewal and applies what Twilio says: in review, approved
/// (→ finishing is enqueued) or rejected (→ reasons stored, back to collecting).
pub async fn reconcile_copy(
    engine: &Engine,
    twilio: &TenantTwilio,
    renewal: &Renewal,
    actor: &Actor,
) -> anyhow::Result<Review> {
    if !matches!(
        renewal.state,
        RenewalState::Submitted | RenewalState::InReview
    ) {
        return Ok(Review::Settled);
    }
    let copy_sid = renewal
        .copy_sid
        .as_ref()
        .context("a submitted renewal has a copy")?;
    let copy = match twilio.fetch_bundle(copy_sid).await {
        Ok(copy) => copy,
        Err(TwilioError::NotFound { .. }) => {
            super::needs_attention(
                engine,
                renewal,
                actor,
                "The Bundle Copy no longer exists at Twilio.".into(),
            )
            .await?;
            return Ok(Review::Settled);
        }
        Err(error) => return Err(error.into()),
    };
    let mut tx = engine.db.begin().await?;
    let review = match copy.status {
        BundleStatus::PendingReview => Review::Waiting,
        BundleStatus::InReview => {
            if renewal.state == RenewalState::Submitted {
                transition(
                    &mut tx,
                    renewal,
                    RenewalEvent::ReviewStarted,
                    actor,
                    json!({}),
                )
                .await?;
            }
            Review::Waiting
        }
        BundleStatus::TwilioApproved => {
            approved(&mut tx, renewal, actor).await?;
            Review::Settled
        }
        BundleStatus::ProvisionallyApproved => {
            provisionally_approved(&mut tx, renewal, actor).await?;
            Review::Waiting
        }
        BundleStatus::TwilioRejected => {
            drop(tx);
            reject(engine, twilio, renewal, actor).await?;
            return Ok(Review::Settled);
        }
        other => {
            tracing::warn!(
                status = other.as_str(),
                "the submitted copy has an unexpected status"
            );
            Review::Waiting
        }
    };
    tx.commit().await?;
    Ok(review)
}

/// Records Twilio's approval of the copy and queues the steps that finish the renewal.
async fn approved(
    tx: &mut crate::db::PgTx<'_>,
    renewal: &Renewal,
    actor: &Actor,
) -> anyhow::Result<()> {
    if transition(tx, renewal, RenewalEvent::Approved, actor, json!({})).await? {
        let finish = FinishRenewal {
            tenant_id: renewal.tenant_id,
            renewal_id: renewal.renewal_id,
        };
        crate::queue::enqueue(tx, &finish).await?;
    }
    Ok(())
}

/// Twilio provisionally approved the copy: not a decision (ReplaceItems needs
/// `twilio-approved` on both bundles), so the renewal stays in review and polling follows it to
/// Twilio's final status; the original keeps its numbers meanwhile. Recorded once per
/// submission, on the renewal and in its timeline.
async fn provisionally_approved(
    tx: &mut crate::db::PgTx<'_>,
    renewal: &Renewal,
    actor: &Actor,
) -> anyhow::Result<()> {
    let details = json!({"twilio_status": BundleStatus::ProvisionallyApproved.as_str()});
    let mut in_review = renewal.state == RenewalState::InReview;
    if renewal.state == RenewalState::Submitted {
        in_review = transition(tx, renewal, RenewalEvent::ReviewStarted, actor, details).await?;
    }
    let (tenant_id, renewal_id) = (renewal.tenant_id, renewal.renewal_id);
    if in_review && crate::db::provisional::mark(tx, tenant_id, renewal_id).await? {
        crate::db::timeline::append(
            tx,
            crate::db::timeline::NewEvent {
                tenant_id,
                renewal_id,
                from_state: Some(RenewalState::InReview),
                to_state: RenewalState::InReview,
                cause: actor.cause(),
                actor: actor.name(),
                details: &json!({
                    "event": "provisionally_approved",
                    "summary": "Twilio provisionally approved the copy; waiting for its final decision",
                }),
            },
        )
        .await?;
    }
    Ok(())
}

/// The copy was rejected: read the documents' reasons (a fresh snapshot), store them as the
/// renewal's rejection, and reopen it for the customer.
async fn reject(
    engine: &Engine,
    twilio: &TenantTwilio,
    renewal: &Renewal,
    actor: &Actor,
) -> anyhow::Result<()> {
    let copy_sid = renewal
        .copy_sid
        .clone()
        .unwrap_or_else(|| BundleSid::from_trusted(""));
    let bundle_reason =
        webhook_events::latest_failure_reason(&engine.db, renewal.tenant_id, &copy_sid).await?;
    if let Some(reason) = bundle_reason.as_deref().filter(|r| names_test_bundle(r)) {
        return test_bundle(engine, renewal, actor, reason).await;
    }
    // An unreadable snapshot (logged) is read back as one not yet prepared: from the copy's
    // items alone.
    let regulation = renewal.snapshot().unwrap_or(None).map(|s| s.regulation);
    let snapshot = match regulation {
        Some(regulation) => reading::read_copy(twilio, &copy_sid, regulation).await?,
        None => {
            let read = reading::read_items(twilio, &copy_sid).await?;
            let sid = read
                .evaluation
                .regulation_sid
                .clone()
                .context("the evaluation names its regulation")?;
            let need = super::regulations::Need::Recent;
            let version = super::regulations::regulation(engine, twilio, &sid, need).await?;
            read.into_snapshot(&copy_sid, version.regulation)
        }
    };
    let rejection = rejection(bundle_reason, &snapshot);
    let mut tx = engine.db.begin().await?;
    let rejected = transition(
        &mut tx,
        renewal,
        RenewalEvent::Rejected,
        actor,
        rejection.clone(),
    )
    .await?;
    if !rejected {
        return Ok(());
    }
    renewals::set_rejection(&mut tx, renewal.tenant_id, renewal.renewal_id, &rejection).await?;
    let why = EvaluationCause {
        cause: actor.cause(),
        actor: actor.name(),
        reason: EvaluationReason::Rejected,
    };
    renewals::store_snapshot(
        &mut tx,
        renewal.tenant_id,
        renewal.renewal_id,
        &snapshot,
        why,
    )
    .await?;
    renewals::transition(
        &mut tx,
        Transition::of(renewal, RenewalEvent::Reopened, actor.cause(), actor.name())
            .from(RenewalState::Rejected),
    )
    .await?;
    Notification::new(NotificationKind::Rejected, renewal)
        .enqueue(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Twilio rejected the copy as a test bundle (18099): a test bundle is rejected whatever it
/// holds, so the customer is not asked to fix anything. The original is recorded as a test
/// bundle (never renewed again), the renewal is cancelled with that reason (its copy
/// deleted), and staff are alerted.
async fn test_bundle(
    engine: &Engine,
    renewal: &Renewal,
    actor: &Actor,
    reason: &str,
) -> anyhow::Result<()> {
    let (tenant_id, renewal_id) = (renewal.tenant_id, renewal.renewal_id);
    test_bundles::mark(&engine.db, tenant_id, renewal.bundle_sid.as_str(), reason).await?;
    let why = Cancellation::because(CancelReason::TestBundle);
    match engine.cancel(tenant_id, renewal_id, why, actor).await {
        Ok(()) => {}
        Err(EngineError::NotEditable(_)) => return Ok(()),
        Err(error) => return Err(anyhow::Error::new(error).context("closing a test bundle")),
    }
    let mut tx = engine.db.begin().await?;
    let mut alert = Notification::new(NotificationKind::StaffAlert, renewal);
    alert.reason = Some(format!(
        "Twilio rejected the bundle as a test bundle (\"{reason}\"): it is never renewed"
    ));
    alert.enqueue(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Twilio's reasons: the bundle-level reason (from the callback, when one came) and each
/// rejected document's reason and errors.
pub fn rejection(bundle_reason: Option<String>, snapshot: &RenewalSnapshot) -> Value {
    let documents: Vec<Value> = snapshot
        .documents
        .iter()
        .filter(|d| d.is_rejected())
        .map(|d| {
            json!({
                "sid": d.sid, "friendly_name": d.friendly_name, "type": d.item_type,
                "failure_reason": d.failure_reason, "errors": d.errors,
            })
        })
        .collect();
    json!({
        "failure_reason": bundle_reason,
        "documents": documents,
        "rejected_at": OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
    })
}

async fn transition(
    tx: &mut crate::db::PgTx<'_>,
    renewal: &Renewal,
    event: RenewalEvent,
    actor: &Actor,
    details: Value,
) -> anyhow::Result<bool> {
    let moved = renewals::transition(
        tx,
        Transition::of(renewal, event, actor.cause(), actor.name()).with_details(details),
    )
    .await?;
    Ok(moved.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_pending_review_is_left_unread() {
        let ours = [Some(BundleStatus::PendingReview)];
        assert!(only_our_submission(RenewalState::Submitted, &ours));
        let decided = [
            Some(BundleStatus::PendingReview),
            Some(BundleStatus::TwilioApproved),
        ];
        assert!(!only_our_submission(RenewalState::Submitted, &decided));
        let without_status = [Some(BundleStatus::PendingReview), None];
        assert!(!only_our_submission(
            RenewalState::Submitted,
            &without_status
        ));
        assert!(!only_our_submission(RenewalState::InReview, &ours));
        assert!(!only_our_submission(RenewalState::Submitted, &[]));
    }
}
