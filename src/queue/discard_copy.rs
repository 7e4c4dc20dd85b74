//! Deletes the copy of a renewal that closed without using it (see `lifecycle::discarding`).

use serde::{Deserialize, Serialize};

use crate::domain::ids::{RenewalId, TenantId};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "discard_copy";

/// Payload: which renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscardCopy {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The closed renewal.
    pub renewal_id: RenewalId,
}

impl Job for DiscardCopy {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("discard:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
