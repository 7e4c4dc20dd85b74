//! The daily clean-up: finished (`done`) jobs older than [`DONE_RETENTION`] are deleted (dead
//! jobs stay until staff deal with them), so are workers silent for as long, and so are
//! received webhook callbacks and staff sign-in records older than the configured retention
//! (`RECOMPLY_LOG_RETENTION_DAYS`, default 90 days), and sign-in throttle rows whose wait ran
//! out long ago: the tables the dashboard reads stay the size of recent history. Each tenant's
//! bundle tally deltas are folded into one row.

use super::{JobContext, RunJob};
pub use crate::queue::prune_jobs::{JOB_NAME, PruneJobs};
use time::{Duration, OffsetDateTime};

/// How long a done job is kept (for the admin view and debugging).
pub const DONE_RETENTION: Duration = Duration::days(7);

/// Rows deleted per statement.
const PRUNE_BATCH: i64 = 5_000;

/// How often the clean-up runs.
pub const INTERVAL: Duration = Duration::days(1);

impl RunJob for PruneJobs {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let db = &ctx.engine.db;
        let now = OffsetDateTime::now_utc();
        let pruned = crate::db::jobs::delete_done_before(db, now - DONE_RETENTION).await?;
        let retention = Duration::days(i64::from(ctx.engine.config.log_retention_days));
        let callbacks =
            crate::db::webhook_events::delete_received_before(db, now - retention, PRUNE_BATCH)
                .await?;
        let workers = crate::db::workers::delete_silent_before(db, now - DONE_RETENTION).await?;
        let sign_ins = crate::db::staff_sign_ins::delete_before(db, now - retention).await?;
        let forget = Duration::seconds(crate::domain::sign_in_throttle::FORGET_AFTER_SECS);
        let throttles = crate::db::sign_in_throttle::delete_idle_before(db, now - forget).await?;
        let tallies = crate::db::bundle_listing::compact_tallies(db).await?;
        tracing::info!(
            pruned,
            callbacks,
            workers,
            sign_ins,
            throttles,
            tallies,
            "done jobs, old callbacks, silent workers and old sign-ins pruned; bundle tallies folded"
        );
        let mut tx = db.begin().await?;
        crate::queue::enqueue_at(&mut tx, &self, now + INTERVAL).await?;
        tx.commit().await?;
        Ok(())
    }
}
