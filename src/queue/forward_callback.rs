//! Forwards one stored Twilio status callback to its bundle's original callback URL (see
//! `lifecycle::callbacks`).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::ids::TenantId;

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "forward_callback";

/// Payload: which stored callback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ForwardCallback {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The stored callback (`webhook_event`).
    pub webhook_event_id: Uuid,
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
