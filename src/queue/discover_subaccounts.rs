//! Lists the parent account's subaccounts into Postgres (see `lifecycle::parent_account`):
//! once when staff press "Discover subaccounts", and periodically every
//! `RECOMPLY_DISCOVERY_INTERVAL_SECS` (the scheduled run enqueues its own next run).

use serde::{Deserialize, Serialize};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "discover_subaccounts";

/// Payload: whether this is the periodic run (which schedules the next one).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DiscoverSubaccounts {
    /// The periodic run, rather than one staff asked for.
    #[serde(default)]
    pub scheduled: bool,
}

impl DiscoverSubaccounts {
    /// The run staff ask for from the parent account page.
    pub fn now() -> Self {
        Self { scheduled: false }
    }

    /// The periodic run.
    pub fn scheduled() -> Self {
        Self { scheduled: true }
    }
}

impl Job for DiscoverSubaccounts {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 5;

    fn dedupe_key(&self) -> Option<String> {
        Some(if self.scheduled {
            "discover-subaccounts:scheduled".into()
        } else {
            "discover-subaccounts:now".into()
        })
    }
}
