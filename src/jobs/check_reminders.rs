//! The periodic reminder check (hourly): see `lifecycle::reminders`.

use super::{JobContext, RunJob};
pub use crate::queue::check_reminders::{CheckReminders, JOB_NAME};
use time::OffsetDateTime;

impl RunJob for CheckReminders {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let now = OffsetDateTime::now_utc();
        crate::lifecycle::reminders::check(engine, now).await?;
        let mut tx = engine.db.begin().await?;
        crate::queue::enqueue_at(&mut tx, &self, now + engine.settings.reminder_interval).await?;
        tx.commit().await?;
        Ok(())
    }
}
