//! Winds down a removed tenant (see `lifecycle::tenants::offboard`).

use serde::{Deserialize, Serialize};

use crate::domain::ids::TenantId;

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "offboard_tenant";

/// Payload: which tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OffboardTenant {
    /// The removed tenant.
    pub tenant_id: TenantId,
}

impl Job for OffboardTenant {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("offboard:{}", self.tenant_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
