//! Creates (or adopts) the copy of a newly detected renewal and reads it into the snapshot.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{RenewalId, TenantId};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "prepare_renewal";

/// Payload: which renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrepareRenewal {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
}

impl Job for PrepareRenewal {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("prepare:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
