//! Discovery: find bundles that carry `valid_until`, mirror them, and open one renewal per
//! affected original (the partial unique index guarantees one). Run by the sweep job, and for
//! a single bundle by status-callback processing.

use std::collections::HashSet;

use super::actor::Actor;
use super::addresses;
use super::copies;
use super::engine::Engine;
pub use super::mirror_page::Mirroring;
use super::mirror_page::mirror_page;
use super::phone_numbers::{self, RefreshError};
use crate::db::{sweep_batch, sweep_problems};
use crate::domain::ids::TenantId;
use crate::twilio::{Bundle, BundleFilter, BundleSortBy, SortDirection, TenantTwilio};

/// The largest `PageSize` Twilio's Bundle list accepts: a sweep lists, and writes, this many
/// bundles at a time.
pub const SWEEP_PAGE_SIZE: u32 = 1000;

/// A sweep that added at least this many bundles and renewals together has the tables it grew
/// analyzed before it ends, as a bulk load should (`db::sweep_batch::analyze_grown_tables`).
pub const ANALYZE_AFTER_ROWS: usize = 500;

/// What a sweep saw and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// Bundles read from Twilio.
    pub bundles_seen: usize,
    /// Renewals opened.
    pub renewals_opened: usize,
    /// Bundles mirrored for the first time.
    pub bundles_added: usize,
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
pub async fn sweep_tenant(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<SweepReport> {
    let twilio = engine.twilio_for(tenant_id).await?;
    // No Status filter: an original that expired into twilio-rejected must be seen too.
    let filter = BundleFilter {
        has_valid_until_date: Some(true),
        page_size: Some(SWEEP_PAGE_SIZE),
        sort_by: Some(BundleSortBy::ValidUntil),
        sort_direction: Some(SortDirection::Asc),
        ..BundleFilter::default()
    };
    let listed = twilio.list_all_bundles(&filter).await?;
    // Then every other bundle of the account (one call per 1000 bundles), so the customer's
    // "My bundles" page lists them all and watched bundles' statuses stay current.
    let everything = BundleFilter {
        page_size: Some(SWEEP_PAGE_SIZE),
        ..BundleFilter::default()
    };
    let rest = twilio.list_all_bundles(&everything).await?;
    // Each bundle once, where it first appears (a listing whose order changes while it is
    // paged can return one twice).
    let mut seen: HashSet<&str> = HashSet::with_capacity(rest.len());
    let all: Vec<&Bundle> = listed
        .iter()
        .chain(rest.iter())
        .filter(|b| seen.insert(b.sid.as_str()))
        .collect();
    // On an account shared with other tenants, only this tenant's bundles.
    let all = super::shared_accounts::keep_own(engine, &twilio, all).await?;
    let copy_checked = copies::record_listed_copies(engine, &twilio, &all).await?;
    let mut report = SweepReport::default();
    let mirroring =
        Mirroring::for_tenant(engine, tenant_id, Actor::System("sweep"), copy_checked).await?;
    for page in all.chunks(SWEEP_PAGE_SIZE as usize) {
        mirror_listed(engine, &twilio, page, &mirroring, &mut report).await?;
    }
    copies::correct_mirrored_copies(&engine.db, tenant_id).await?;
    analyze_if_grown(engine, tenant_id, &report).await;
    report.numbers = refresh_numbers(engine, &twilio).await?;
    report.addresses = refresh_addresses(engine, &twilio).await?;
    super::kick_open_renewals(engine, tenant_id).await?;
    tracing::info!(tenant_id = %tenant_id, ?report, "sweep done");
    Ok(report)
}

/// Mirrors one page of a sweep's listing. A failure that a retry may cure fails the sweep so
/// the job is retried; a bundle that could not be mirrored for another reason is recorded for
/// staff and the sweep goes on.
async fn mirror_listed(
    engine: &Engine,
    twilio: &TenantTwilio,
    page: &[&Bundle],
    mirroring: &Mirroring,
    report: &mut SweepReport,
) -> anyhow::Result<()> {
    report.bundles_seen += page.len();
    let tenant_id = twilio.tenant_id();
    let outcome = mirror_page(engine, twilio, page, mirroring).await?;
    report.renewals_opened += outcome.opened;
    report.bundles_added += outcome.added;
    for (bundle_sid, error) in outcome.problems {
        report.problems += 1;
        tracing::error!(
            tenant_id = %tenant_id,
            bundle_sid = %bundle_sid,
            error = %format!("{error:#}"),
            "a bundle could not be mirrored; the sweep goes on"
        );
        sweep_problems::record(&engine.db, tenant_id, &bundle_sid, &format!("{error:#}")).await?;
    }
    Ok(())
}

/// Analyzes the tables the sweep grew when it added [`ANALYZE_AFTER_ROWS`] rows or more, so the
/// pages read right after a first sweep are planned on statistics that know those rows. A
/// failure is logged: the rows are written, and autovacuum analyzes them later anyway.
async fn analyze_if_grown(engine: &Engine, tenant_id: TenantId, report: &SweepReport) {
    if report.bundles_added + report.renewals_opened < ANALYZE_AFTER_ROWS {
        return;
    }
    if let Err(error) = sweep_batch::analyze_grown_tables(&engine.db).await {
        tracing::warn!(
            tenant_id = %tenant_id,
            error = %error,
            "the tables the sweep grew could not be analyzed"
        );
    }
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

/// Mirrors one original bundle and acts on it, by the rules of a sweep's page
/// ([`mirror_page`]): a status callback's re-read. A copy is never mirrored. Returns whether a
/// renewal was opened; a bundle that could not be mirrored is an error.
pub async fn reconcile_original(
    engine: &Engine,
    twilio: &TenantTwilio,
    bundle: &Bundle,
    mirroring: &Mirroring,
) -> anyhow::Result<bool> {
    let outcome = mirror_page(engine, twilio, &[bundle], mirroring).await?;
    if let Some((_, error)) = outcome.problems.into_iter().next() {
        return Err(error);
    }
    Ok(outcome.opened > 0)
}
