//! The periodic reminder check (hourly): see `lifecycle::reminders`.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{BackgroundJob, JobContext};

/// The job name.
pub const JOB_NAME: &str = "check_reminders";

/// Payload: none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckReminders {}

impl BackgroundJob for CheckReminders {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some("check-reminders".into())
    }

    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let now = OffsetDateTime::now_utc();
        crate::lifecycle::reminders::check(engine, now).await?;
        let mut tx = engine.db.begin().await?;
        super::enqueue_at(&mut tx, &self, now + engine.settings.reminder_interval).await?;
        tx.commit().await?;
        Ok(())
    }
}
