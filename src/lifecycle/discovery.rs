//! Discovery: find bundles that carry `valid_until`, mirror them, and open one renewal per
//! affected original (the partial unique index guarantees one). Run by the sweep job, and for
//! a single bundle by status-callback processing.

use std::collections::HashSet;

use anyhow::Context;
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::actor::Actor;
use super::addresses;
use super::callbacks::{self, CallbackPolicy};
use super::copies;
use super::engine::Engine;
use super::error::EngineError;
use super::notifications::{Notification, NotificationKind};
use super::phone_numbers::{self, RefreshError};
use crate::db::bundles::{self, BundleUpsert, RegulationInfo};
use crate::db::renewals::Transition;
use crate::db::{regulation_versions, renewals, sweep_problems};
use crate::domain::renewal::{RenewalEvent, RenewalState};
use crate::queue::discard_copy::DiscardCopy;
use crate::queue::prepare_renewal::PrepareRenewal;
use crate::twilio::{
    Bundle, BundleFilter, BundleSortBy, BundleStatus, SortDirection, TenantTwilio, TwilioError,
};

/// Who mirrors, and whether Twilio's copy lists were read for the bundles being mirrored.
#[derive(Debug, Clone)]
pub struct Mirroring {
    /// Who acts (the sweep, a callback).
    pub actor: Actor,
    /// The copies of every approved bundle were read this time: the bundles mirrored now are
    /// known to be originals (see `lifecycle::copies`).
    pub copy_checked: bool,
    /// Which bundles' status callbacks recomply takes (the tenant's setting).
    pub callbacks: CallbackPolicy,
}

impl Mirroring {
    /// How `actor` mirrors for `tenant_id`, with the tenant's callback setting.
    pub async fn for_tenant(
        engine: &Engine,
        tenant_id: Uuid,
        actor: Actor,
        copy_checked: bool,
    ) -> anyhow::Result<Self> {
        let every_bundle = crate::db::lookups::callbacks_on_every_bundle(&engine.db, tenant_id)
            .await
            .context("reading the tenant's callback setting")?;
        Ok(Self {
            actor,
            copy_checked,
            callbacks: CallbackPolicy::for_tenant(every_bundle),
        })
    }
}

/// What a sweep saw and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// Bundles read from Twilio.
    pub bundles_seen: usize,
    /// Renewals opened.
    pub renewals_opened: usize,
    /// Bundles that could not be mirrored (recorded for staff; the sweep went on).
    pub problems: usize,
    /// Phone numbers stored under the tenant's bundles; `None` when Twilio refused the list
    /// (the numbers from the last sweep stay).
    pub numbers: Option<u64>,
    /// Addresses on file with the account; `None` when Twilio refused the list (the
    /// addresses from the last sweep stay).
    pub addresses: Option<u64>,
}

/// Sweeps one tenant: every bundle with a deadline (all pages, soonest first), then every other
/// bundle of the account, so the mirror is complete and statuses stay current.
pub async fn sweep_tenant(engine: &Engine, tenant_id: Uuid) -> anyhow::Result<SweepReport> {
    let twilio = engine.twilio_for(tenant_id).await?;
    // No Status filter: an original that expired into twilio-rejected must be seen too.
    let filter = BundleFilter {
        has_valid_until_date: Some(true),
        sort_by: Some(BundleSortBy::ValidUntil),
        sort_direction: Some(SortDirection::Asc),
        ..BundleFilter::default()
    };
    let listed = twilio.list_all_bundles(&filter).await?;
    // Then every other bundle of the account (one call per 1000 bundles), so the customer's
    // "My bundles" page lists them all and watched bundles' statuses stay current.
    let everything = BundleFilter {
        page_size: Some(1000),
        ..BundleFilter::default()
    };
    let rest = twilio.list_all_bundles(&everything).await?;
    let seen: HashSet<&str> = listed.iter().map(|b| b.sid.as_str()).collect();
    let all: Vec<&Bundle> = listed
        .iter()
        .chain(rest.iter().filter(|b| !seen.contains(b.sid.as_str())))
        .collect();
    // On an account shared with other tenants, only this tenant's bundles.
    let all = super::shared_accounts::keep_own(engine, &twilio, all).await?;
    let copy_checked = copies::record_listed_copies(engine, &twilio, &all).await?;
    let mut report = SweepReport::default();
    let mirroring =
        Mirroring::for_tenant(engine, tenant_id, Actor::System("sweep"), copy_checked).await?;
    for bundle in all {
        mirror_one(engine, &twilio, bundle, &mirroring, &mut report).await?;
    }
    copies::correct_mirrored_copies(&engine.db, tenant_id).await?;
    report.numbers = refresh_numbers(engine, &twilio).await?;
    report.addresses = refresh_addresses(engine, &twilio).await?;
    super::kick_open_renewals(engine, tenant_id).await?;
    tracing::info!(tenant_id = %tenant_id, ?report, "sweep done");
    Ok(report)
}

/// Reconciles one bundle for a sweep. A failure that a retry may cure (Twilio busy or
/// unreachable, the database unavailable) fails the sweep so the job is retried; any other
/// failure is this bundle's alone: it is recorded for staff and the sweep goes on.
async fn mirror_one(
    engine: &Engine,
    twilio: &TenantTwilio,
    bundle: &Bundle,
    mirroring: &Mirroring,
    report: &mut SweepReport,
) -> anyhow::Result<()> {
    report.bundles_seen += 1;
    let tenant_id = twilio.tenant_id();
    match reconcile_original(engine, twilio, bundle, mirroring).await {
        Ok(opened) => {
            report.renewals_opened += usize::from(opened);
            sweep_problems::clear(&engine.db, tenant_id, &bundle.sid).await?;
        }
        Err(error) if is_transient(&error) => return Err(error),
        Err(error) => {
            report.problems += 1;
            tracing::error!(
                tenant_id = %tenant_id,
                bundle_sid = %bundle.sid,
                error = %format!("{error:#}"),
                "a bundle could not be mirrored; the sweep goes on"
            );
            sweep_problems::record(&engine.db, tenant_id, &bundle.sid, &format!("{error:#}"))
                .await?;
        }
    }
    Ok(())
}

/// Refreshes the numbers under the tenant's bundles. A failure a retry may cure fails the
/// sweep; a refusal (an API key without access to numbers, say) is logged and the numbers
/// from the last sweep stay.
async fn refresh_numbers(engine: &Engine, twilio: &TenantTwilio) -> anyhow::Result<Option<u64>> {
    match phone_numbers::refresh(engine, twilio).await {
        Ok(refreshed) => Ok(Some(refreshed.stored)),
        Err(RefreshError::Twilio(error)) if !error.is_retryable() => {
            tracing::error!(
                tenant_id = %twilio.tenant_id(),
                error = %error,
                "the account's phone numbers could not be listed; the sweep goes on"
            );
            Ok(None)
        }
        Err(error) => Err(error.into()),
    }
}

/// Refreshes the account's addresses, as [`refresh_numbers`] does the numbers.
async fn refresh_addresses(engine: &Engine, twilio: &TenantTwilio) -> anyhow::Result<Option<u64>> {
    match addresses::refresh(engine, twilio).await {
        Ok(stored) => Ok(Some(stored)),
        Err(addresses::RefreshError::Twilio(error)) if !error.is_retryable() => {
            tracing::error!(
                tenant_id = %twilio.tenant_id(),
                error = %error,
                "the account's addresses could not be listed; the sweep goes on"
            );
            Ok(None)
        }
        Err(error) => Err(error.into()),
    }
}

/// Whether retrying the whole sweep may cure `error`.
fn is_transient(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if let Some(twilio) = cause.downcast_ref::<TwilioError>() {
            return twilio.is_retryable();
        }
        if let Some(EngineError::Twilio(twilio)) = cause.downcast_ref::<EngineError>() {
            return twilio.is_retryable();
        }
        cause
            .downcast_ref::<sqlx::Error>()
            .is_some_and(|db| !matches!(db, sqlx::Error::Database(_)))
    })
}

/// Mirrors one original bundle and acts on it: opens a renewal for an approved bundle with a
/// deadline (making sure its status callback points at us), or expires the active renewal of
/// an original Twilio rejected after its deadline. A copy (see `lifecycle::copies`) is never
/// mirrored. Returns whether a renewal was opened.
pub async fn reconcile_original(
    engine: &Engine,
    twilio: &TenantTwilio,
    bundle: &Bundle,
    mirroring: &Mirroring,
) -> anyhow::Result<bool> {
    let tenant_id = twilio.tenant_id();
    if copies::is_copy(&engine.db, tenant_id, bundle).await? {
        return Ok(false);
    }
    let actor = &mirroring.actor;
    let test_bundle = known_test_bundle(engine, tenant_id, bundle).await?;
    let affected = bundle.status == BundleStatus::TwilioApproved
        && bundle.valid_until.is_some()
        && test_bundle.is_none();
    let status_callback = callbacks::take(engine, twilio, bundle, mirroring.callbacks).await?;
    // Every mirrored bundle carries its regulation in words, from the shared regulation cache.
    let regulation = super::regulations::for_bundle(engine, twilio, bundle).await?;
    let mut tx = engine.db.begin().await?;
    let row = bundles::upsert(
        &mut *tx,
        tenant_id,
        &BundleUpsert {
            sid: &bundle.sid,
            friendly_name: bundle.friendly_name.as_deref().unwrap_or(""),
            status: bundle.status.as_str(),
            regulation_sid: bundle.regulation_sid.as_deref(),
            regulation: regulation.as_ref().map(|r| RegulationInfo {
                name: &r.version.regulation.friendly_name,
                iso_country: &r.version.regulation.iso_country,
                number_type: &r.version.regulation.number_type,
                end_user_type: &r.version.regulation.end_user_type,
            }),
            email: bundle.email.as_deref(),
            valid_until: bundle.valid_until,
            status_callback: status_callback.as_deref(),
            date_created: bundle.date_created,
            date_updated: bundle.date_updated,
            copy_checked: mirroring.copy_checked,
        },
    )
    .await?;
    if let Some(r) = &regulation {
        let (version, replaces) = (r.bundle_version, r.replaces);
        regulation_versions::set_bundle_version(
            &mut *tx,
            tenant_id,
            row.bundle_id,
            version,
            replaces,
        )
        .await?;
    }
    if let Some(reason) = &test_bundle {
        crate::db::test_bundles::mark(&mut *tx, tenant_id, &bundle.sid, reason).await?;
    }
    let active = renewals::find_active_by_bundle(&mut *tx, tenant_id, &bundle.sid).await?;
    let mut opened = false;
    let held = affected
        && active.is_none()
        && renewals::held_by_cancel(&mut *tx, tenant_id, row.bundle_id).await?;
    // A sweep's listing may predate a renewal that completed meanwhile: its deadline is met.
    let stale = match bundle.valid_until {
        Some(deadline) if affected && active.is_none() && !held => {
            renewals::met_deadline(&mut *tx, tenant_id, row.bundle_id, deadline).await?
        }
        _ => false,
    };
    if affected && active.is_none() && !held && !stale {
        let renewal_id = renewals::open(
            &mut tx,
            tenant_id,
            row.bundle_id,
            bundle.valid_until,
            engine.config.submit_by,
            actor.cause(),
            actor.name(),
        )
        .await?;
        if let Some(renewal_id) = renewal_id {
            crate::queue::enqueue(
                &mut tx,
                &PrepareRenewal {
                    tenant_id,
                    renewal_id,
                },
            )
            .await?;
            opened = true;
        }
    } else if let Some(renewal) = active {
        expire_if_missed(&mut tx, &renewal, bundle, actor).await?;
    }
    tx.commit().await?;
    Ok(opened)
}

/// Expires the active `renewal` of an original Twilio rejected at or after its deadline, before
/// the copy was approved: the customer is told and the unused copy is discarded.
async fn expire_if_missed(
    tx: &mut crate::db::PgTx<'_>,
    renewal: &renewals::Renewal,
    bundle: &Bundle,
    actor: &Actor,
) -> anyhow::Result<()> {
    let tenant_id = renewal.tenant_id;
    let deadline = renewal.deadline.or(bundle.valid_until);
    if bundle.status == BundleStatus::TwilioRejected
        && deadline.is_some_and(|d| d <= rejection_time(bundle))
        && before_approval(renewal.state)
    {
        let moved = renewals::transition(
            tx,
            Transition::of(renewal, RenewalEvent::Expired, actor.cause(), actor.name())
                .with_details(json!({"bundle_status": bundle.status.as_str()})),
        )
        .await?;
        if moved.is_some() {
            Notification::new(NotificationKind::Expired, renewal)
                .enqueue(tx)
                .await?;
            if renewal.copy_sid.is_some() {
                let discard = DiscardCopy {
                    tenant_id,
                    renewal_id: renewal.renewal_id,
                };
                crate::queue::enqueue(tx, &discard).await?;
            }
        }
    }
    Ok(())
}

/// Why `bundle` is a test bundle (`IsTest`), when recomply knows it is one: recorded before, or
/// named by the latest rejection callback about it (error 18099). Twilio's Bundle resource
/// itself does not say.
async fn known_test_bundle(
    engine: &Engine,
    tenant_id: Uuid,
    bundle: &Bundle,
) -> anyhow::Result<Option<String>> {
    if let Some(reason) =
        crate::db::test_bundles::reason(&engine.db, tenant_id, &bundle.sid).await?
    {
        return Ok(Some(reason));
    }
    let reason =
        crate::db::webhook_events::latest_failure_reason(&engine.db, tenant_id, &bundle.sid)
            .await?;
    Ok(reason.filter(|r| crate::domain::twilio_codes::names_test_bundle(r)))
}

/// The later of now and Twilio's last update of the bundle: Twilio's clock decides whether
/// the rejection came at or after the deadline, so a clock behind Twilio's cannot hide it.
fn rejection_time(bundle: &Bundle) -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    bundle.date_updated.map_or(now, |updated| updated.max(now))
}

/// Until the copy is approved, a rejected original means the deadline was missed.
fn before_approval(state: RenewalState) -> bool {
    !matches!(
        state,
        RenewalState::Approved | RenewalState::ItemsReplaced | RenewalState::CopyDeleted
    )
}
