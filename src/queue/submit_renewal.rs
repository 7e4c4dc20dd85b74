//! Submits a copy that was compliant when prepared, when its tenant allows it (see
//! `lifecycle::auto_submit`).

use serde::{Deserialize, Serialize};

use crate::domain::ids::{RenewalId, TenantId};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "submit_renewal";

/// Payload: which renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmitRenewal {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
}

impl Job for SubmitRenewal {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("submit:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
