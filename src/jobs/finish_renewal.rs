//! Drives an approved renewal through ReplaceItems, verification and copy deletion.

use super::{JobContext, RunJob};
pub use crate::queue::finish_renewal::{FinishRenewal, JOB_NAME};

impl RunJob for FinishRenewal {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::finishing::finish(&ctx.engine, self.tenant_id, self.renewal_id).await
    }
}
