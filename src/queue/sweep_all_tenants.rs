//! The periodic sweep: every `RECOMPLY_SWEEP_INTERVAL_SECS`, enqueue a sweep of each tenant
//! that has credentials, then schedule the next round (same dedupe key).

use serde::{Deserialize, Serialize};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "sweep_all_tenants";

/// Payload: none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SweepAllTenants {}

impl Job for SweepAllTenants {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some("sweep-all".into())
    }
}
