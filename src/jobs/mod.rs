//! Running durable background jobs: one handler per job kind, the runner that claims and runs
//! them, and the long-running worker.
//!
//! Payloads and enqueueing live in [`crate::queue`]; this module sits above the lifecycle and
//! gives each payload the code that runs it ([`RunJob`]). [`runner`] maps job names to
//! handlers; tests drain jobs deterministically in their own process with [`runner::drain`].
//!
//! - Failures retry with exponential backoff and jitter ([`backoff`]); after `max_attempts` the
//!   job is `dead` and stays visible to staff.
//! - A running job holds a short lease renewed by its heartbeat; if its worker dies, another
//!   claims it when the lease ends. An attempt that runs past its timeout is cancelled and
//!   retried ([`liveness`]).
//! - Periodic work (tenant sweeps, reminder checks, subaccount discovery, pruning done jobs) is done by jobs that
//!   enqueue their own next run with the same dedupe key ([`schedule`]).

pub mod backoff;
pub mod check_reminders;
pub mod create_subaccount_tenants;
pub mod deliver_event;
pub mod discard_copy;
pub mod discover_subaccounts;
pub mod finish_renewal;
pub mod forward_callback;
pub mod liveness;
pub mod offboard_tenant;
pub mod poll_renewal;
pub mod prepare_renewal;
pub mod process_bundle_status;
pub mod prune_jobs;
pub mod runner;
pub mod schedule;
pub mod send_action_digest;
pub mod send_notification;
pub mod send_sign_in_link;
pub mod send_staff_alert;
pub mod submit_renewal;
pub mod sweep_all_tenants;
pub mod sweep_tenant;
pub mod worker;

use std::future::Future;

use crate::lifecycle::Engine;
use crate::queue::Job;
use liveness::Liveness;

/// What a job handler can reach.
#[derive(Clone)]
pub struct JobContext {
    /// The lifecycle engine (database, Twilio, mailer, configuration).
    pub engine: Engine,
    /// This runner's name, recorded on claimed jobs (`{worker process}/{n}`).
    pub worker_id: String,
    /// Lease, heartbeat and timeout of the jobs it runs.
    pub liveness: Liveness,
}

impl JobContext {
    /// A context for `engine`, named `worker_id`.
    pub fn new(engine: Engine, worker_id: impl Into<String>) -> Self {
        Self {
            engine,
            worker_id: worker_id.into(),
            liveness: Liveness::default(),
        }
    }

    /// The same runner with other lease, heartbeat and timeout (tests use short ones).
    pub fn with_liveness(mut self, liveness: Liveness) -> Self {
        self.liveness = liveness;
        self
    }
}

/// The code that runs one kind of job.
pub trait RunJob: Job {
    /// Does the work. Must be idempotent: a job can run again after a crash or a lost lease.
    fn run(self, ctx: &JobContext) -> impl Future<Output = anyhow::Result<()>> + Send;
}
