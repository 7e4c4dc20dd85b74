//! Durable background jobs on Postgres.
//!
//! The queue is a plain `job` table claimed with `for update skip locked` (the pattern of
//! crates.io and zero-to-production; a test measured it exactly-once across processes). We
//! chose it over graphile_worker because it keeps a single database driver (sqlx) and lets tests
//! drain jobs deterministically in their own process with [`runner::drain`], with no second
//! connection pool or schema to manage.
//!
//! - [`enqueue`] / [`enqueue_at`] insert inside the caller's transaction: a job exists exactly
//!   when the change that needed it committed; `pg_notify` wakes workers on commit.
//! - A dedupe key collapses duplicates while one is pending (`poll:{renewal_id}`).
//! - Failures retry with exponential backoff and jitter ([`backoff`]); after `max_attempts` the
//!   job is `dead` and stays visible to staff.
//! - A running job holds a lease; if its worker dies, another claims it when the lease ends.
//! - Periodic work (tenant sweeps, reminder checks, pruning done jobs) is done by jobs that enqueue their own next
//!   run with the same dedupe key ([`schedule`]).
//!
//! Each job kind lives in its own file with a `JOB_NAME` and a serde payload implementing
//! [`BackgroundJob`]; [`runner`] maps names to handlers.

pub mod backoff;
pub mod check_reminders;
pub mod finish_renewal;
pub mod poll_renewal;
pub mod prepare_renewal;
pub mod process_bundle_status;
pub mod prune_jobs;
pub mod runner;
pub mod schedule;
pub mod send_notification;
pub mod sweep_all_tenants;
pub mod sweep_tenant;
pub mod worker;

use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::PgTx;
use crate::db::jobs::{self as queue, NewJob};
use crate::lifecycle::Engine;

/// What a job handler can reach.
#[derive(Clone)]
pub struct JobContext {
    /// The lifecycle engine (database, Twilio, mailer, configuration).
    pub engine: Engine,
    /// This runner's name, recorded on claimed jobs (`host:pid:n`).
    pub worker_id: String,
}

impl JobContext {
    /// A context for `engine`, named `worker_id`.
    pub fn new(engine: Engine, worker_id: impl Into<String>) -> Self {
        Self {
            engine,
            worker_id: worker_id.into(),
        }
    }
}

/// One kind of job: a serde payload plus the code that runs it.
pub trait BackgroundJob: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The `job.kind` value, unique per job kind.
    const JOB_NAME: &'static str;
    /// Attempts before the job is declared dead.
    const MAX_ATTEMPTS: i32 = 12;

    /// Jobs with the same key collapse while one is pending.
    fn dedupe_key(&self) -> Option<String> {
        None
    }

    /// The tenant the job works for (shown to staff, cascades on tenant deletion).
    fn tenant_id(&self) -> Option<Uuid> {
        None
    }

    /// Does the work. Must be idempotent: a job can run again after a crash or a lost lease.
    fn run(self, ctx: &JobContext) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// Enqueues `job` to run now, in the caller's transaction.
pub async fn enqueue<J: BackgroundJob>(tx: &mut PgTx<'_>, job: &J) -> sqlx::Result<i64> {
    insert(tx, job, None).await
}

/// Enqueues `job` to run at `run_at`, in the caller's transaction.
pub async fn enqueue_at<J: BackgroundJob>(
    tx: &mut PgTx<'_>,
    job: &J,
    run_at: OffsetDateTime,
) -> sqlx::Result<i64> {
    insert(tx, job, Some(run_at)).await
}

/// Enqueues `job` to run now unless one with its dedupe key is pending or running already.
pub async fn enqueue_if_absent<J: BackgroundJob>(tx: &mut PgTx<'_>, job: &J) -> sqlx::Result<bool> {
    queue::insert_if_absent(tx, &new_job(job, None)?).await
}

async fn insert<J: BackgroundJob>(
    tx: &mut PgTx<'_>,
    job: &J,
    run_at: Option<OffsetDateTime>,
) -> sqlx::Result<i64> {
    queue::insert(tx, &new_job(job, run_at)?).await
}

fn new_job<J: BackgroundJob>(job: &J, run_at: Option<OffsetDateTime>) -> sqlx::Result<NewJob> {
    let payload = serde_json::to_value(job).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    Ok(NewJob {
        kind: J::JOB_NAME,
        payload,
        tenant_id: job.tenant_id(),
        dedupe_key: job.dedupe_key(),
        run_at,
        max_attempts: J::MAX_ATTEMPTS,
    })
}
