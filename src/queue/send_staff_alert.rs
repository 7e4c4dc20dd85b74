//! The payload of the job that emails every staff member about one fleet-level problem (see
//! `lifecycle::notifications::staff_alerts`).

use serde::{Deserialize, Serialize};

use super::Job;
use crate::domain::ids::StaffAlertId;

/// The job name.
pub const JOB_NAME: &str = "send_staff_alert";

/// Payload: which alert (its id is also the delivery key of its emails).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendStaffAlert {
    /// The `staff_alert` row.
    pub staff_alert_id: StaffAlertId,
}

impl Job for SendStaffAlert {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 8;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("staff_alert:{}", self.staff_alert_id))
    }
}
