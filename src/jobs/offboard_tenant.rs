//! Winds down a removed tenant: cancels its open renewals (deleting their copies), puts its
//! bundles' original status callbacks back, then erases its credentials. Each step is
//! idempotent, so a retry after a crash finishes the rest (see `lifecycle::tenants::offboard`).

use super::{JobContext, RunJob};
pub use crate::queue::offboard_tenant::{JOB_NAME, OffboardTenant};

impl RunJob for OffboardTenant {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::tenants::offboard(&ctx.engine, self.tenant_id).await
    }
}
