//! The periodic clean-up of the job table (daily): finished (`done`) jobs older than
//! [`DONE_RETENTION`] are deleted, and so are workers silent for as long. Dead jobs stay until
//! staff deal with them.

use super::{JobContext, RunJob};
pub use crate::queue::prune_jobs::{JOB_NAME, PruneJobs};
use time::{Duration, OffsetDateTime};

/// How long a done job is kept (for the admin view and debugging).
pub const DONE_RETENTION: Duration = Duration::days(7);

/// How often the clean-up runs.
pub const INTERVAL: Duration = Duration::days(1);

impl RunJob for PruneJobs {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let db = &ctx.engine.db;
        let now = OffsetDateTime::now_utc();
        let pruned = crate::db::jobs::delete_done_before(db, now - DONE_RETENTION).await?;
        let workers = crate::db::workers::delete_silent_before(db, now - DONE_RETENTION).await?;
        tracing::info!(pruned, workers, "done jobs and silent workers pruned");
        let mut tx = db.begin().await?;
        crate::queue::enqueue_at(&mut tx, &self, now + INTERVAL).await?;
        tx.commit().await?;
        Ok(())
    }
}
