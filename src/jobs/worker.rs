//! The long-running worker: `concurrency` loops claiming jobs, woken by `LISTEN/NOTIFY` on
//! commit and by a poll interval (for delayed jobs, retries and expired leases).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::{Notify, watch};

use super::runner::{self, Outcome};
use super::{JobContext, schedule};
use crate::db::jobs::NOTIFY_CHANNEL;
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
    schedule::ensure_periodic_jobs(&engine.db).await?;
    let wake = Arc::new(Notify::new());
    let (stop_tx, stop_rx) = watch::channel(false);
    let listener = tokio::spawn(listen(engine.db.clone(), wake.clone(), stop_rx.clone()));
    let host = std::process::id();
    let mut runners = Vec::new();
    for n in 0..concurrency.max(1) {
        let ctx = JobContext::new(engine.clone(), format!("worker-{host}-{n}"));
        runners.push(tokio::spawn(runner_loop(
            ctx,
            wake.clone(),
            stop_rx.clone(),
        )));
    }
    tracing::info!(concurrency, "job worker started");
    shutdown.await;
    let _ = stop_tx.send(true);
    wake.notify_waiters();
    for handle in runners {
        let _ = handle.await;
    }
    listener.abort();
    tracing::info!("job worker stopped");
    Ok(())
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
        let result = async {
            let mut listener = PgListener::connect_with(&db).await?;
            listener.listen(NOTIFY_CHANNEL).await?;
            loop {
                listener.recv().await?;
                wake.notify_waiters();
            }
            #[allow(unreachable_code)]
            Ok::<(), sqlx::Error>(())
        }
        .await;
        if let Err(error) = result {
            tracing::warn!(error = %error, "job notifications lost; reconnecting");
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }
}
