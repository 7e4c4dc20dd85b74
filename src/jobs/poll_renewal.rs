//! The polling fallback: re-reads a submitted copy until Twilio decides, so outcomes are
//! reached even when no status callback arrives; each wait is longer than the last, up to
//! `RECOMPLY_POLL_INTERVAL_SECS` (see [`crate::lifecycle::poll_schedule`]).

use super::{JobContext, RunJob};
use crate::db::renewals;
use crate::lifecycle::Actor;
use crate::lifecycle::outcome::{self, Review};
pub use crate::queue::poll_renewal::{JOB_NAME, PollRenewal};
use time::OffsetDateTime;

impl RunJob for PollRenewal {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let Some(renewal) = renewals::find(&engine.db, self.tenant_id, self.renewal_id).await?
        else {
            return Ok(());
        };
        let twilio = engine.twilio_for(self.tenant_id).await?;
        let review =
            outcome::reconcile_copy(engine, &twilio, &renewal, &Actor::System(JOB_NAME)).await?;
        if review == Review::Waiting {
            let next_poll = PollRenewal {
                attempt: self.attempt.saturating_add(1),
                ..self
            };
            let next = OffsetDateTime::now_utc() + engine.settings.poll_delay(next_poll.attempt);
            let mut tx = engine.db.begin().await?;
            crate::queue::enqueue_at(&mut tx, &next_poll, next).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}
