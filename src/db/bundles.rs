//! The `bundle` mirror: a tenant's original Bundles as last read from Twilio.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// A mirrored bundle.
#[derive(Debug, Clone, FromRow)]
pub struct BundleRow {
    /// Primary key.
    pub bundle_id: Uuid,
    /// Owning tenant.
    pub tenant_id: Uuid,
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

const COLUMNS: &str = "bundle_id, tenant_id, sid, friendly_name, status, regulation_sid,
    regulation_name, valid_until, status_callback, synced_at";

/// Inserts or refreshes the mirror of one bundle; regulation facts already known are kept when
/// `regulation` is None.
pub async fn upsert(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    bundle: &BundleUpsert<'_>,
) -> sqlx::Result<BundleRow> {
    let regulation = bundle.regulation;
    sqlx::query_as::<_, BundleRow>(&format!(
        "insert into bundle (tenant_id, sid, friendly_name, status, regulation_sid,
             regulation_name, iso_country, number_type, end_user_type, email, valid_until,
             status_callback, twilio_created_at, twilio_updated_at, synced_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
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
             twilio_updated_at = excluded.twilio_updated_at, synced_at = now()
         returning {COLUMNS}"
    ))
    .bind(tenant_id)
    .bind(bundle.sid)
    .bind(bundle.friendly_name)
    .bind(bundle.status)
    .bind(bundle.regulation_sid)
    .bind(regulation.map(|r| r.name))
    .bind(regulation.map(|r| r.iso_country))
    .bind(regulation.map(|r| r.number_type))
    .bind(regulation.map(|r| r.end_user_type))
    .bind(bundle.email)
    .bind(bundle.valid_until)
    .bind(bundle.status_callback)
    .bind(bundle.date_created)
    .bind(bundle.date_updated)
    .fetch_one(db)
    .await
}

/// The mirrored bundle `sid` of the tenant.
pub async fn find_by_sid(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    sid: &str,
) -> sqlx::Result<Option<BundleRow>> {
    sqlx::query_as::<_, BundleRow>(&format!(
        "select {COLUMNS} from bundle where tenant_id = $1 and sid = $2"
    ))
    .bind(tenant_id)
    .bind(sid)
    .fetch_optional(db)
    .await
}

/// A tenant's bundles, soonest deadline first.
pub async fn list_for_tenant(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
) -> sqlx::Result<Vec<BundleRow>> {
    sqlx::query_as::<_, BundleRow>(&format!(
        "select {COLUMNS} from bundle where tenant_id = $1 order by valid_until nulls last, sid"
    ))
    .bind(tenant_id)
    .fetch_all(db)
    .await
}
