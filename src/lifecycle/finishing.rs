//! After approval, with no human: ReplaceItems into the original, confirm the original is
//! approved with no `valid_until`, delete the copy, complete. Each step is its own transition,
//! and a retried step first checks what Twilio already did.

use anyhow::Context;
use serde_json::json;

use super::actor::Actor;
use super::engine::Engine;
use super::notifications::{Notification, NotificationKind};
use crate::db::bundles::{self, BundleUpsert};
use crate::db::renewals::{self, Renewal, Transition};
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::{RenewalEvent, RenewalState};
use crate::domain::twilio_codes;
use crate::twilio::{Bundle, BundleStatus, TenantTwilio, TwilioError};

const ACTOR: Actor = Actor::System(crate::queue::finish_renewal::JOB_NAME);

/// Drives an approved renewal to completed, one persisted step at a time. Concurrent runs for
/// one renewal are serialised by an advisory lock: the second finds the work done.
pub async fn finish(
    engine: &Engine,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> anyhow::Result<()> {
    let twilio = engine.twilio_for(tenant_id).await?;
    let guard = renewals::step_guard(&engine.db, renewal_id).await?;
    let result = finish_steps(engine, &twilio, tenant_id, renewal_id).await;
    guard.commit().await?;
    result
}

async fn finish_steps(
    engine: &Engine,
    twilio: &TenantTwilio,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> anyhow::Result<()> {
    loop {
        let Some(renewal) = renewals::find(&engine.db, tenant_id, renewal_id).await? else {
            return Ok(());
        };
        let advanced = match renewal.state {
            RenewalState::Approved => replace_items(engine, twilio, &renewal).await?,
            RenewalState::ItemsReplaced => verify_and_delete(engine, twilio, &renewal).await?,
            RenewalState::CopyDeleted => complete(engine, &renewal).await?,
            _ => return Ok(()),
        };
        if !advanced {
            return Ok(());
        }
    }
}

async fn replace_items(
    engine: &Engine,
    twilio: &TenantTwilio,
    renewal: &Renewal,
) -> anyhow::Result<bool> {
    let copy_sid = renewal
        .copy_sid
        .as_ref()
        .context("an approved renewal has a copy")?;
    match twilio.replace_items(&renewal.bundle_sid, copy_sid).await {
        Ok(_) => {}
        Err(error) if error.code() == Some(twilio_codes::OUTDATED_COPY) => {
            let reason = format!("Twilio {}: {error}", twilio_codes::OUTDATED_COPY);
            super::needs_attention(engine, renewal, &ACTOR, reason).await?;
            return Ok(false);
        }
        Err(error) if !error.is_retryable() => {
            // Perhaps an earlier attempt already replaced the items: check the original.
            let original = twilio.fetch_bundle(&renewal.bundle_sid).await?;
            if !is_renewed(&original) {
                let reason = format!("ReplaceItems failed: {error}");
                super::needs_attention(engine, renewal, &ACTOR, reason).await?;
                return Ok(false);
            }
        }
        Err(error) => return Err(error.into()),
    }
    step(
        engine,
        renewal,
        RenewalEvent::ItemsReplaced,
        json!({"from_bundle_sid": copy_sid}),
    )
    .await
}

async fn verify_and_delete(
    engine: &Engine,
    twilio: &TenantTwilio,
    renewal: &Renewal,
) -> anyhow::Result<bool> {
    let original = twilio.fetch_bundle(&renewal.bundle_sid).await?;
    mirror(engine, renewal.tenant_id, &original).await?;
    if !is_renewed(&original) {
        let reason = format!(
            "After ReplaceItems the original bundle is {} with valid_until {}.",
            original.status.as_str(),
            original
                .valid_until
                .map(|t| t.to_string())
                .unwrap_or_else(|| "cleared".into())
        );
        super::needs_attention(engine, renewal, &ACTOR, reason).await?;
        return Ok(false);
    }
    let copy_sid = renewal
        .copy_sid
        .as_ref()
        .context("the renewal has a copy")?;
    match twilio.delete_bundle(copy_sid).await {
        Ok(()) | Err(TwilioError::NotFound { .. }) => {}
        Err(error) => return Err(error.into()),
    }
    step(
        engine,
        renewal,
        RenewalEvent::CopyDeleted,
        json!({"copy_sid": copy_sid, "original_valid_until": null, "original_status": original.status.as_str()}),
    )
    .await
}

async fn complete(engine: &Engine, renewal: &Renewal) -> anyhow::Result<bool> {
    let mut tx = engine.db.begin().await?;
    let moved = renewals::transition(
        &mut tx,
        Transition::of(
            renewal,
            RenewalEvent::Completed,
            ACTOR.cause(),
            ACTOR.name(),
        )
        .from(RenewalState::CopyDeleted),
    )
    .await?;
    if moved.is_some() {
        // The original is now approved under the version its copy was prepared under.
        crate::db::regulation_versions::adopt_renewal_version(
            &mut *tx,
            renewal.tenant_id,
            renewal.renewal_id,
        )
        .await?;
        Notification::new(NotificationKind::Completed, renewal)
            .enqueue(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(moved.is_some())
}

/// The original is approved and no longer carries a deadline.
fn is_renewed(original: &Bundle) -> bool {
    original.status == BundleStatus::TwilioApproved && original.valid_until.is_none()
}

async fn step(
    engine: &Engine,
    renewal: &Renewal,
    event: RenewalEvent,
    details: serde_json::Value,
) -> anyhow::Result<bool> {
    let mut tx = engine.db.begin().await?;
    let moved = renewals::transition(
        &mut tx,
        Transition::of(renewal, event, ACTOR.cause(), ACTOR.name()).with_details(details),
    )
    .await?;
    tx.commit().await?;
    Ok(moved.is_some())
}

async fn mirror(engine: &Engine, tenant_id: TenantId, bundle: &Bundle) -> anyhow::Result<()> {
    bundles::upsert(
        &engine.db,
        tenant_id,
        &BundleUpsert {
            sid: &bundle.sid,
            friendly_name: bundle.friendly_name.as_deref().unwrap_or(""),
            status: bundle.status.as_str(),
            regulation_sid: bundle.regulation_sid.as_deref(),
            regulation: None,
            email: bundle.email.as_deref(),
            valid_until: bundle.valid_until,
            status_callback: bundle.status_callback.as_deref(),
            date_created: bundle.date_created,
            date_updated: bundle.date_updated,
            copy_checked: false,
        },
    )
    .await?;
    Ok(())
}
