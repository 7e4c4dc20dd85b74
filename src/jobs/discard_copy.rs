//! Deletes the copy of a renewal that expired (see `lifecycle::discarding`).

use super::{JobContext, RunJob};
pub use crate::queue::discard_copy::{DiscardCopy, JOB_NAME};

impl RunJob for DiscardCopy {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::discarding::discard_copy(&ctx.engine, self.tenant_id, self.renewal_id)
            .await
    }
}
