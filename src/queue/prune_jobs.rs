//! The periodic clean-up of the job table (daily): finished (`done`) jobs older than
//! a retention period are deleted. Dead jobs stay until staff deal with them.

use serde::{Deserialize, Serialize};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "prune_jobs";

/// Payload: none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PruneJobs {}

impl Job for PruneJobs {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some("prune-jobs".into())
    }
}
