//! Preparation: create (or adopt) the Bundle Copy, then evaluate it and read its items into the
//! snapshot, so the customer's link opens onto a ready page.
//!
//! Creating a copy is not idempotent at Twilio. The copy's FriendlyName carries a marker with
//! the renewal id, and the copies of the original are listed first: a crash between the POST
//! and our commit is followed by adoption of that copy, never by a second one. The copy is
//! recorded as a copy (`db::bundle_copies`) as soon as Twilio answers, outside the step's
//! transaction, so a sweep running before that transaction commits never takes it for an
//! original (see `lifecycle::copies`).

use anyhow::Context;
use serde_json::json;

pub use super::copies::copy_name;
use super::engine::Engine;
use super::notifications::{Notification, NotificationKind};
use super::reading;
use super::regulations::{self, Need};
use crate::db::PgTx;
use crate::db::bundle_copies::{self, KnownCopy};
use crate::db::evaluations::EvaluationCause;
use crate::db::regulation_versions;
use crate::db::renewals::{self, Renewal, Transition};
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::{Cause, RenewalEvent, RenewalState};
use crate::queue::prepare_renewal::JOB_NAME;
use crate::twilio::{BundleCopy, BundleProperties, BundleStatus, TenantTwilio};

/// Whether `copy` is the draft recomply made for `renewal_id`.
pub fn is_our_copy(copy: &BundleCopy, renewal_id: RenewalId) -> bool {
    copy.status == BundleStatus::Draft
        && copy
            .friendly_name
            .as_deref()
            .is_some_and(|name| name.contains(&renewal_id.to_string()))
}

/// Runs whatever preparation step the renewal is at (detected → copy_created → collecting).
/// Each step holds the renewal's row lock while it talks to Twilio, so two workers never
/// prepare the same renewal at once (the second waits, then finds the step done).
pub async fn prepare(
    engine: &Engine,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> anyhow::Result<()> {
    loop {
        let mut tx = engine.db.begin().await?;
        let Some(renewal) = renewals::find_for_update(&mut tx, tenant_id, renewal_id).await? else {
            return Ok(());
        };
        match renewal.state {
            RenewalState::Detected => {
                let twilio = engine.twilio_for(tenant_id).await?;
                create_copy(engine, &twilio, &renewal, &mut tx).await?;
                tx.commit().await?;
            }
            RenewalState::CopyCreated => {
                let twilio = engine.twilio_for(tenant_id).await?;
                collect(engine, &twilio, &renewal, &mut tx).await?;
                tx.commit().await?;
                return Ok(());
            }
            _ => return Ok(()),
        }
    }
}

async fn create_copy(
    engine: &Engine,
    twilio: &TenantTwilio,
    renewal: &Renewal,
    tx: &mut PgTx<'_>,
) -> anyhow::Result<()> {
    let existing = twilio.list_all_bundle_copies(&renewal.bundle_sid).await?;
    let adopted = existing
        .into_iter()
        .find(|copy| is_our_copy(copy, renewal.renewal_id));
    let was_adopted = adopted.is_some();
    let copy = match adopted {
        Some(copy) => copy,
        None => {
            twilio
                .create_bundle_copy(&renewal.bundle_sid, Some(&copy_name(renewal.renewal_id)))
                .await?
        }
    };
    let known = KnownCopy {
        copy_sid: &copy.sid,
        original_sid: Some(&renewal.bundle_sid),
        renewal_id: Some(renewal.renewal_id),
    };
    bundle_copies::record(&engine.db, renewal.tenant_id, known).await?;
    let callback = engine.status_callback_url();
    if copy.status_callback.as_deref() != Some(callback.as_str()) {
        let properties = BundleProperties {
            status_callback: Some(callback),
            ..BundleProperties::default()
        };
        twilio
            .update_bundle_properties(&copy.sid, &properties)
            .await?;
    }
    renewals::set_copy_sid(tx, renewal.tenant_id, renewal.renewal_id, &copy.sid).await?;
    renewals::transition(
        tx,
        Transition::of(renewal, RenewalEvent::CopyCreated, Cause::Job, JOB_NAME)
            .from(RenewalState::Detected)
            .with_details(json!({"copy_sid": copy.sid, "adopted": was_adopted})),
    )
    .await?;
    Ok(())
}

async fn collect(
    engine: &Engine,
    twilio: &TenantTwilio,
    renewal: &Renewal,
    tx: &mut PgTx<'_>,
) -> anyhow::Result<()> {
    let copy_sid = renewal
        .copy_sid
        .as_ref()
        .context("a created copy has a SID")?;
    let read = reading::read_items(twilio, copy_sid).await?;
    let regulation_sid = read
        .evaluation
        .regulation_sid
        .clone()
        .context("the evaluation names its regulation")?;
    let need = renewal.deadline.map_or(Need::Recent, Need::CurrentFor);
    let version = regulations::regulation(engine, twilio, &regulation_sid, need).await?;
    regulation_versions::set_renewal_version(
        &mut **tx,
        renewal.tenant_id,
        renewal.renewal_id,
        version.id,
    )
    .await?;
    let snapshot = read.into_snapshot(copy_sid, version.regulation);
    let why = EvaluationCause {
        cause: Cause::Job,
        actor: JOB_NAME,
        reason: EvaluationReason::Prepared,
    };
    renewals::store_snapshot(tx, renewal.tenant_id, renewal.renewal_id, &snapshot, why).await?;
    let moved = renewals::transition(
        tx,
        Transition::of(renewal, RenewalEvent::Prepared, Cause::Job, JOB_NAME)
            .from(RenewalState::CopyCreated)
            .with_details(json!({
                "evaluation": snapshot.evaluation.as_ref().map(|e| e.status),
                "end_users": snapshot.end_users.len(),
                "documents": snapshot.documents.len(),
            })),
    )
    .await?;
    if moved.is_some() {
        // A copy with nothing missing is submitted for the customer, who is told afterwards.
        let submitting = super::auto_submit::queue_if_complete(
            tx,
            renewal.tenant_id,
            renewal.renewal_id,
            &snapshot,
        )
        .await?;
        if !submitting {
            Notification::new(NotificationKind::ActionNeeded, renewal)
                .enqueue(tx)
                .await?;
        }
    }
    Ok(())
}
