//! Renders and sends one notification email (see `lifecycle::notifications`).

use super::{JobContext, RunJob};
use crate::lifecycle::notifications;
pub use crate::queue::send_notification::{JOB_NAME, SendNotification};

impl RunJob for SendNotification {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let sent = notifications::deliver(&ctx.engine, &self.0).await?;
        tracing::info!(kind = self.0.kind.as_str(), sent, "notification sent");
        Ok(())
    }
}
