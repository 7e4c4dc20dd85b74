//! What the web layer asks of the engine: read the snapshot, save changes, re-evaluate,
//! submit, and (staff) cancel or retry. Every call is scoped by tenant: another tenant's
//! renewal id is `NotFound`. Work on one renewal is serialised by a row lock.

use serde_json::json;

use super::actor::Actor;
use super::applying::apply_change;
use super::change::Change;
use super::engine::Engine;
use super::error::EngineError;
use super::notifications::{Notification, NotificationKind};
use super::reading;
use crate::db::PgTx;
use crate::db::documents;
use crate::db::evaluations::EvaluationCause;
use crate::db::renewals::{self, Renewal, Transition};
use crate::domain::cancel_reason::Cancellation;
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::{RenewalEvent, RenewalState};
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::uploaded_document::UploadedDocument;
use crate::queue::poll_renewal::PollRenewal;
use crate::twilio::{BundleStatus, TwilioError};

impl Engine {
    /// The renewal's latest snapshot (database only; `None` while preparation runs).
    pub async fn snapshot(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
    ) -> Result<Option<RenewalSnapshot>, EngineError> {
        let renewal = renewals::find(&self.db, tenant_id, renewal_id)
            .await?
            .ok_or(EngineError::NotFound)?;
        Ok(renewal.snapshot()?)
    }

    /// Writes `changes` to the copy at Twilio, re-evaluates, and stores and returns the new
    /// snapshot. Only while the renewal is collecting information.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id, changes = changes.len()))]
    pub async fn apply_changes(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        changes: Vec<Change>,
        actor: &Actor,
    ) -> Result<RenewalSnapshot, EngineError> {
        self.write_and_evaluate(
            tenant_id,
            renewal_id,
            changes,
            actor,
            EvaluationReason::ChangesSaved,
            None,
        )
        .await
    }

    /// Writes `changes` (none for a re-evaluation), re-evaluates, stores the snapshot and
    /// records `event` on the timeline, with `note`'s keys added to its details.
    pub(super) async fn write_and_evaluate(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        changes: Vec<Change>,
        actor: &Actor,
        event: EvaluationReason,
        note: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Result<RenewalSnapshot, EngineError> {
        let mut tx = self.db.begin().await?;
        let (renewal, snapshot) = editable(&mut tx, tenant_id, renewal_id).await?;
        let twilio = self.twilio_for(tenant_id).await?;
        let why = EvaluationCause {
            cause: actor.cause(),
            actor: actor.name(),
            reason: event.clone(),
        };
        let mut written = Written {
            snapshot,
            uploads: Vec::new(),
        };
        let outcome = write(&twilio, &mut written, &changes).await;
        for upload in &written.uploads {
            documents::append(
                &mut tx,
                tenant_id,
                renewal_id,
                upload,
                actor.cause(),
                actor.name(),
            )
            .await?;
        }
        let uploads = written.uploads;
        let fresh = match outcome {
            Ok(fresh) => fresh,
            Err(error) => {
                // Some writes may have gone through: keep the snapshot true to the copy.
                let snapshot = written.snapshot;
                let (copy_sid, regulation) = (&snapshot.copy_sid, snapshot.regulation.clone());
                if let Ok(read) = reading::read_copy(&twilio, copy_sid, regulation).await {
                    renewals::store_snapshot(&mut tx, tenant_id, renewal_id, &read, why).await?;
                    tx.commit().await?;
                }
                return Err(error);
            }
        };
        renewals::store_snapshot(&mut tx, tenant_id, renewal_id, &fresh, why).await?;
        let summary: Vec<_> = changes.iter().map(Change::summary).collect();
        let mut details = json!({"changes": summary, "evaluation": evaluation_status(&fresh)});
        if !uploads.is_empty() {
            // The hashes go on the chained timeline too, so they are as tamper-evident as it.
            details["documents"] = uploads
                .iter()
                .map(|u| json!({"sid": u.document_sid, "sha256": u.sha256, "size": u.size_bytes}))
                .collect();
        }
        for (key, value) in note.into_iter().flatten() {
            details[key] = value;
        }
        renewals::record_action(
            &mut tx,
            &renewal,
            event.as_str(),
            actor.cause(),
            actor.name(),
            details,
        )
        .await?;
        tx.commit().await?;
        Ok(fresh)
    }

    /// Evaluates the copy again and refreshes the snapshot (no changes); the timeline records
    /// a re-evaluation.
    pub async fn reevaluate(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        actor: &Actor,
    ) -> Result<RenewalSnapshot, EngineError> {
        self.write_and_evaluate(
            tenant_id,
            renewal_id,
            Vec::new(),
            actor,
            EvaluationReason::Reevaluated,
            None,
        )
        .await
    }

    /// Submits the copy for review (`Status=pending-review`, alone) when the latest evaluation
    /// is compliant; the renewal becomes submitted and polling starts.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id))]
    pub async fn submit(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        actor: &Actor,
    ) -> Result<(), EngineError> {
        self.submit_as(tenant_id, renewal_id, actor, false).await
    }

    /// [`Engine::submit`], saying whether recomply submits by itself because nothing is missing
    /// (`automatic`): the customer's email and status page then say so.
    pub(super) async fn submit_as(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        actor: &Actor,
        automatic: bool,
    ) -> Result<(), EngineError> {
        let mut tx = self.db.begin().await?;
        let (renewal, snapshot) = editable(&mut tx, tenant_id, renewal_id).await?;
        if !snapshot.is_compliant() {
            return Err(EngineError::NotCompliant);
        }
        let twilio = self.twilio_for(tenant_id).await?;
        if let Err(error) = twilio.submit_bundle(&snapshot.copy_sid).await {
            // An earlier attempt may have gone through before its answer was lost.
            let copy = twilio.fetch_bundle(&snapshot.copy_sid).await?;
            if !matches!(
                copy.status,
                BundleStatus::PendingReview | BundleStatus::InReview
            ) {
                return Err(error.into());
            }
        }
        renewals::transition(
            &mut tx,
            Transition::of(
                &renewal,
                RenewalEvent::Submitted,
                actor.cause(),
                actor.name(),
            )
            .from(RenewalState::Collecting)
            .with_details(json!({"copy_sid": snapshot.copy_sid})),
        )
        .await?;
        let next_poll = time::OffsetDateTime::now_utc() + self.settings.poll_delay(0);
        crate::queue::enqueue_at(
            &mut tx,
            &PollRenewal {
                tenant_id,
                renewal_id,
                attempt: 0,
            },
            next_poll,
        )
        .await?;
        crate::db::auto_submit::record_submission(&mut *tx, tenant_id, renewal_id, automatic)
            .await?;
        Notification::new(NotificationKind::Submitted, &renewal)
            .made_automatically(automatic)
            .enqueue(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Staff: stops the renewal and deletes its copy at Twilio. The cancel holds: no sweep
    /// opens another renewal for the bundle until a snooze ends or staff [`reopen`] it.
    ///
    /// [`reopen`]: Engine::reopen
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id, reason = %cancellation.reason))]
    pub async fn cancel(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        cancellation: Cancellation,
        actor: &Actor,
    ) -> Result<(), EngineError> {
        let mut tx = self.db.begin().await?;
        let renewal = locked(&mut tx, tenant_id, renewal_id).await?;
        if !renewal.state.is_open() {
            return Err(EngineError::NotEditable(renewal.state));
        }
        if let Some(copy_sid) = &renewal.copy_sid {
            let twilio = self.twilio_for(tenant_id).await?;
            match twilio.delete_bundle(copy_sid).await {
                Ok(()) | Err(TwilioError::NotFound { .. }) => {}
                Err(error) => return Err(error.into()),
            }
        }
        renewals::transition(
            &mut tx,
            Transition::of(
                &renewal,
                RenewalEvent::Cancelled,
                actor.cause(),
                actor.name(),
            )
            .with_details(json!({
                "copy_deleted": renewal.copy_sid,
                "cancel_reason": cancellation.reason.as_str(),
            }))
            .because(cancellation.summary()),
        )
        .await?;
        renewals::set_cancellation(&mut tx, tenant_id, renewal_id, &cancellation).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Staff: a cancelled renewal's bundle may be renewed again. Recorded on the timeline; the
    /// tenant is swept at once, so a bundle that still has a deadline gets a new renewal.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id))]
    pub async fn reopen(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        actor: &Actor,
    ) -> Result<(), EngineError> {
        let mut tx = self.db.begin().await?;
        let renewal = locked(&mut tx, tenant_id, renewal_id).await?;
        if !renewals::release_hold(&mut tx, tenant_id, renewal_id).await? {
            return Err(EngineError::NotEditable(renewal.state));
        }
        let details =
            json!({"summary": "Reopened for renewal: the next sweep may renew the bundle again"});
        renewals::record_action(
            &mut tx,
            &renewal,
            "reopened",
            actor.cause(),
            actor.name(),
            details,
        )
        .await?;
        super::enqueue_sweep(&mut tx, tenant_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Staff: every renewal link emailed about this renewal stops working now (a customer who
    /// follows one is offered a fresh one by email). Recorded on the timeline; returns how many
    /// links were revoked.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id))]
    pub async fn revoke_links(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        actor: &Actor,
    ) -> Result<u64, EngineError> {
        let mut tx = self.db.begin().await?;
        let renewal = locked(&mut tx, tenant_id, renewal_id).await?;
        let revoked =
            crate::db::magic_links::revoke_for_renewal(&mut tx, tenant_id, renewal_id, "staff")
                .await?;
        let summary = format!("Emailed links to this renewal revoked ({revoked})");
        let details = json!({"summary": summary, "revoked": revoked});
        renewals::record_action(
            &mut tx,
            &renewal,
            "links_revoked",
            actor.cause(),
            actor.name(),
            details,
        )
        .await?;
        tx.commit().await?;
        Ok(revoked)
    }

    /// Staff: re-enqueues the step the renewal is stuck at; a renewal that needs attention
    /// first returns to the state it was in.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id))]
    pub async fn retry(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        actor: &Actor,
    ) -> Result<(), EngineError> {
        let mut tx = self.db.begin().await?;
        let renewal = locked(&mut tx, tenant_id, renewal_id).await?;
        let mut state = renewal.state;
        if !state.is_open() {
            return Err(EngineError::NotEditable(state));
        }
        if state == RenewalState::NeedsAttention {
            let previous = renewals::state_before_attention(&mut *tx, tenant_id, renewal_id)
                .await?
                .unwrap_or(RenewalState::Detected);
            renewals::transition(
                &mut tx,
                Transition::of(
                    &renewal,
                    RenewalEvent::Resumed(previous),
                    actor.cause(),
                    actor.name(),
                )
                .from(state),
            )
            .await?;
            state = previous;
        }
        let enqueued = super::enqueue_step(&mut tx, tenant_id, renewal_id, state).await?;
        let reloaded = locked(&mut tx, tenant_id, renewal_id).await?;
        renewals::record_action(
            &mut tx,
            &reloaded,
            "retry_requested",
            actor.cause(),
            actor.name(),
            json!({"step_enqueued": enqueued}),
        )
        .await?;
        tx.commit().await?;
        if !enqueued && matches!(state, RenewalState::Collecting) {
            self.reevaluate(tenant_id, renewal_id, actor).await?;
        }
        Ok(())
    }
}

/// Writes `changes` and evaluates the copy again: our writes' answers are already in the
/// snapshot, so only the evaluation is read. With no changes (a re-evaluation asked for by a
/// person) every item is read again. On failure, the error and the snapshot as far as it got.
/// The copy as our writes left it, and the files they uploaded.
struct Written {
    snapshot: RenewalSnapshot,
    uploads: Vec<UploadedDocument>,
}

/// Writes `changes` to the copy and re-evaluates it. On an error, `written` holds what the
/// writes that went through left behind.
async fn write(
    twilio: &crate::twilio::TenantTwilio,
    written: &mut Written,
    changes: &[Change],
) -> Result<RenewalSnapshot, EngineError> {
    if changes.is_empty() {
        let snapshot = &written.snapshot;
        let (copy_sid, regulation) = (&snapshot.copy_sid, snapshot.regulation.clone());
        return Ok(reading::read_copy(twilio, copy_sid, regulation).await?);
    }
    for change in changes {
        let uploaded = apply_change(twilio, &mut written.snapshot, change).await?;
        written.uploads.extend(uploaded);
    }
    Ok(reading::reevaluate(twilio, written.snapshot.clone()).await?)
}

async fn locked(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> Result<Renewal, EngineError> {
    renewals::find_for_update(tx, tenant_id, renewal_id)
        .await?
        .ok_or(EngineError::NotFound)
}

/// The locked renewal and its snapshot, if the customer may edit it now.
pub(super) async fn editable(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> Result<(Renewal, RenewalSnapshot), EngineError> {
    let renewal = locked(tx, tenant_id, renewal_id).await?;
    if !renewal.state.customer_may_edit() {
        return Err(EngineError::NotEditable(renewal.state));
    }
    let snapshot = renewal
        .snapshot()?
        .ok_or(EngineError::NotEditable(renewal.state))?;
    Ok((renewal, snapshot))
}

fn evaluation_status(snapshot: &RenewalSnapshot) -> Option<String> {
    snapshot.evaluation.as_ref().map(|e| e.status.to_string())
}
