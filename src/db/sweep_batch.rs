//! The set-based reads and writes of a sweep: one statement per page of bundles (up to 1,000),
//! not one per bundle, so a sweep of a large account costs what its Twilio list calls cost.
//! Every statement is scoped by tenant.

use std::collections::HashMap;

use sqlx::PgExecutor;

use super::bundles::BundleUpsert;
use crate::domain::ids::{BundleId, TenantId};
use crate::domain::regulation_version::RegulationVersionId;
use crate::domain::storable_text::storable;

/// One bundle's regulation version to record (see [`set_bundle_versions`]).
#[derive(Debug, Clone, Copy)]
pub struct BundleVersion {
    /// The mirrored bundle.
    pub bundle_id: BundleId,
    /// The version it is approved under, or was first seen under.
    pub version: Option<RegulationVersionId>,
    /// Whether `version` replaces what the bundle had, rather than filling it only when empty.
    pub replaces: bool,
}

/// Inserts or refreshes the mirror of every bundle in `bundles` in one statement, as
/// `db::bundles::upsert` does one. Returns each bundle's id by SID.
pub async fn upsert_bundles(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundles: &[BundleUpsert<'_>],
) -> sqlx::Result<HashMap<String, BundleId>> {
    let column = |f: fn(&BundleUpsert<'_>) -> Option<String>| -> Vec<Option<String>> {
        bundles.iter().map(f).collect()
    };
    let sids = column(|b| Some(b.sid.to_owned()));
    let names = column(|b| Some(b.friendly_name.to_owned()));
    let statuses = column(|b| Some(b.status.to_owned()));
    let regulation_sids = column(|b| b.regulation_sid.map(str::to_owned));
    let regulation_names = column(|b| b.regulation.as_ref().map(|r| r.name.to_owned()));
    let countries = column(|b| b.regulation.as_ref().map(|r| r.iso_country.to_owned()));
    let number_types = column(|b| b.regulation.as_ref().map(|r| r.number_type.to_owned()));
    let end_user_types = column(|b| b.regulation.as_ref().map(|r| r.end_user_type.to_owned()));
    let emails = column(|b| b.email.map(str::to_owned));
    let callbacks = column(|b| b.status_callback.map(str::to_owned));
    let valid_until: Vec<_> = bundles.iter().map(|b| b.valid_until).collect();
    let created: Vec<_> = bundles.iter().map(|b| b.date_created).collect();
    let updated: Vec<_> = bundles.iter().map(|b| b.date_updated).collect();
    let checked: Vec<bool> = bundles.iter().map(|b| b.copy_checked).collect();
    let rows: Vec<(String, BundleId)> = sqlx::query!(
        r#"insert into bundle (tenant_id, sid, friendly_name, status, regulation_sid,
             regulation_name, iso_country, number_type, end_user_type, email, valid_until,
             status_callback, twilio_created_at, twilio_updated_at, synced_at, copy_checked_at)
         select $1, sid, name, status, regulation_sid, regulation_name, iso_country,
                number_type, end_user_type, email, valid_until, status_callback, created,
                updated, now(), case when checked then now() end
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[],
                     $13::timestamptz[], $14::timestamptz[], $15::bool[])
             as page(sid, name, status, regulation_sid, regulation_name, iso_country,
                     number_type, end_user_type, email, valid_until, status_callback,
                     created, updated, checked)
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
             copy_checked_at = coalesce(bundle.copy_checked_at, excluded.copy_checked_at)
         returning sid, bundle_id as "bundle_id: BundleId""#,
        tenant_id as _,
        sids as _,
        names as _,
        statuses as _,
        regulation_sids as _,
        regulation_names as _,
        countries as _,
        number_types as _,
        end_user_types as _,
        emails as _,
        valid_until as _,
        callbacks as _,
        created as _,
        updated as _,
        checked as _,
    )
    .map(|row| (row.sid, row.bundle_id))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Records the version each bundle in `versions` is approved under (`replaces`), or the version
/// it was first seen under when it has none yet, in one statement.
pub async fn set_bundle_versions(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    versions: &[BundleVersion],
) -> sqlx::Result<()> {
    if versions.is_empty() {
        return Ok(());
    }
    let ids: Vec<BundleId> = versions.iter().map(|v| v.bundle_id).collect();
    let version_ids: Vec<Option<i64>> = versions
        .iter()
        .map(|v| v.version.map(RegulationVersionId::get))
        .collect();
    let replaces: Vec<bool> = versions.iter().map(|v| v.replaces).collect();
    sqlx::query!(
        "update bundle b set regulation_version_id =
             case when page.replaces then page.version_id
                  else coalesce(b.regulation_version_id, page.version_id) end
         from unnest($2::uuid[], $3::bigint[], $4::bool[]) as page(bundle_id, version_id, replaces)
         where b.tenant_id = $1 and b.bundle_id = page.bundle_id
             and b.regulation_version_id is distinct from
                 case when page.replaces then page.version_id
                      else coalesce(b.regulation_version_id, page.version_id) end",
        tenant_id as _,
        ids as _,
        version_ids as _,
        replaces as _,
    )
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
