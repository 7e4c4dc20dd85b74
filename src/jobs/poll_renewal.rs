//! The polling fallback: re-reads a submitted copy every `RECOMPLY_POLL_INTERVAL_SECS` until
//! Twilio decides, so outcomes are reached even when no status callback arrives.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{BackgroundJob, JobContext};
use crate::db::renewals;
use crate::lifecycle::Actor;
use crate::lifecycle::outcome::{self, Review};

/// The job name.
pub const JOB_NAME: &str = "poll_renewal";

/// Payload: which renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PollRenewal {
    /// The tenant.
    pub tenant_id: Uuid,
    /// The renewal.
    pub renewal_id: Uuid,
}

impl BackgroundJob for PollRenewal {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("poll:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<Uuid> {
        Some(self.tenant_id)
    }

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
            let next = OffsetDateTime::now_utc() + engine.settings.poll_interval;
            let mut tx = engine.db.begin().await?;
            super::enqueue_at(&mut tx, &self, next).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}
