//! Delivers one outbound event to one endpoint, signed per Standard Webhooks; retried with
//! backoff until the endpoint answers 2xx (see `lifecycle::events::deliver`).

use super::{JobContext, RunJob};
pub use crate::queue::deliver_event::{DeliverEvent, JOB_NAME};

impl RunJob for DeliverEvent {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::events::deliver(&ctx.engine, self.tenant_id, self.event_delivery_id).await
    }
}
