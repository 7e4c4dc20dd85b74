//! Sweeps one tenant's bundles (see `lifecycle::discovery`) and keeps what it found for staff.

use super::{JobContext, RunJob};
pub use crate::queue::sweep_tenant::{JOB_NAME, SweepTenant};

impl RunJob for SweepTenant {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let report = crate::lifecycle::discovery::sweep_tenant(&ctx.engine, self.tenant_id).await?;
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
