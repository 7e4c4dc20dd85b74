//! Rows put straight into a chosen state, for tests and fixtures that stand in for the steps
//! they do not exercise: a renewal opened in any [`RenewalState`], a bundle with no number or
//! end-user type, a renewal moved to a state with no transition run. Nothing here writes the
//! timeline (append to it with `db::timeline`), so production code never calls these.

use sqlx::PgExecutor;
use time::{Duration, OffsetDateTime};

use crate::domain::ids::{BundleId, RenewalId, TenantId};
use crate::domain::renewal::RenewalState;
use crate::twilio::BundleStatus;

/// A renewal to insert as it is: its deadline is its bundle's `valid_until`.
#[derive(Debug, Clone, Copy)]
pub struct SeededRenewal<'a> {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The bundle renewed.
    pub bundle_id: BundleId,
    /// The state it is in.
    pub state: RenewalState,
    /// How long before the deadline the customer should submit, if it has a submit-by date.
    pub submit_before: Option<Duration>,
    /// Its copy's SID, if it has a copy.
    pub copy_sid: Option<&'a str>,
    /// Its stored snapshot (read now), if any.
    pub snapshot: Option<&'a serde_json::Value>,
}

/// Inserts `renewal`; returns its id.
pub async fn insert_renewal(
    db: impl PgExecutor<'_>,
    renewal: SeededRenewal<'_>,
) -> sqlx::Result<RenewalId> {
    let submit_before_secs = renewal.submit_before.map(|d| d.as_seconds_f64());
    sqlx::query_scalar!(
        r#"insert into renewal (tenant_id, bundle_id, state, deadline, submit_by, copy_sid,
             snapshot, snapshot_at)
         select $1, $2, $3, b.valid_until,
             b.valid_until - make_interval(secs => $4::float8), $5, $6::jsonb,
             case when $6::jsonb is null then null else now() end
         from bundle b where b.bundle_id = $2 and b.tenant_id = $1
         returning renewal_id as "renewal_id: RenewalId""#,
        renewal.tenant_id as _,
        renewal.bundle_id as _,
        renewal.state as _,
        submit_before_secs,
        renewal.copy_sid,
        renewal.snapshot,
    )
    .fetch_one(db)
    .await
}

/// Puts `renewal_id` in `state` as it is: no transition runs, no timeline row is written.
pub async fn put_in_state(
    db: impl PgExecutor<'_>,
    renewal_id: RenewalId,
    state: RenewalState,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update renewal set state = $2 where renewal_id = $1",
        renewal_id as _,
        state as _,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A bundle as the list shows it, with only a regulation name (no number or end-user type).
#[derive(Debug, Clone, Copy)]
pub struct SeededBundle<'a> {
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its SID.
    pub sid: &'a str,
    /// Its name.
    pub friendly_name: &'a str,
    /// Its Twilio status.
    pub status: BundleStatus,
    /// Its regulation's country.
    pub iso_country: &'a str,
    /// Its regulation's name.
    pub regulation_name: &'a str,
    /// Its deadline, if stamped.
    pub valid_until: Option<OffsetDateTime>,
}

/// Inserts `bundle`; returns its id.
pub async fn insert_bundle(
    db: impl PgExecutor<'_>,
    bundle: SeededBundle<'_>,
) -> sqlx::Result<BundleId> {
    sqlx::query_scalar!(
        r#"insert into bundle (tenant_id, sid, friendly_name, status, iso_country,
             regulation_name, valid_until)
         values ($1, $2, $3, $4, $5, $6, $7) returning bundle_id as "bundle_id: BundleId""#,
        bundle.tenant_id as _,
        bundle.sid,
        bundle.friendly_name,
        bundle.status.as_str(),
        bundle.iso_country,
        bundle.regulation_name,
        bundle.valid_until,
    )
    .fetch_one(db)
    .await
}
