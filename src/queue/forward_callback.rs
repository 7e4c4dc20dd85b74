//! Forwards one stored Twilio status callback to its bundle's original callback URL (see
//! `lifecycle::callbacks`).

use crate::domain::ids::{TenantId, WebhookEventId};
use serde::{Deserialize, Serialize};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "forward_callback";

/// Payload: which stored callback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ForwardCallback {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The stored callback (`webhook_event`).
    pub webhook_event_id: WebhookEventId,
}

impl Job for ForwardCallback {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("forward:{}", self.webhook_event_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
