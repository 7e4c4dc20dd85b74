//! Sweeps one tenant's bundles (see `lifecycle::discovery`), keeps what it found for staff, and
//! records whether its Twilio credentials worked (staff are alerted once when Twilio refuses
//! them).

use super::{JobContext, RunJob};
use crate::lifecycle::tenants;
pub use crate::queue::sweep_tenant::{JOB_NAME, SweepTenant};

impl RunJob for SweepTenant {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let outcome = crate::lifecycle::discovery::sweep_tenant(&ctx.engine, self.tenant_id).await;
        if tenants::note_credentials(&ctx.engine, self.tenant_id, &outcome).await? {
            tracing::warn!(tenant_id = %self.tenant_id, "Twilio refused the credentials: flagged, not retried");
            return Ok(());
        }
        let report = outcome?;
        crate::db::sweep_summaries::record(
            &ctx.engine.db,
            self.tenant_id,
            report.bundles_seen,
            report.renewals_opened,
            report.problems,
        )
        .await?;
        Ok(())
    }
}
