//! The long-running worker: `concurrency` loops claiming jobs, woken by `LISTEN/NOTIFY` on
//! commit and by a poll interval (for delayed jobs, retries and expired leases). The process
//! registers itself and beats a heartbeat so staff can see it live.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::{Notify, watch};

use super::liveness::Liveness;
use super::runner::{self, Outcome};
use super::{JobContext, schedule};
use crate::db::jobs::NOTIFY_CHANNEL;
use crate::db::workers;
use crate::lifecycle::Engine;

/// How often an idle runner looks for due jobs without being notified.
pub const POLL_INTERVAL: Duration = Duration::from_secs(5);

/// Runs `concurrency` job runners until `shutdown` resolves; running jobs are finished first.
/// Also makes sure the periodic jobs (sweeps, reminder checks) are scheduled.
pub async fn run_worker_until_stopped(
    engine: Engine,
    concurrency: usize,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    run_worker_with(engine, concurrency, Liveness::default(), shutdown).await
}

/// How long shutdown waits for running jobs before stopping them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// [`run_worker_until_stopped`] with its own lease, heartbeat and timeout. The process registers
/// itself in `job_worker` and beats a heartbeat there while it runs.
pub async fn run_worker_with(
    engine: Engine,
    concurrency: usize,
    liveness: Liveness,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    schedule::ensure_periodic_jobs(&engine.db).await?;
    let concurrency = concurrency.max(1);
    let identity = WorkerIdentity::of_this_process();
    workers::register(
        &engine.db,
        &identity.worker_id,
        &identity.host,
        identity.pid,
        concurrency,
    )
    .await?;
    let wake = Arc::new(Notify::new());
    let (stop_tx, stop_rx) = watch::channel(false);
    let listener = tokio::spawn(listen(engine.db.clone(), wake.clone(), stop_rx.clone()));
    let heartbeat = tokio::spawn(beat(
        engine.db.clone(),
        identity.worker_id.clone(),
        liveness.heartbeat,
    ));
    let mut runners = Vec::new();
    for n in 0..concurrency {
        let ctx = JobContext::new(engine.clone(), format!("{}/{n}", identity.worker_id))
            .with_liveness(liveness);
        runners.push(tokio::spawn(runner_loop(
            ctx,
            wake.clone(),
            stop_rx.clone(),
        )));
    }
    tracing::info!(concurrency, worker_id = %identity.worker_id, "job worker started");
    shutdown.await;
    let _ = stop_tx.send(true);
    wake.notify_waiters();
    // Jobs in flight get a deadline to finish; one still running then is dropped, and another
    // worker takes it up once its lease lapses (every step is resumable).
    let aborts: Vec<_> = runners.iter().map(|h| h.abort_handle()).collect();
    let finished = async {
        for handle in runners {
            let _ = handle.await;
        }
    };
    if tokio::time::timeout(SHUTDOWN_GRACE, finished)
        .await
        .is_err()
    {
        tracing::warn!(
            grace_secs = SHUTDOWN_GRACE.as_secs(),
            "jobs still running at the shutdown deadline were stopped; they will be retried"
        );
        for abort in aborts {
            abort.abort();
        }
    }
    listener.abort();
    heartbeat.abort();
    if let Err(error) = workers::mark_stopped(&engine.db, &identity.worker_id).await {
        tracing::warn!(error = %error, "could not record the worker's shutdown");
    }
    tracing::info!("job worker stopped");
    Ok(())
}

/// Who this worker process is.
struct WorkerIdentity {
    worker_id: String,
    host: String,
    pid: u32,
}

impl WorkerIdentity {
    fn of_this_process() -> Self {
        let host = crate::config::process::host_name();
        let pid = std::process::id();
        let nonce = &uuid::Uuid::new_v4().simple().to_string()[..8];
        Self {
            worker_id: format!("{host}:{pid}:{nonce}"),
            host,
            pid,
        }
    }
}

/// Keeps the worker's registration fresh.
async fn beat(db: sqlx::PgPool, worker_id: String, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = workers::heartbeat(&db, &worker_id).await {
            tracing::warn!(error = %error, "worker heartbeat failed");
        }
    }
}

async fn runner_loop(ctx: JobContext, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    while !*stop.borrow() {
        match runner::run_next(&ctx).await {
            Ok(Outcome::Ran) => continue,
            Ok(Outcome::Empty) => {}
            Err(error) => tracing::error!(error = %format!("{error:#}"), "job runner failed"),
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(POLL_INTERVAL) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Forwards `NOTIFY recomply_jobs` to the runners; reconnects after failures.
async fn listen(db: sqlx::PgPool, wake: Arc<Notify>, stop: watch::Receiver<bool>) {
    while !*stop.borrow() {
        let Err(error) = forward_notifications(&db, &wake).await;
        tracing::warn!(error = %error, "job notifications lost; reconnecting");
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// Wakes the runners on each notification until the connection fails.
async fn forward_notifications(
    db: &sqlx::PgPool,
    wake: &Notify,
) -> Result<std::convert::Infallible, sqlx::Error> {
    let mut listener = PgListener::connect_with(db).await?;
    listener.listen(NOTIFY_CHANNEL).await?;
    loop {
        listener.recv().await?;
        wake.notify_waiters();
    }
}
