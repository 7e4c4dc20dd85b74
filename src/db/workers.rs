//! The `job_worker` table: worker processes register, beat a heartbeat, and sign off.

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

/// A registered worker process.
#[derive(Debug, Clone, FromRow)]
pub struct WorkerRow {
    /// `host:pid:random`.
    pub worker_id: String,
    /// The machine it runs on.
    pub host: String,
    /// Its process id.
    pub pid: i32,
    /// How many job runners it runs.
    pub concurrency: i32,
    /// When it registered.
    pub started_at: OffsetDateTime,
    /// Its last heartbeat.
    pub last_heartbeat_at: OffsetDateTime,
    /// Jobs its runners hold right now.
    pub running_jobs: i64,
}

/// Registers a starting worker process.
pub async fn register(
    pool: &PgPool,
    worker_id: &str,
    host: &str,
    pid: u32,
    concurrency: usize,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into job_worker (worker_id, host, pid, concurrency) values ($1, $2, $3, $4)
         on conflict (worker_id) do update set last_heartbeat_at = now(), stopped_at = null",
        worker_id,
        host,
        pid as i32,
        concurrency as i32,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Records that the worker is alive.
pub async fn heartbeat(pool: &PgPool, worker_id: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update job_worker set last_heartbeat_at = now() where worker_id = $1",
        worker_id,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a clean shutdown.
pub async fn mark_stopped(pool: &PgPool, worker_id: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update job_worker set stopped_at = now() where worker_id = $1",
        worker_id,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Workers that beat within the last `within_secs` and did not stop, with the jobs they hold.
pub async fn list_live(pool: &PgPool, within_secs: f64) -> sqlx::Result<Vec<WorkerRow>> {
    sqlx::query_as!(
        WorkerRow,
        r#"select w.worker_id, w.host, w.pid, w.concurrency, w.started_at, w.last_heartbeat_at,
                (select count(*) from job j where j.status = 'running'
                     and j.locked_by like w.worker_id || '/%') as "running_jobs!"
         from job_worker w
         where w.stopped_at is null
           and w.last_heartbeat_at > now() - make_interval(secs => $1)
         order by w.started_at, w.worker_id"#,
        within_secs,
    )
    .fetch_all(pool)
    .await
}

/// Forgets workers that stopped or fell silent before `before` (the prune job calls this).
pub async fn delete_silent_before(pool: &PgPool, before: OffsetDateTime) -> sqlx::Result<u64> {
    let deleted = sqlx::query!(
        "delete from job_worker where last_heartbeat_at < $1",
        before,
    )
    .execute(pool)
    .await?;
    Ok(deleted.rows_affected())
}
