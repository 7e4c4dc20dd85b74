//! The `staff_alert` table: problems staff are emailed about once (see
//! `lifecycle::notifications::staff_alerts`). At most one alert per problem key is open; a
//! fixed problem's alert is resolved, so the problem coming back opens a new one.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::{JobId, StaffAlertId, TenantId};
use crate::domain::staff_alert_kind::StaffAlertKind;
use crate::domain::storable_text::storable;

/// One alert, with its tenant's name.
#[derive(Debug, Clone, FromRow)]
pub struct StaffAlert {
    /// Primary key (also the delivery key of its emails).
    pub staff_alert_id: StaffAlertId,
    /// What it is about.
    pub kind: StaffAlertKind,
    /// The tenant concerned, if any.
    pub tenant_id: Option<TenantId>,
    /// Its name.
    pub tenant_name: Option<String>,
    /// The job concerned (dead jobs).
    pub job_id: Option<JobId>,
    /// Its kind, while the job exists.
    pub job_kind: Option<String>,
    /// What went wrong.
    pub details: String,
    /// When it was raised.
    pub created_at: OffsetDateTime,
}

/// Opens an alert that Twilio refuses `tenant_id`'s credentials, unless one is open; returns
/// the new alert's id.
pub async fn open_credentials_refused(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    details: &str,
) -> sqlx::Result<Option<StaffAlertId>> {
    let details = storable(details);
    // `$1::uuid` everywhere: Postgres would otherwise type the parameter as text (its first
    // use) and refuse it for the uuid column.
    sqlx::query_scalar!(
        r#"insert into staff_alert (kind, problem_key, tenant_id, details)
         values ('credentials_refused', 'credentials:' || $1::uuid::text, $1::uuid, $2)
         on conflict (problem_key) where resolved_at is null do nothing
         returning staff_alert_id as "staff_alert_id: StaffAlertId""#,
        tenant_id as _,
        details.as_ref(),
    )
    .fetch_optional(db)
    .await
}

/// Resolves the open alert about `tenant_id`'s credentials; returns whether there was one.
pub async fn resolve_credentials_refused(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<bool> {
    let resolved = sqlx::query!(
        "update staff_alert set resolved_at = now()
         where problem_key = 'credentials:' || $1::uuid::text and resolved_at is null",
        tenant_id as _,
    )
    .execute(db)
    .await?;
    Ok(resolved.rows_affected() > 0)
}

/// Opens an alert for the death of job `job_id`, unless this death already has one: the key
/// carries the time the job died, so a job that staff revived and that dies again is a new
/// problem (and the alert of its earlier death is resolved). Nothing happens when the job is
/// not dead. Returns the new alert's id.
pub async fn open_job_dead(
    db: impl PgExecutor<'_>,
    job_id: JobId,
    details: &str,
) -> sqlx::Result<Option<StaffAlertId>> {
    let details = storable(details);
    sqlx::query_scalar!(
        r#"with dead as (
             select job_id, tenant_id,
                    'job:' || job_id || ':'
                        || floor(extract(epoch from finished_at) * 1000000)::bigint as problem_key
             from job where job_id = $1 and status = 'dead'
         ), earlier as (
             update staff_alert a set resolved_at = now() from dead
             where a.job_id = dead.job_id and a.kind = 'job_dead' and a.resolved_at is null
               and a.problem_key <> dead.problem_key
         )
         insert into staff_alert (kind, problem_key, tenant_id, job_id, details)
         select 'job_dead', problem_key, tenant_id, job_id, $2 from dead
         on conflict (problem_key) where resolved_at is null do nothing
         returning staff_alert_id as "staff_alert_id: StaffAlertId""#,
        job_id as _,
        details.as_ref(),
    )
    .fetch_optional(db)
    .await
}

/// The alert `staff_alert_id`.
pub async fn find(
    db: impl PgExecutor<'_>,
    staff_alert_id: StaffAlertId,
) -> sqlx::Result<Option<StaffAlert>> {
    sqlx::query_as!(
        StaffAlert,
        r#"select a.staff_alert_id as "staff_alert_id: StaffAlertId",
                a.kind as "kind: StaffAlertKind",
                a.tenant_id as "tenant_id: TenantId", t.name as "tenant_name?",
                a.job_id as "job_id: JobId",
                j.kind as "job_kind?", a.details, a.created_at
         from staff_alert a
         left join tenant t on t.tenant_id = a.tenant_id
         left join job j on j.job_id = a.job_id
         where a.staff_alert_id = $1"#,
        staff_alert_id as _,
    )
    .fetch_optional(db)
    .await
}
