//! The periodic reminder check (hourly): see `lifecycle::reminders`.

use serde::{Deserialize, Serialize};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "check_reminders";

/// Payload: none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckReminders {}

impl Job for CheckReminders {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some("check-reminders".into())
    }
}
