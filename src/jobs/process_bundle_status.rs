//! Acts on a verified status callback by re-reading the bundle from Twilio (never trusting the
//! payload's status or order): a copy under review is reconciled, an original is mirrored and
//! may open or expire a renewal.

use super::{JobContext, RunJob};
use crate::db::{bundle_copies, renewals, webhook_events};
use crate::lifecycle::{Actor, discovery, outcome};
pub use crate::queue::process_bundle_status::{JOB_NAME, ProcessBundleStatus};
use crate::twilio::TwilioError;

impl RunJob for ProcessBundleStatus {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        // Callbacks that found this job pending queued none of their own: wait for those still
        // committing, then take in every one stored so far. Later ones see this job running
        // and queue the next re-read.
        webhook_events::wait_for_intake(&engine.db, self.tenant_id, &self.bundle_sid).await?;
        let callbacks =
            webhook_events::unprocessed(&engine.db, self.tenant_id, &self.bundle_sid).await?;
        let mirroring = discovery::Mirroring::for_tenant(
            engine,
            self.tenant_id,
            Actor::System("webhook"),
            false,
        )
        .await?;
        let actor = &mirroring.actor;
        let twilio = engine.twilio_for(self.tenant_id).await?;
        if let Some(renewal) =
            renewals::find_active_by_copy(&engine.db, self.tenant_id, &self.bundle_sid).await?
        {
            let statuses: Vec<_> = callbacks.iter().map(|c| c.status).collect();
            if !outcome::only_our_submission(renewal.state, &statuses) {
                outcome::reconcile_copy(engine, &twilio, &renewal, actor).await?;
            }
        } else if !bundle_copies::is_known(&engine.db, self.tenant_id, &self.bundle_sid).await? {
            match twilio.fetch_bundle(&self.bundle_sid).await {
                Ok(bundle) => {
                    discovery::reconcile_original(engine, &twilio, &bundle, &mirroring).await?;
                }
                Err(TwilioError::NotFound { .. }) => {}
                Err(error) => return Err(error.into()),
            }
        }
        let taken_in: Vec<_> = callbacks.iter().map(|c| c.webhook_event_id).collect();
        webhook_events::mark_processed(&engine.db, self.tenant_id, &taken_in).await?;
        Ok(())
    }
}
