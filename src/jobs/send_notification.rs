//! Renders and sends one notification email.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{BackgroundJob, JobContext};
use crate::lifecycle::notifications::{self, Notification};

/// The job name.
pub const JOB_NAME: &str = "send_notification";

/// Payload: the notification.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SendNotification(pub Notification);

impl BackgroundJob for SendNotification {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 8;

    fn dedupe_key(&self) -> Option<String> {
        let n = &self.0;
        let days = n.days_left.map(|d| format!(":{d}")).unwrap_or_default();
        Some(format!("notify:{}:{}{days}", n.renewal_id, n.kind.as_str()))
    }

    fn tenant_id(&self) -> Option<Uuid> {
        Some(self.0.tenant_id)
    }

    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let sent = notifications::deliver(&ctx.engine, &self.0).await?;
        tracing::info!(kind = self.0.kind.as_str(), sent, "notification sent");
        Ok(())
    }
}
