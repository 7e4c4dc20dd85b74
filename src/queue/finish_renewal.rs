//! Drives an approved renewal through ReplaceItems, verification and copy deletion.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{RenewalId, TenantId};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "finish_renewal";

/// Payload: which renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinishRenewal {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
}

impl Job for FinishRenewal {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("finish:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
