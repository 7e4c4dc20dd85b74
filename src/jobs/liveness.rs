//! Keeping a running job's claim alive, and giving it up: the job's heartbeat renews its short
//! lease while it runs, a job that runs past its timeout is cancelled, and a runner that can no
//! longer prove it holds the lease (another runner took the job, or the database is out of reach
//! until the lease ran out) cancels the job rather than run it alongside someone else.

use std::future::Future;
use std::time::Duration;

use sqlx::PgPool;
use tokio::time::Instant;

use crate::db::jobs::{self as queue, Claim};

/// The lease, heartbeat and timeout of running jobs.
#[derive(Debug, Clone, Copy)]
pub struct Liveness {
    /// How long a claim lasts without a heartbeat: a job whose worker died is taken up again
    /// within this (plus the idle runners' poll interval).
    pub lease: Duration,
    /// How often a running job renews its lease (and a worker its registration).
    pub heartbeat: Duration,
    /// How long one attempt may run before it is cancelled and retried.
    pub timeout: Duration,
}

impl Default for Liveness {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(20),
            heartbeat: Duration::from_secs(5),
            timeout: Duration::from_secs(15 * 60),
        }
    }
}

impl Liveness {
    /// The lease in seconds, as the queue takes it.
    pub fn lease_secs(&self) -> f64 {
        self.lease.as_secs_f64()
    }
}

/// How a supervised attempt ended.
#[derive(Debug)]
pub enum Supervised<T> {
    /// The job's own result.
    Finished(T),
    /// It ran past [`Liveness::timeout`] and was cancelled.
    TimedOut,
    /// The claim was lost and the job cancelled; its outcome belongs to whoever holds it now.
    LeaseLost,
}

/// Runs `work` for `claim`, renewing the lease every heartbeat, until it finishes, times out or
/// the claim is lost. Cancelling drops `work` (open transactions roll back).
pub async fn supervise<T>(
    db: &PgPool,
    claim: Claim<'_>,
    liveness: Liveness,
    work: impl Future<Output = T>,
) -> Supervised<T> {
    let started = Instant::now();
    let deadline = started + liveness.timeout;
    let mut lease_until = started + liveness.lease;
    let mut beat = tokio::time::interval_at(started + liveness.heartbeat, liveness.heartbeat);
    tokio::pin!(work);
    loop {
        tokio::select! {
            result = &mut work => return Supervised::Finished(result),
            () = tokio::time::sleep_until(deadline) => return Supervised::TimedOut,
            () = tokio::time::sleep_until(lease_until) => return Supervised::LeaseLost,
            _ = beat.tick() => {
                let asked = Instant::now();
                match queue::renew_lease(db, claim, liveness.lease_secs()).await {
                    Ok(true) => lease_until = asked + liveness.lease,
                    Ok(false) => return Supervised::LeaseLost,
                    Err(error) => tracing::warn!(
                        error = %error,
                        "could not renew the job's lease; retrying at the next heartbeat"
                    ),
                }
            }
        }
    }
}
