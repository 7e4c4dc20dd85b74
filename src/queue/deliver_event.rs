//! Delivers one outbound event to one endpoint (see `lifecycle::events`). The job rows are
//! written by `db::event_deliveries` in the transaction that records the event, so this
//! payload mirrors the one built there.

use serde::{Deserialize, Serialize};

use super::Job;
use crate::db::event_deliveries;
use crate::domain::ids::{EventDeliveryId, TenantId};

/// The job name.
pub const JOB_NAME: &str = event_deliveries::JOB_NAME;

/// Payload: which delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliverEvent {
    /// The tenant whose event it is.
    pub tenant_id: TenantId,
    /// The delivery (`event_delivery`).
    pub event_delivery_id: EventDeliveryId,
}

impl Job for DeliverEvent {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = event_deliveries::MAX_ATTEMPTS;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("deliver:{}", self.event_delivery_id))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_matches_the_job_rows_the_database_layer_writes() {
        let job = DeliverEvent {
            tenant_id: TenantId::random(),
            event_delivery_id: EventDeliveryId::random(),
        };
        let row = event_deliveries::job(job.tenant_id, job.event_delivery_id);
        assert_eq!(row.payload, serde_json::to_value(&job).unwrap());
        assert_eq!(row.dedupe_key, job.dedupe_key());
        assert_eq!(row.tenant_id, Job::tenant_id(&job));
        assert_eq!(row.max_attempts, DeliverEvent::MAX_ATTEMPTS);
    }
}
