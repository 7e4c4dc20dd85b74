//! The daily clean-up: done jobs and old webhook callbacks past their retention are deleted.
//! (The name stays `prune_jobs` so queued rows from earlier versions still run.)

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
