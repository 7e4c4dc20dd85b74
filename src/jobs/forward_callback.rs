//! Forwards one stored status callback to the bundle's original URL; retried with backoff
//! until that URL answers 2xx (see `lifecycle::callbacks::forward`).

use super::{JobContext, RunJob};
pub use crate::queue::forward_callback::{ForwardCallback, JOB_NAME};

impl RunJob for ForwardCallback {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::callbacks::forward(&ctx.engine, self.tenant_id, self.webhook_event_id)
            .await
    }
}
