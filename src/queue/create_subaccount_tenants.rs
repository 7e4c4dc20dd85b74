//! Makes tenants of the subaccounts in one "Create tenants" request (or an import naming
//! them), each with its own credentials fetched from Twilio through the parent account (see
//! `lifecycle::parent_account`).

use serde::{Deserialize, Serialize};

use super::Job;
use crate::domain::ids::OnboardBatchId;

/// The job name.
pub const JOB_NAME: &str = "create_subaccount_tenants";

/// Payload: which request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateSubaccountTenants {
    /// The request (`subaccount.onboard_batch_id`).
    pub batch_id: OnboardBatchId,
}

impl Job for CreateSubaccountTenants {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 6;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("subaccount-tenants:{}", self.batch_id))
    }
}
