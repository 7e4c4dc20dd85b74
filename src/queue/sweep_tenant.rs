//! Sweeps one tenant's bundles (see `lifecycle::discovery`).

use serde::{Deserialize, Serialize};

use crate::domain::ids::TenantId;

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "sweep_tenant";

/// Payload: which tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepTenant {
    /// The tenant.
    pub tenant_id: TenantId,
}

impl Job for SweepTenant {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("sweep:{}", self.tenant_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
