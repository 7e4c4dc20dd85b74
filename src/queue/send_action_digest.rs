//! The payload of the job that sends a tenant's held action-needed notices as digests (see
//! `lifecycle::notifications::digest`). It carries only the tenant: which notices a digest
//! holds, and the delivery key its emails are recorded under, live in `action_notice`, so any
//! run of the job (a retry, or the next one) finishes what an earlier one started.

use serde::{Deserialize, Serialize};

use crate::domain::ids::TenantId;

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "send_action_digest";

/// Payload: which tenant's notices.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendActionDigest {
    /// The tenant.
    pub tenant_id: TenantId,
}

impl Job for SendActionDigest {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 8;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("action_digest:{}", self.tenant_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
