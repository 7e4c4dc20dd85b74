//! The set-based reads and writes of a sweep: one statement per page of bundles (up to 1,000),
//! not one per bundle, so a sweep of a large account costs what its Twilio list calls cost.
//! Every statement is scoped by tenant.

use std::collections::HashMap;

use sqlx::PgExecutor;
use time::OffsetDateTime;

use super::bundles::BundleUpsert;
use crate::domain::ids::{BundleId, TenantId};
use crate::domain::regulation_version::RegulationVersionId;
use crate::domain::storable_text::storable;

/// One bundle of a page to mirror: its row, and the regulation version it is approved under
/// or was first seen under.
#[derive(Debug, Clone)]
pub struct PageBundle<'a> {
    /// What Twilio said of it.
    pub row: BundleUpsert<'a>,
    /// The version to record on it. An approved bundle without a deadline is approved under
    /// this version, which replaces what the row had; any other bundle keeps the version it
    /// was first seen under, this one filling it only when empty.
    pub regulation_version: Option<RegulationVersionId>,
}

/// What [`upsert_bundles`] wrote.
#[derive(Debug, Default)]
pub struct UpsertedPage {
    /// Each bundle's id by SID.
    pub ids: HashMap<String, BundleId>,
    /// How many of them were new (inserted rather than refreshed).
    pub added: usize,
}

/// Inserts or refreshes the mirror of every bundle in `bundles` in one statement, as
/// `db::bundles::upsert` does one, with their regulation versions (see [`PageBundle`]).
pub async fn upsert_bundles(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundles: &[PageBundle<'_>],
) -> sqlx::Result<UpsertedPage> {
    let page = PageColumns::of(bundles);
    let rows: Vec<(String, BundleId, bool)> = sqlx::query!(
        r#"insert into bundle (tenant_id, sid, friendly_name, status, regulation_sid,
             regulation_name, iso_country, number_type, end_user_type, email, valid_until,
             status_callback, twilio_created_at, twilio_updated_at, synced_at, copy_checked_at,
             regulation_version_id)
         select $1, sid, name, status, regulation_sid, regulation_name, iso_country,
                number_type, end_user_type, email, valid_until, status_callback, created,
                updated, now(), case when checked then now() end, version_id
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[],
                     $13::timestamptz[], $14::timestamptz[], $15::bool[], $16::bigint[])
             as page(sid, name, status, regulation_sid, regulation_name, iso_country,
                     number_type, end_user_type, email, valid_until, status_callback,
                     created, updated, checked, version_id)
         on conflict (tenant_id, sid) do update set
             friendly_name = excluded.friendly_name, status = excluded.status,
             regulation_sid = excluded.regulation_sid,
             regulation_name = coalesce(excluded.regulation_name, bundle.regulation_name),
             iso_country = coalesce(excluded.iso_country, bundle.iso_country),
             number_type = coalesce(excluded.number_type, bundle.number_type),
             end_user_type = coalesce(excluded.end_user_type, bundle.end_user_type),
             email = excluded.email, valid_until = excluded.valid_until,
             status_callback = excluded.status_callback,
             twilio_created_at = excluded.twilio_created_at,
             twilio_updated_at = excluded.twilio_updated_at, synced_at = now(),
             copy_checked_at = coalesce(bundle.copy_checked_at, excluded.copy_checked_at),
             regulation_version_id =
                 case when excluded.status = 'twilio-approved' and excluded.valid_until is null
                      then coalesce(excluded.regulation_version_id, bundle.regulation_version_id)
                      else coalesce(bundle.regulation_version_id, excluded.regulation_version_id)
                 end
         returning sid, bundle_id as "bundle_id: BundleId", (xmax = 0) as "added!""#,
        tenant_id as _,
        page.sids as _,
        page.names as _,
        page.statuses as _,
        page.regulation_sids as _,
        page.regulation_names as _,
        page.countries as _,
        page.number_types as _,
        page.end_user_types as _,
        page.emails as _,
        page.valid_until as _,
        page.callbacks as _,
        page.created as _,
        page.updated as _,
        page.checked as _,
        page.versions as _,
    )
    .map(|row| (row.sid, row.bundle_id, row.added))
    .fetch_all(db)
    .await?;
    Ok(UpsertedPage {
        added: rows.iter().filter(|(_, _, added)| *added).count(),
        ids: rows.into_iter().map(|(sid, id, _)| (sid, id)).collect(),
    })
}

/// One page of bundles as the column arrays the upsert unnests (one array per column).
struct PageColumns {
    sids: Vec<Option<String>>,
    names: Vec<Option<String>>,
    statuses: Vec<Option<String>>,
    regulation_sids: Vec<Option<String>>,
    regulation_names: Vec<Option<String>>,
    countries: Vec<Option<String>>,
    number_types: Vec<Option<String>>,
    end_user_types: Vec<Option<String>>,
    emails: Vec<Option<String>>,
    callbacks: Vec<Option<String>>,
    valid_until: Vec<Option<OffsetDateTime>>,
    created: Vec<Option<OffsetDateTime>>,
    updated: Vec<Option<OffsetDateTime>>,
    checked: Vec<bool>,
    versions: Vec<Option<i64>>,
}

impl PageColumns {
    fn of(bundles: &[PageBundle<'_>]) -> Self {
        let column = |f: fn(&BundleUpsert<'_>) -> Option<String>| -> Vec<Option<String>> {
            bundles.iter().map(|b| f(&b.row)).collect()
        };
        Self {
            sids: column(|b| Some(b.sid.to_owned())),
            names: column(|b| Some(b.friendly_name.to_owned())),
            statuses: column(|b| Some(b.status.to_owned())),
            regulation_sids: column(|b| b.regulation_sid.map(str::to_owned)),
            regulation_names: column(|b| b.regulation.as_ref().map(|r| r.name.to_owned())),
            countries: column(|b| b.regulation.as_ref().map(|r| r.iso_country.to_owned())),
            number_types: column(|b| b.regulation.as_ref().map(|r| r.number_type.to_owned())),
            end_user_types: column(|b| b.regulation.as_ref().map(|r| r.end_user_type.to_owned())),
            emails: column(|b| b.email.map(str::to_owned)),
            callbacks: column(|b| b.status_callback.map(str::to_owned)),
            valid_until: bundles.iter().map(|b| b.row.valid_until).collect(),
            created: bundles.iter().map(|b| b.row.date_created).collect(),
            updated: bundles.iter().map(|b| b.row.date_updated).collect(),
            checked: bundles.iter().map(|b| b.row.copy_checked).collect(),
            versions: bundles
                .iter()
                .map(|b| b.regulation_version.map(RegulationVersionId::get))
                .collect(),
        }
    }
}

/// Gathers fresh planner statistics on the tables a sweep grows (the mirror, its listing and
/// the renewals), as a bulk load should: after a first sweep fills them, the statistics of
/// the near-empty tables would otherwise make the planner read far more than it needs (see
/// docs/performance.md) until autovacuum's next analyze.
pub async fn analyze_grown_tables(db: impl PgExecutor<'_>) -> sqlx::Result<()> {
    sqlx::query("analyze bundle, bundle_listing, renewal")
        .execute(db)
        .await
        .map(drop)
}

/// Why each of `sids` is a test bundle, for those recorded as one.
pub async fn test_bundle_reasons(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<HashMap<String, String>> {
    let rows: Vec<(String, String)> = sqlx::query!(
        r#"select sid, test_bundle_reason as "test_bundle_reason!" from bundle
         where tenant_id = $1 and sid = any($2) and test_bundle_reason is not null"#,
        tenant_id as _,
        sids,
    )
    .map(|row| (row.sid, row.test_bundle_reason))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The latest rejection reason a callback gave for each of `sids`, for those that had one (as
/// `db::webhook_events::latest_failure_reason` reads it for one bundle).
pub async fn latest_failure_reasons(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<HashMap<String, String>> {
    let rows: Vec<(String, String)> = sqlx::query!(
        r#"select distinct on (bundle_sid) bundle_sid as "bundle_sid!", failure_reason as "failure_reason!"
         from webhook_event
         where tenant_id = $1 and bundle_sid = any($2) and status = 'twilio-rejected'
             and coalesce(failure_reason, '') <> ''
         order by bundle_sid, received_at desc"#,
        tenant_id as _,
        sids,
    ).map(|row| (row.bundle_sid, row.failure_reason))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Forgets the recorded sweep problems of every bundle in `sids` (mirrored now).
pub async fn clear_problems(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<()> {
    if sids.is_empty() {
        return Ok(());
    }
    let sids: Vec<String> = sids.iter().map(|s| storable(s).into_owned()).collect();
    sqlx::query!(
        "delete from sweep_problem where tenant_id = $1 and bundle_sid = any($2)",
        tenant_id as _,
        sids as _,
    )
    .execute(db)
    .await
    .map(drop)
}
