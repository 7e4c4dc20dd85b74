//! Acts on a verified status callback by re-reading the bundle from Twilio (never trusting the
//! payload's status or order): a copy under review is reconciled, an original is mirrored and
//! may open or expire a renewal.

use crate::domain::ids::{TenantId, WebhookEventId};
use crate::domain::sid::BundleSid;
use serde::{Deserialize, Serialize};

use super::Job;

/// The job name.
pub const JOB_NAME: &str = "process_bundle_status";

/// Payload: the bundle a callback was about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessBundleStatus {
    /// The tenant.
    pub tenant_id: TenantId,
    /// `BU…` (an original or a copy).
    pub bundle_sid: BundleSid,
    /// The stored callback that asked for this (every callback about the bundle stored
    /// before processing starts is taken in, and marked processed at the end).
    pub webhook_event_id: Option<WebhookEventId>,
}

/// Every callback about one bundle joins the same pending job (`super::enqueue_joining`):
/// however many arrive while it waits, the bundle is re-read once; one arriving while the job
/// runs queues the next re-read.
impl Job for ProcessBundleStatus {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!(
            "bundle-status:{}:{}",
            self.tenant_id, self.bundle_sid
        ))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}
