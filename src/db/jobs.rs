//! The `job` table: enqueue inside the caller's transaction, claim with `for update skip locked`,
//! and record each attempt's outcome. The runner and worker in `crate::jobs` drive these.

use serde_json::Value;
use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use super::PgTx;
use crate::domain::ids::{JobId, TenantId};
use crate::domain::job_status::JobStatus;

/// The channel `enqueue` notifies (delivered when the caller's transaction commits).
pub const NOTIFY_CHANNEL: &str = "recomply_jobs";

/// A job to insert.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// Which handler runs it.
    pub kind: &'static str,
    /// The handler's serde payload.
    pub payload: Value,
    /// Owning tenant, if any.
    pub tenant_id: Option<TenantId>,
    /// Collapses with a pending job of the same key.
    pub dedupe_key: Option<String>,
    /// Earliest time to run; `None` is "now".
    pub run_at: Option<OffsetDateTime>,
    /// Attempts before the job is declared dead.
    pub max_attempts: i32,
}

/// A job row.
#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    /// Primary key.
    pub job_id: JobId,
    /// Handler name.
    pub kind: String,
    /// Serde payload.
    pub payload: Value,
    /// Owning tenant.
    pub tenant_id: Option<TenantId>,
    /// Dedupe key.
    pub dedupe_key: Option<String>,
    /// Where the job is.
    pub status: JobStatus,
    /// Earliest run time.
    pub run_at: OffsetDateTime,
    /// Attempts started so far (including the current one while running).
    pub attempts: i32,
    /// Attempts allowed.
    pub max_attempts: i32,
    /// The last failure.
    pub last_error: Option<String>,
    /// When it was inserted.
    pub created_at: OffsetDateTime,
    /// When it finished (done or dead).
    pub finished_at: Option<OffsetDateTime>,
}

/// Inserts `job` in the caller's transaction. A pending job with the same dedupe key absorbs it
/// (keeping the earlier `run_at`; the twin is locked until the caller commits, so no worker
/// claims it before the caller's change is visible). Returns the id of the job that will run.
pub async fn insert(tx: &mut PgTx<'_>, job: &NewJob) -> sqlx::Result<JobId> {
    let job_id = sqlx::query_scalar!(
        r#"insert into job (kind, payload, tenant_id, dedupe_key, run_at, max_attempts)
         values ($1, $2, $3, $4, coalesce($5, now()), $6)
         on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
         do update set run_at = least(job.run_at, excluded.run_at)
         returning job_id as "job_id: JobId""#,
        job.kind,
        &job.payload,
        job.tenant_id as _,
        &job.dedupe_key as _,
        job.run_at,
        job.max_attempts,
    )
    .fetch_one(&mut **tx)
    .await?;
    notify(tx, job.kind).await?;
    Ok(job_id)
}

/// Inserts `jobs` in the caller's transaction in one statement, each as [`insert`] would
/// (a pending twin with the same dedupe key absorbs it), and wakes the workers once per kind.
/// The dedupe keys must be distinct. Returns the ids of the jobs that will run.
pub async fn insert_many(tx: &mut PgTx<'_>, jobs: &[NewJob]) -> sqlx::Result<Vec<JobId>> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let kinds: Vec<&str> = jobs.iter().map(|j| j.kind).collect();
    let payloads: Vec<&Value> = jobs.iter().map(|j| &j.payload).collect();
    let tenants: Vec<Option<TenantId>> = jobs.iter().map(|j| j.tenant_id).collect();
    let keys: Vec<Option<&str>> = jobs.iter().map(|j| j.dedupe_key.as_deref()).collect();
    let run_ats: Vec<Option<OffsetDateTime>> = jobs.iter().map(|j| j.run_at).collect();
    let attempts: Vec<i32> = jobs.iter().map(|j| j.max_attempts).collect();
    let ids = sqlx::query_scalar!(
        r#"insert into job (kind, payload, tenant_id, dedupe_key, run_at, max_attempts)
         select kind, payload, tenant_id, dedupe_key, coalesce(run_at, now()), max_attempts
         from unnest($1::text[], $2::jsonb[], $3::uuid[], $4::text[], $5::timestamptz[],
                     $6::int4[]) with ordinality
              as j(kind, payload, tenant_id, dedupe_key, run_at, max_attempts, n)
         order by n
         on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
         do update set run_at = least(job.run_at, excluded.run_at)
         returning job_id as "job_id: JobId""#,
        &kinds as _,
        &payloads as _,
        &tenants as _,
        &keys as _,
        &run_ats as _,
        &attempts,
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut woken: Vec<&str> = Vec::new();
    for kind in kinds {
        if !woken.contains(&kind) {
            notify(tx, kind).await?;
            woken.push(kind);
        }
    }
    Ok(ids)
}

/// Like [`insert`], but a pending twin due no later than `job` absorbs it without being locked
/// or written, and no worker is notified (none needs waking for a job it already knows): many
/// callers joining one pending job do not queue on its row. Only a twin due later is moved
/// forward (locking it). Because the twin is not locked, a worker may claim and run it before
/// the caller commits: only for jobs that wait for their callers' transactions themselves
/// (`process_bundle_status` and the callbacks' intake lock). When a concurrent caller's twin
/// appears (or the twin is claimed) meanwhile, the statement is tried again with a fresh view,
/// a few times, then [`insert`] has the last word.
pub async fn join_or_insert(tx: &mut PgTx<'_>, job: &NewJob) -> sqlx::Result<JobId> {
    for _ in 0..5 {
        // Joins the pending twin due no later (`false`: nothing to wake anyone for), moves a
        // twin due later forward, or inserts the job (`true` for both). No row when a twin
        // committed by a concurrent caller turned up (`do nothing` never locks it) or the twin
        // was claimed meanwhile.
        let joined: Option<(JobId, bool)> = sqlx::query!(
            r#"
with twin as (
    select job_id, run_at from job where dedupe_key = $4 and status = 'pending'
), moved as (
    update job set run_at = coalesce($5, now())
      from twin
     where job.job_id = twin.job_id and job.status = 'pending'
       and twin.run_at > coalesce($5, now())
    returning job.job_id
), queued as (
    insert into job (kind, payload, tenant_id, dedupe_key, run_at, max_attempts)
    select $1, $2, $3, $4, coalesce($5, now()), $6
     where not exists (select 1 from twin)
    on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
    do nothing
    returning job_id
)
select job_id as "job_id!: JobId", false as "queued!" from twin where run_at <= coalesce($5, now())
union all
select job_id, true from moved
union all
select job_id, true from queued"#,
            job.kind,
            &job.payload,
            job.tenant_id as _,
            &job.dedupe_key as _,
            job.run_at,
            job.max_attempts,
        )
        .map(|row| (row.job_id, row.queued))
        .fetch_optional(&mut **tx)
        .await?;
        if let Some((job_id, queued)) = joined {
            if queued {
                notify(tx, job.kind).await?;
            }
            return Ok(job_id);
        }
    }
    insert(tx, job).await
}

/// Wakes the workers (on commit) for a job of `kind`.
async fn notify(tx: &mut PgTx<'_>, kind: &str) -> sqlx::Result<()> {
    sqlx::query!("select pg_notify($1, $2)", NOTIFY_CHANNEL, kind)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Inserts `job` unless a job with its dedupe key is already pending or running (periodic
/// jobs: starting a worker must not pull the next scheduled run forward). Returns whether it
/// was inserted.
pub async fn insert_if_absent(tx: &mut PgTx<'_>, job: &NewJob) -> sqlx::Result<bool> {
    let inserted: Option<i64> = sqlx::query_scalar!(
        "insert into job (kind, payload, tenant_id, dedupe_key, run_at, max_attempts)
         select $1, $2, $3, $4, coalesce($5, now()), $6
         where not exists (select 1 from job where dedupe_key = $4
                           and status in ('pending', 'running'))
         on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
         do nothing
         returning job_id",
        job.kind,
        &job.payload,
        job.tenant_id as _,
        &job.dedupe_key as _,
        job.run_at,
        job.max_attempts,
    )
    .fetch_optional(&mut **tx)
    .await?;
    if inserted.is_some() {
        notify(tx, job.kind).await?;
    }
    Ok(inserted.is_some())
}

/// [`insert_if_absent`] for many jobs at once, in one statement whatever their number (a
/// sweep re-enqueueing the next step of every open renewal). Returns how many were inserted.
pub async fn insert_all_if_absent(tx: &mut PgTx<'_>, jobs: &[NewJob]) -> sqlx::Result<usize> {
    if jobs.is_empty() {
        return Ok(0);
    }
    let kinds: Vec<&str> = jobs.iter().map(|j| j.kind).collect();
    let payloads: Vec<&Value> = jobs.iter().map(|j| &j.payload).collect();
    let tenants: Vec<Option<TenantId>> = jobs.iter().map(|j| j.tenant_id).collect();
    let keys: Vec<Option<&str>> = jobs.iter().map(|j| j.dedupe_key.as_deref()).collect();
    let run_ats: Vec<Option<OffsetDateTime>> = jobs.iter().map(|j| j.run_at).collect();
    let attempts: Vec<i32> = jobs.iter().map(|j| j.max_attempts).collect();
    let inserted: Vec<String> = sqlx::query_scalar!(
        "insert into job (kind, payload, tenant_id, dedupe_key, run_at, max_attempts)
         select kind, payload, tenant_id, dedupe_key, coalesce(run_at, now()), max_attempts
         from unnest($1::text[], $2::jsonb[], $3::uuid[], $4::text[], $5::timestamptz[],
                     $6::int4[]) with ordinality
              as j(kind, payload, tenant_id, dedupe_key, run_at, max_attempts, n)
         where not exists (select 1 from job where job.dedupe_key = j.dedupe_key
                           and job.status in ('pending', 'running'))
         order by n
         on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null
         do nothing
         returning kind",
        &kinds as _,
        &payloads as _,
        &tenants as _,
        &keys as _,
        &run_ats as _,
        &attempts,
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut woken: Vec<&str> = Vec::new();
    for kind in &inserted {
        if !woken.contains(&kind.as_str()) {
            notify(tx, kind).await?;
            woken.push(kind);
        }
    }
    Ok(inserted.len())
}

/// Claims the next due job (or one whose worker's lease ran out) for `worker`, holding it for
/// `lease_secs`. Concurrent claimers skip each other's locked rows, so each job goes to one.
pub async fn claim_next(
    pool: &PgPool,
    worker: &str,
    lease_secs: f64,
) -> sqlx::Result<Option<JobRow>> {
    sqlx::query_as!(
        JobRow,
        r#"update job set status = 'running', attempts = attempts + 1, locked_by = $1,
             locked_until = now() + make_interval(secs => $2)
         where job_id = (
             select job_id from job
             where (status = 'pending' and run_at <= now())
                or (status = 'running' and locked_until < now())
             order by run_at, job_id
             for update skip locked
             limit 1)
         returning job_id as "job_id: JobId", kind, payload, tenant_id as "tenant_id: TenantId", dedupe_key,
             status as "status: JobStatus", run_at, attempts,
    max_attempts, last_error, created_at, finished_at"#,
        worker,
        lease_secs,
    )
    .fetch_optional(pool)
    .await
}

/// Which claim of a job a runner holds: the job, the runner, and the attempt it started. Every
/// write about a running job is conditioned on it, so a runner that lost its lease changes
/// nothing (the job may already be running elsewhere).
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// The job.
    pub job_id: JobId,
    /// The runner holding it.
    pub worker: &'a str,
    /// The attempt number the claim started.
    pub attempt: i32,
}

/// Extends a held lease by `lease_secs` from now; `false` when the claim is no longer held.
///
/// The new lease counts from the statement's start, so a heartbeat whose commit waited for
/// the disk would land with its lease partly spent: on a busy disk (a checkpoint, another
/// database being created) a few seconds' wait let a second runner take a job that was still
/// running. The heartbeat therefore commits without waiting for its WAL to be flushed
/// (`synchronous_commit` off for this one statement): other runners see it at once, and a
/// crash that loses it loses nothing but a lease extension.
pub async fn renew_lease(pool: &PgPool, claim: Claim<'_>, lease_secs: f64) -> sqlx::Result<bool> {
    let renewed = sqlx::query!(
        "with unflushed as (select set_config('synchronous_commit', 'off', true))
         update job set locked_until = now() + make_interval(secs => $4)
         from unflushed
         where job_id = $1 and locked_by = $2 and attempts = $3 and status = 'running'",
        claim.job_id as _,
        claim.worker,
        claim.attempt,
        lease_secs,
    )
    .execute(pool)
    .await?;
    Ok(renewed.rows_affected() == 1)
}

/// Marks a held job done; `false` when the claim was lost (nothing changed).
pub async fn mark_done(pool: &PgPool, claim: Claim<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update job set status = 'done', finished_at = now(), locked_until = null where job_id = $1 and locked_by = $2 and attempts = $3 and status = 'running'",
        claim.job_id as _,
        claim.worker,
        claim.attempt,
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed attempt of a held job: back to pending at `retry_at`, or dead when
/// `retry_at` is `None`. If another pending job with the same key appeared meanwhile, this one
/// is folded into it. Nothing changes when the claim was lost.
pub async fn mark_failed(
    pool: &PgPool,
    claim: Claim<'_>,
    error: &str,
    retry_at: Option<OffsetDateTime>,
) -> sqlx::Result<()> {
    let result = sqlx::query!(
        "update job set status = case when $5::timestamptz is null then 'dead' else 'pending' end,
             last_error = $4, run_at = coalesce($5, run_at), locked_until = null,
             finished_at = case when $5::timestamptz is null then now() else null end
         where job_id = $1 and locked_by = $2 and attempts = $3 and status = 'running'",
        claim.job_id as _,
        claim.worker,
        claim.attempt,
        error,
        retry_at,
    )
    .execute(pool)
    .await;
    match result {
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
            // A newer pending job with the same key will do the work: this one is finished.
            sqlx::query!(
                "update job set status = 'done', last_error = $4, finished_at = now(),
                     locked_until = null
                 where job_id = $1 and locked_by = $2 and attempts = $3 and status = 'running'",
                claim.job_id as _,
                claim.worker,
                claim.attempt,
                error,
            )
            .execute(pool)
            .await?;
            Ok(())
        }
        other => other.map(drop),
    }
}

/// Jobs by status, newest first (the admin view's failing-jobs list uses `dead`).
pub async fn list_by_status(
    pool: &PgPool,
    status: JobStatus,
    limit: i64,
) -> sqlx::Result<Vec<JobRow>> {
    sqlx::query_as!(
        JobRow,
        r#"select job_id as "job_id: JobId", kind, payload, tenant_id as "tenant_id: TenantId", dedupe_key,
            status as "status: JobStatus", run_at, attempts,
    max_attempts, last_error, created_at,
        finished_at from job where status = $1 order by updated_at desc, job_id desc limit $2"#,
        status as _,
        limit,
    )
    .fetch_all(pool)
    .await
}

/// Pending and running jobs, soonest first.
pub async fn list_open(pool: &PgPool) -> sqlx::Result<Vec<JobRow>> {
    sqlx::query_as!(
        JobRow,
        r#"select job_id as "job_id: JobId", kind, payload, tenant_id as "tenant_id: TenantId", dedupe_key,
            status as "status: JobStatus", run_at, attempts,
    max_attempts, last_error, created_at,
        finished_at from job where status in ('pending', 'running') order by run_at, job_id"#,
    )
    .fetch_all(pool)
    .await
}

/// Makes a dead job pending again, due now, with a fresh attempt budget (staff "retry").
pub async fn revive(pool: &PgPool, job_id: JobId) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update job set status = 'pending', attempts = 0, run_at = now(), finished_at = null
         where job_id = $1 and status = 'dead'",
        job_id as _,
    )
    .execute(pool)
    .await;
    match result {
        Ok(done) => Ok(done.rows_affected() == 1),
        // A pending job with the same key already exists: it will do the work.
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Ok(false),
        Err(error) => Err(error),
    }
}

/// Deletes `done` jobs that finished before `before`; returns how many. Pending, running and
/// dead jobs are never touched.
pub async fn delete_done_before(pool: &PgPool, before: OffsetDateTime) -> sqlx::Result<u64> {
    let deleted = sqlx::query!(
        "delete from job where status = 'done' and finished_at < $1",
        before,
    )
    .execute(pool)
    .await?;
    Ok(deleted.rows_affected())
}

/// How many jobs are in each status (only statuses that have any).
pub async fn count_by_status(pool: &PgPool) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query!(r#"select status, count(*) as "count!" from job group by status"#)
        .map(|row| (row.status, row.count))
        .fetch_all(pool)
        .await
}
