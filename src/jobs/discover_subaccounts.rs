//! Lists the parent account's subaccounts (see `lifecycle::parent_account::discover`). Twilio
//! refusing the parent's credentials is recorded for staff and not retried; Twilio not
//! answering is retried when staff asked, and left to the next round when it is the periodic
//! run (which always schedules its next run, `RECOMPLY_DISCOVERY_INTERVAL_SECS` on).

use time::OffsetDateTime;

use super::{JobContext, RunJob};
use crate::lifecycle::parent_account::{self, Discovery};
pub use crate::queue::discover_subaccounts::{DiscoverSubaccounts, JOB_NAME};

impl RunJob for DiscoverSubaccounts {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let outcome = parent_account::discover(engine).await;
        if self.scheduled {
            let mut tx = engine.db.begin().await?;
            let next = OffsetDateTime::now_utc() + engine.settings.discovery_interval;
            crate::queue::enqueue_at(&mut tx, &self, next).await?;
            tx.commit().await?;
            if let Err(error) = &outcome {
                tracing::warn!(error = %format!("{error:#}"), "periodic discovery failed; the next round tries again");
            }
            return Ok(());
        }
        match outcome? {
            Discovery::NotConnected | Discovery::Listed(_) => Ok(()),
            Discovery::Refused => {
                tracing::warn!("Twilio refused the parent account: recorded, not retried");
                Ok(())
            }
            Discovery::Unreachable(error) => {
                Err(anyhow::Error::new(error).context("listing the parent account's subaccounts"))
            }
        }
    }
}
