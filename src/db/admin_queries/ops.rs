//! Background jobs and received webhooks, across tenants, for the operations pages.

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::domain::job_status::JobStatus;

/// A job with its tenant's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobView {
    /// Primary key.
    pub job_id: i64,
    /// Handler name.
    pub kind: String,
    /// Tenant name, if the job belongs to one.
    pub tenant_name: Option<String>,
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

const JOB_SELECT: &str = "select j.job_id, j.kind, t.name as tenant_name, j.status, j.attempts,
        j.max_attempts, j.last_error, j.run_at, j.updated_at, j.payload::text as payload
     from job j left join tenant t on t.tenant_id = j.tenant_id";

/// Jobs that need a human's eye: dead ones, and pending ones that already failed at least once.
pub async fn troubled_jobs(db: &PgPool, limit: i64) -> sqlx::Result<Vec<JobView>> {
    sqlx::query_as(&format!(
        "{JOB_SELECT} where j.status = 'dead'
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
    sqlx::query_as(&format!(
        "{JOB_SELECT} where ($1::text is null or j.status = $1)
         order by j.updated_at desc, j.job_id desc limit $2"
    ))
    .bind(status)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// `(failing, dead)`: pending jobs that failed at least once, and dead jobs.
pub async fn job_counts(db: &PgPool) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "select count(*) filter (where status in ('pending', 'running') and last_error is not null),
                count(*) filter (where status = 'dead')
         from job",
    )
    .fetch_one(db)
    .await
}

/// The latest job of `kind` for a tenant (e.g. its last sweep).
pub async fn latest_job(db: &PgPool, tenant_id: Uuid, kind: &str) -> sqlx::Result<Option<JobView>> {
    sqlx::query_as(&format!(
        "{JOB_SELECT} where j.tenant_id = $1 and j.kind = $2 order by j.job_id desc limit 1"
    ))
    .bind(tenant_id)
    .bind(kind)
    .fetch_optional(db)
    .await
}

/// A received status callback with its tenant's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WebhookView {
    /// Primary key.
    pub webhook_event_id: Uuid,
    /// Tenant name.
    pub tenant_name: String,
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
    sqlx::query_as(
        "select w.webhook_event_id, t.name as tenant_name, w.bundle_sid, w.status,
                w.failure_reason, w.duplicate, w.processed_at, w.received_at,
                w.payload::text as payload
         from webhook_event w join tenant t on t.tenant_id = w.tenant_id
         where ($1::text[] is null or w.bundle_sid = any($1))
         order by w.received_at desc limit $2",
    )
    .bind(bundle_sids)
    .bind(limit)
    .fetch_all(db)
    .await
}
