//! The durable job queue on Postgres: job payloads and how they are enqueued. It knows what a
//! job is (a name, a serde payload, a dedupe key, a tenant) but not what running one does: the
//! handlers live in `crate::jobs`, above the lifecycle they call, so the lifecycle can enqueue
//! its next step without depending on the code that runs it.
//!
//! The queue is a plain `job` table claimed with `for update skip locked` (the pattern of
//! crates.io and zero-to-production). We chose it over graphile_worker because it keeps a single
//! database driver (sqlx) and lets tests drain jobs deterministically in their own process, with
//! no second connection pool or schema to manage.
//!
//! - [`enqueue`] / [`enqueue_at`] insert inside the caller's transaction: a job exists exactly
//!   when the change that needed it committed; `pg_notify` wakes workers on commit.
//! - A dedupe key collapses duplicates while one is pending (`poll:{renewal_id}`).
//! - [`enqueue_joining`] joins a pending twin without touching its row (many status callbacks
//!   about one bundle), for jobs that wait for their callers' transactions themselves.
//!
//! Each job kind lives in its own file with a `JOB_NAME` and a serde payload implementing
//! [`Job`].

pub mod check_reminders;
pub mod create_subaccount_tenants;
pub mod deliver_event;
pub mod discard_copy;
pub mod discover_subaccounts;
pub mod finish_renewal;
pub mod forward_callback;
pub mod offboard_tenant;
pub mod poll_renewal;
pub mod prepare_renewal;
pub mod process_bundle_status;
pub mod prune_jobs;
pub mod send_action_digest;
pub mod send_notification;
pub mod send_sign_in_link;
pub mod send_staff_alert;
pub mod submit_renewal;
pub mod sweep_all_tenants;
pub mod sweep_tenant;

use serde::Serialize;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use crate::db::PgTx;
use crate::db::jobs::{self as table, NewJob};
use crate::domain::ids::{JobId, TenantId};

/// One kind of job: a serde payload with its name, retry budget, dedupe key and tenant.
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The `job.kind` value, unique per job kind.
    const JOB_NAME: &'static str;
    /// Attempts before the job is declared dead.
    const MAX_ATTEMPTS: i32 = 12;

    /// Jobs with the same key collapse while one is pending.
    fn dedupe_key(&self) -> Option<String> {
        None
    }

    /// The tenant the job works for (shown to staff, cascades on tenant deletion).
    fn tenant_id(&self) -> Option<TenantId> {
        None
    }
}

/// Enqueues `job` to run now, in the caller's transaction.
pub async fn enqueue<J: Job>(tx: &mut PgTx<'_>, job: &J) -> sqlx::Result<JobId> {
    insert(tx, job, None).await
}

/// Enqueues `job` to run at `run_at`, in the caller's transaction.
pub async fn enqueue_at<J: Job>(
    tx: &mut PgTx<'_>,
    job: &J,
    run_at: OffsetDateTime,
) -> sqlx::Result<JobId> {
    insert(tx, job, Some(run_at)).await
}

/// Enqueues `jobs` to run now, in the caller's transaction, in one statement (their dedupe
/// keys must be distinct): a sweep opening a page of renewals queues their preparations at once.
pub async fn enqueue_all<J: Job>(tx: &mut PgTx<'_>, jobs: &[J]) -> sqlx::Result<Vec<JobId>> {
    let jobs = jobs
        .iter()
        .map(|job| new_job(job, None))
        .collect::<sqlx::Result<Vec<_>>>()?;
    table::insert_many(tx, &jobs).await
}

/// Enqueues `job` to run now, in the caller's transaction, joining a pending job with its
/// dedupe key without locking or writing it (`crate::db::jobs::join_or_insert`). The pending
/// job may then start before the caller commits: only for jobs that wait for their callers'
/// transactions themselves (see `process_bundle_status`).
pub async fn enqueue_joining<J: Job>(tx: &mut PgTx<'_>, job: &J) -> sqlx::Result<JobId> {
    table::join_or_insert(tx, &new_job(job, None)?).await
}

/// Enqueues `job` to run now unless one with its dedupe key is pending or running already.
pub async fn enqueue_if_absent<J: Job>(tx: &mut PgTx<'_>, job: &J) -> sqlx::Result<bool> {
    table::insert_if_absent(tx, &new_job(job, None)?).await
}

/// [`enqueue_if_absent`] for many jobs of one kind, in one statement. Returns how many were
/// enqueued.
pub async fn enqueue_all_if_absent<J: Job>(tx: &mut PgTx<'_>, jobs: &[J]) -> sqlx::Result<usize> {
    let jobs = jobs
        .iter()
        .map(|job| new_job(job, None))
        .collect::<sqlx::Result<Vec<_>>>()?;
    table::insert_all_if_absent(tx, &jobs).await
}

async fn insert<J: Job>(
    tx: &mut PgTx<'_>,
    job: &J,
    run_at: Option<OffsetDateTime>,
) -> sqlx::Result<JobId> {
    table::insert(tx, &new_job(job, run_at)?).await
}

fn new_job<J: Job>(job: &J, run_at: Option<OffsetDateTime>) -> sqlx::Result<NewJob> {
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
