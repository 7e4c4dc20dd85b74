//! Background jobs and received webhooks, across tenants, for the operations pages.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::filter::{Filter, ListQuery, rows};
use crate::domain::ids::{JobId, RenewalId, TenantId, UserId, WebhookEventId};
use crate::domain::job_status::JobStatus;

/// A job with its tenant's name, and the renewal and user it works for (read from its payload).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobView {
    /// Primary key.
    pub job_id: JobId,
    /// Handler name.
    pub kind: String,
    /// The tenant, if the job belongs to one.
    pub tenant_id: Option<TenantId>,
    /// Tenant name, if the job belongs to one.
    pub tenant_name: Option<String>,
    /// The renewal it works on (its payload's renewal, or the renewal of its payload's bundle).
    pub renewal_id: Option<RenewalId>,
    /// The customer user it works for (a sign-in link's recipient).
    pub app_user_id: Option<UserId>,
    /// That user's email.
    pub user_email: Option<String>,
    /// Where the job is.
    pub status: JobStatus,
    /// Attempts so far.
    pub attempts: i32,
    /// Attempts allowed.
    pub max_attempts: i32,
    /// The last failure.
    pub last_error: Option<String>,
    /// Next run (pending) or when it was due.
    pub run_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// The payload, compact JSON.
    pub payload: String,
}

/// The latest renewal of the tenant `{tenant}` whose original or copy is the bundle `{sid}`
/// (two index probes), as a lateral join named `rs`.
fn renewal_of_bundle(tenant: &str, sid: &str) -> String {
    format!(
        "left join lateral (
             select x.renewal_id from (
                 select r.renewal_id, r.created_at from renewal r
                 join bundle b on b.bundle_id = r.bundle_id
                 where b.tenant_id = {tenant} and b.sid = {sid}
                 union all
                 select r.renewal_id, r.created_at from renewal r
                 where r.tenant_id = {tenant} and r.copy_sid = {sid}
             ) x order by x.created_at desc limit 1
         ) rs on true"
    )
}

/// A uuid in the job payload's `field`, or null when it is absent or malformed (never an error).
fn payload_uuid(field: &str) -> String {
    format!(
        "case when j.payload->>'{field}' ~* '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$'
              then (j.payload->>'{field}')::uuid end"
    )
}

/// Jobs with their tenant, renewal and user.
fn job_select() -> String {
    format!(
        "select j.job_id, j.kind, j.tenant_id, t.name as tenant_name,
                coalesce(r.renewal_id, rs.renewal_id) as renewal_id,
                u.app_user_id, u.email as user_email,
                j.status, j.attempts, j.max_attempts, j.last_error, j.run_at, j.updated_at,
                j.payload::text as payload
         from job j left join tenant t on t.tenant_id = j.tenant_id
         left join renewal r on r.tenant_id = j.tenant_id and r.renewal_id = {renewal}
         left join app_user u on u.tenant_id = j.tenant_id and u.app_user_id = {user}
         {by_bundle}",
        renewal = payload_uuid("renewal_id"),
        user = payload_uuid("app_user_id"),
        by_bundle = renewal_of_bundle("j.tenant_id", "(j.payload->>'bundle_sid')"),
    )
}

/// Jobs that need a human's eye: dead ones, and pending ones that already failed at least once.
pub async fn troubled_jobs(db: &PgPool, limit: i64) -> sqlx::Result<Vec<JobView>> {
    let select = job_select();
    // Runtime-checked: `job_select` builds the select from the payload fragments.
    sqlx::query_as(&format!(
        "{select} where j.status = 'dead'
            or (j.status in ('pending', 'running') and j.last_error is not null)
         order by j.status = 'dead' desc, j.updated_at desc limit $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Jobs in `status` (or every status), newest change first.
pub async fn jobs(
    db: &PgPool,
    status: Option<JobStatus>,
    limit: i64,
) -> sqlx::Result<Vec<JobView>> {
    let select = job_select();
    let conditions = Filter::new().equals("j.status", status.map(JobStatus::as_str));
    let list = ListQuery {
        count: "select count(*) from job j",
        select: &select,
        order_by: "j.updated_at desc, j.job_id desc",
    };
    rows(db, list, &conditions, limit, 0).await
}

/// `(failing, dead)`: pending jobs that failed at least once, and dead jobs.
pub async fn job_counts(db: &PgPool) -> sqlx::Result<(i64, i64)> {
    // Each count reads its partial index (`job_troubled_idx`, `job_dead_idx`), not every job
    // ever run.
    sqlx::query!(
        r#"select (select count(*) from job
                 where status in ('pending', 'running') and last_error is not null) as "failing!",
                (select count(*) from job where status = 'dead') as "dead!""#,
    )
    .map(|row| (row.failing, row.dead))
    .fetch_one(db)
    .await
}

/// The latest job of `kind` for a tenant (e.g. its last sweep).
pub async fn latest_job(
    db: &PgPool,
    tenant_id: TenantId,
    kind: &str,
) -> sqlx::Result<Option<JobView>> {
    let select = job_select();
    // Runtime-checked: `job_select` builds the select from the payload fragments.
    sqlx::query_as(&format!(
        "{select} where j.tenant_id = $1 and j.kind = $2 order by j.job_id desc limit 1"
    ))
    .bind(tenant_id)
    .bind(kind)
    .fetch_optional(db)
    .await
}

/// A received status callback with its tenant's name and the renewal it is about.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WebhookView {
    /// Primary key.
    pub webhook_event_id: WebhookEventId,
    /// The tenant.
    pub tenant_id: TenantId,
    /// Tenant name.
    pub tenant_name: String,
    /// The latest renewal whose original or copy the callback is about.
    pub renewal_id: Option<RenewalId>,
    /// `BU…`.
    pub bundle_sid: Option<String>,
    /// The Status field.
    pub status: Option<String>,
    /// The FailureReason field.
    pub failure_reason: Option<String>,
    /// A repeat delivery.
    pub duplicate: bool,
    /// When processing finished.
    pub processed_at: Option<OffsetDateTime>,
    /// When it arrived.
    pub received_at: OffsetDateTime,
    /// Every form field, compact JSON.
    pub payload: String,
}

/// Latest callbacks, optionally only those about one of `bundle_sids`.
pub async fn webhooks(
    db: &PgPool,
    bundle_sids: Option<&[String]>,
    limit: i64,
) -> sqlx::Result<Vec<WebhookView>> {
    // Runtime-checked: composed with the shared `renewal_of_bundle` fragment. Not a
    // `filter::rows` list: the newest callbacks are limited before the joins, so the page
    // reads `limit` rows of the index on `received_at`, not every callback.
    sqlx::query_as(&format!(
        "select w.webhook_event_id, w.tenant_id, t.name as tenant_name, rs.renewal_id,
                w.bundle_sid, w.status, w.failure_reason, w.duplicate, w.processed_at,
                w.received_at, w.payload::text as payload
         from (select * from webhook_event
               where ($1::text[] is null or bundle_sid = any($1))
               order by received_at desc limit $2) w
         join tenant t on t.tenant_id = w.tenant_id
         {by_bundle}
         order by w.received_at desc",
        by_bundle = renewal_of_bundle("w.tenant_id", "w.bundle_sid"),
    ))
    .bind(bundle_sids)
    .bind(limit)
    .fetch_all(db)
    .await
}
