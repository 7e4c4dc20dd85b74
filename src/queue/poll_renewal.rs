//! The polling fallback: re-reads a submitted copy until Twilio decides, so outcomes are
//! reached even when no status callback arrives. The first poll comes
//! `RECOMPLY_POLL_FIRST_SECS` after the submission; each wait doubles up to
//! `RECOMPLY_POLL_INTERVAL_SECS`.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{RenewalId, TenantId};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "poll_renewal";

/// Payload: which renewal, and how many polls came before this one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PollRenewal {
    /// The tenant.
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Polls of this submission before this one (0 for the first); sets the next wait.
    /// Payloads queued before it existed read as 0.
    #[serde(default)]
    pub attempt: u32,
}

impl Job for PollRenewal {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("poll:{}", self.renewal_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_queued_before_attempts_existed_reads_as_the_first_poll() {
        let old = serde_json::json!({
            "tenant_id": "00000000-0000-0000-0000-000000000001",
            "renewal_id": "00000000-0000-0000-0000-000000000002",
        });
        let poll: PollRenewal = serde_json::from_value(old).unwrap();
        assert_eq!(poll.attempt, 0);
        let next = PollRenewal { attempt: 3, ..poll };
        let round_trip: PollRenewal =
            serde_json::from_value(serde_json::to_value(&next).unwrap()).unwrap();
        assert_eq!(round_trip.attempt, 3);
    }
}
