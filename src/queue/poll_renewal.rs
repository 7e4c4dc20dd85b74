//! The polling fallback: re-reads a submitted copy every `RECOMPLY_POLL_INTERVAL_SECS` until
//! Twilio decides, so outcomes are reached even when no status callback arrives.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "poll_renewal";

/// Payload: which renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PollRenewal {
    /// The tenant.
    pub tenant_id: Uuid,
    /// The renewal.
    pub renewal_id: Uuid,
}

impl Job for PollRenewal {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("poll:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<Uuid> {
        Some(self.tenant_id)
    }
}
