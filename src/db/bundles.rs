//! The `bundle` mirror: a tenant's original Bundles as last read from Twilio.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::{BundleId, TenantId};

/// A mirrored bundle.
#[derive(Debug, Clone, FromRow)]
pub struct BundleRow {
    /// Primary key.
    pub bundle_id: BundleId,
    /// Owning tenant.
    pub tenant_id: TenantId,
    /// `BU…`.
    pub sid: String,
    /// Display name.
    pub friendly_name: String,
    /// Twilio status (`twilio-approved`, …).
    pub status: String,
    /// `RN…`.
    pub regulation_sid: Option<String>,
    /// The regulation's friendly name.
    pub regulation_name: Option<String>,
    /// Twilio's deadline.
    pub valid_until: Option<OffsetDateTime>,
    /// Where Twilio posts status callbacks for it.
    pub status_callback: Option<String>,
    /// Last read from Twilio.
    pub synced_at: OffsetDateTime,
}

/// What Twilio said about a bundle.
#[derive(Debug, Clone)]
pub struct BundleUpsert<'a> {
    /// `BU…`.
    pub sid: &'a str,
    /// Display name.
    pub friendly_name: &'a str,
    /// Twilio status.
    pub status: &'a str,
    /// `RN…`.
    pub regulation_sid: Option<&'a str>,
    /// The regulation's friendly name, country, number type and end-user type, when known.
    pub regulation: Option<RegulationInfo<'a>>,
    /// Status email.
    pub email: Option<&'a str>,
    /// Deadline.
    pub valid_until: Option<OffsetDateTime>,
    /// Callback URL.
    pub status_callback: Option<&'a str>,
    /// Twilio's creation time.
    pub date_created: Option<OffsetDateTime>,
    /// Twilio's update time.
    pub date_updated: Option<OffsetDateTime>,
    /// Whether this sweep made sure, from Twilio's copy lists, that the bundle is no copy.
    pub copy_checked: bool,
}

/// Regulation facts copied onto the bundle row.
#[derive(Debug, Clone, Copy)]
pub struct RegulationInfo<'a> {
    /// Friendly name.
    pub name: &'a str,
    /// ISO country.
    pub iso_country: &'a str,
    /// Number type.
    pub number_type: &'a str,
    /// End-user type.
    pub end_user_type: &'a str,
}

/// Inserts or refreshes the mirror of one bundle; regulation facts already known are kept when
/// `regulation` is None.
pub async fn upsert(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle: &BundleUpsert<'_>,
) -> sqlx::Result<BundleRow> {
    let regulation = bundle.regulation;
    sqlx::query_as!(
        BundleRow,
        r#"insert into bundle (tenant_id, sid, friendly_name, status, regulation_sid,
             regulation_name, iso_country, number_type, end_user_type, email, valid_until,
             status_callback, twilio_created_at, twilio_updated_at, synced_at, copy_checked_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now(),
                 case when $15 then now() end)
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
         returning bundle_id as "bundle_id: BundleId", tenant_id as "tenant_id: TenantId",
             sid, friendly_name, status, regulation_sid,
    regulation_name, valid_until, status_callback, synced_at"#,
        tenant_id as _,
        bundle.sid,
        bundle.friendly_name,
        bundle.status,
        bundle.regulation_sid,
        regulation.map(|r| r.name),
        regulation.map(|r| r.iso_country),
        regulation.map(|r| r.number_type),
        regulation.map(|r| r.end_user_type),
        bundle.email,
        bundle.valid_until,
        bundle.status_callback,
        bundle.date_created,
        bundle.date_updated,
        bundle.copy_checked,
    )
    .fetch_one(db)
    .await
}

/// The mirrored bundle `sid` of the tenant.
pub async fn find_by_sid(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sid: &str,
) -> sqlx::Result<Option<BundleRow>> {
    sqlx::query_as!(
        BundleRow,
        r#"select bundle_id as "bundle_id: BundleId", tenant_id as "tenant_id: TenantId", sid,
            friendly_name, status, regulation_sid,
    regulation_name, valid_until, status_callback,
        synced_at from bundle where tenant_id = $1 and sid = $2"#,
        tenant_id as _,
        sid,
    )
    .fetch_optional(db)
    .await
}

/// A tenant's bundles, soonest deadline first.
pub async fn list_for_tenant(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<BundleRow>> {
    sqlx::query_as!(
        BundleRow,
        r#"select bundle_id as "bundle_id: BundleId", tenant_id as "tenant_id: TenantId", sid,
            friendly_name, status, regulation_sid,
    regulation_name, valid_until, status_callback,
        synced_at from bundle where tenant_id = $1 order by valid_until nulls last, sid"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// Of `sids`, those already made sure (by an earlier sweep) to be no copy.
pub async fn copy_checked_among(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select sid from bundle
         where tenant_id = $1 and sid = any($2) and copy_checked_at is not null",
        tenant_id as _,
        sids,
    )
    .fetch_all(db)
    .await
}

/// The tenant's mirrored rows whose name starts with `prefix`, as (SID, name).
pub async fn named_with_prefix(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    prefix: &str,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query!(
        "select sid, friendly_name from bundle
         where tenant_id = $1 and archived_at is null and starts_with(friendly_name, $2)",
        tenant_id as _,
        prefix,
    )
    .map(|row| (row.sid, row.friendly_name))
    .fetch_all(db)
    .await
}

/// How many mirrored rows that were copies went: deleted, or archived (kept for a trail).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CopiesRemoved {
    /// Rows deleted (nothing referred to them).
    pub deleted: u64,
    /// Rows archived because a renewal (and its timeline) refers to them.
    pub archived: u64,
}

/// Removes the tenant's mirrored rows that are known copies (see `db::bundle_copies`): a row a
/// renewal refers to is archived (its timeline is append-only and stays), any other is deleted.
pub async fn remove_known_copies(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<CopiesRemoved> {
    let (deleted, archived): (i64, i64) = sqlx::query!(
        r#"with copies as (
             select b.bundle_id, exists (select 1 from renewal r
                                         where r.bundle_id = b.bundle_id) as has_trail
             from bundle b
             where b.tenant_id = $1 and b.archived_at is null
               and (exists (select 1 from bundle_copy c
                            where c.tenant_id = b.tenant_id and c.copy_sid = b.sid)
                    or exists (select 1 from renewal r
                               where r.tenant_id = b.tenant_id and r.copy_sid = b.sid))
         ), archived as (
             update bundle set archived_at = now()
             where bundle_id in (select bundle_id from copies where has_trail)
             returning 1
         ), deleted as (
             delete from bundle
             where bundle_id in (select bundle_id from copies where not has_trail)
             returning 1
         )
         select (select count(*) from deleted) as "deleted!",
             (select count(*) from archived) as "archived!""#,
        tenant_id as _,
    )
    .map(|row| (row.deleted, row.archived))
    .fetch_one(db)
    .await?;
    Ok(CopiesRemoved {
        deleted: deleted as u64,
        archived: archived as u64,
    })
}
