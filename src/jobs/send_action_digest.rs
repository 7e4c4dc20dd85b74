//! Sends a tenant's held action-needed notices as digests (see
//! `lifecycle::notifications::digest`).

use super::{JobContext, RunJob};
use crate::lifecycle::notifications;
pub use crate::queue::send_action_digest::{JOB_NAME, SendActionDigest};

impl RunJob for SendActionDigest {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let sent = notifications::send_digests(&ctx.engine, self.tenant_id).await?;
        tracing::info!(tenant_id = %self.tenant_id, sent, "action digests sent");
        Ok(())
    }
}
