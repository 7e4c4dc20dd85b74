//! Sweeps one tenant's bundles (see `lifecycle::discovery`).

use super::{JobContext, RunJob};
pub use crate::queue::sweep_tenant::{JOB_NAME, SweepTenant};

impl RunJob for SweepTenant {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::discovery::sweep_tenant(&ctx.engine, self.tenant_id).await?;
        Ok(())
    }
}
