//! Submits a copy that needs nothing from the customer (zero-touch).

use super::{JobContext, RunJob};
pub use crate::queue::submit_renewal::{JOB_NAME, SubmitRenewal};

impl RunJob for SubmitRenewal {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::auto_submit::submit(&ctx.engine, self.tenant_id, self.renewal_id).await
    }
}
