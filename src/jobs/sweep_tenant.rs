//! Sweeps one tenant's bundles (see `lifecycle::discovery`), and records whether its Twilio
//! credentials worked (staff are alerted once when Twilio refuses them).

use super::{JobContext, RunJob};
use crate::lifecycle::tenants;
pub use crate::queue::sweep_tenant::{JOB_NAME, SweepTenant};

impl RunJob for SweepTenant {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let outcome = crate::lifecycle::discovery::sweep_tenant(&ctx.engine, self.tenant_id).await;
        tenants::note_credentials(&ctx.engine, self.tenant_id, &outcome).await?;
        outcome.map(drop)
    }
}
