//! Acts on a verified status callback by re-reading the bundle from Twilio (never trusting the
//! payload's status or order): a copy under review is reconciled, an original is mirrored and
//! may open or expire a renewal.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{BackgroundJob, JobContext};
use crate::db::{renewals, webhook_events};
use crate::lifecycle::{Actor, discovery, outcome};
use crate::twilio::TwilioError;

/// The job name.
pub const JOB_NAME: &str = "process_bundle_status";

/// Payload: the bundle a callback was about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessBundleStatus {
    /// The tenant.
    pub tenant_id: Uuid,
    /// `BU…` (an original or a copy).
    pub bundle_sid: String,
    /// The stored callback that asked for this (callbacks received before processing starts
    /// are all marked processed at the end).
    pub webhook_event_id: Option<Uuid>,
}

impl BackgroundJob for ProcessBundleStatus {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!(
            "bundle-status:{}:{}",
            self.tenant_id, self.bundle_sid
        ))
    }

    fn tenant_id(&self) -> Option<Uuid> {
        Some(self.tenant_id)
    }

    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let started = webhook_events::database_now(&engine.db).await?;
        let actor = Actor::System("webhook");
        let twilio = engine.twilio_for(self.tenant_id).await?;
        if let Some(renewal) =
            renewals::find_active_by_copy(&engine.db, self.tenant_id, &self.bundle_sid).await?
        {
            outcome::reconcile_copy(engine, &twilio, &renewal, &actor).await?;
        } else if !renewals::is_known_copy(&engine.db, self.tenant_id, &self.bundle_sid).await? {
            match twilio.fetch_bundle(&self.bundle_sid).await {
                Ok(bundle) => {
                    discovery::reconcile_original(engine, &twilio, &bundle, &actor).await?;
                }
                Err(TwilioError::NotFound { .. }) => {}
                Err(error) => return Err(error.into()),
            }
        }
        webhook_events::mark_processed(&engine.db, self.tenant_id, &self.bundle_sid, started)
            .await?;
        Ok(())
    }
}
