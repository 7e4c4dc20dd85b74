//! Status callbacks waiting to be delivered, and the log of every delivery attempt.

use serde::{Deserialize, Serialize};

use super::faults::CallbackFault;

/// How long a reordered callback waits for a later one before it goes anyway (ms).
pub const REORDER_HOLD_MS: u64 = 2_000;

/// A status callback to deliver.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CallbackJob {
    /// Enqueue order.
    pub id: u64,
    /// `I-Twilio-Idempotency-Token`, constant across retries and duplicates.
    pub idempotency_token: String,
    /// Owner (whose auth token signs it).
    pub account_sid: String,
    /// The bundle.
    pub bundle_sid: String,
    /// The URL exactly as stored on the bundle.
    pub url: String,
    /// Form parameters.
    pub params: Vec<(String, String)>,
    /// Attempts made so far.
    pub attempts: u32,
    /// Real time (ms since the epoch) before which it is not sent.
    pub not_before_ms: u64,
    /// When it was enqueued (real ms).
    pub enqueued_ms: u64,
    /// Send it twice.
    pub duplicate: bool,
    /// Hold until a later callback was delivered.
    pub reorder: bool,
}

/// One delivery attempt (or a dropped callback).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryAttempt {
    /// The job.
    pub callback_id: u64,
    /// Its idempotency token.
    pub idempotency_token: String,
    /// The bundle.
    pub bundle_sid: String,
    /// The URL.
    pub url: String,
    /// The form parameters sent.
    pub params: Vec<(String, String)>,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// Response status, if a response came.
    pub http_status: Option<u16>,
    /// Connection error, if any.
    pub error: Option<String>,
    /// `delivered`, `retrying`, `failed` (gave up) or `dropped` (fault).
    pub outcome: String,
    /// Emulator time of the attempt (ISO 8601).
    pub at: String,
}

/// Callbacks waiting and attempts made.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Outbox {
    next_id: u64,
    /// Waiting jobs, in enqueue order.
    pub pending: Vec<CallbackJob>,
    /// Every attempt, oldest first.
    pub log: Vec<DeliveryAttempt>,
}

impl Outbox {
    /// Queues a callback, applying a callback fault decided by the caller.
    pub fn enqueue(&mut self, mut job: CallbackJob, fault: Option<CallbackFault>, at: String) {
        self.next_id += 1;
        job.id = self.next_id;
        match fault {
            Some(CallbackFault::Drop) => {
                self.log.push(DeliveryAttempt {
                    callback_id: job.id,
                    idempotency_token: job.idempotency_token,
                    bundle_sid: job.bundle_sid,
                    url: job.url,
                    params: job.params,
                    attempt: 0,
                    http_status: None,
                    error: None,
                    outcome: "dropped".into(),
                    at,
                });
                return;
            }
            Some(CallbackFault::Duplicate) => job.duplicate = true,
            Some(CallbackFault::Delay { ms }) => job.not_before_ms += ms,
            Some(CallbackFault::Reorder) => job.reorder = true,
            None => {}
        }
        self.pending.push(job);
    }

    /// Jobs due at real time `now_ms`, in order (held reorders are released once a later job has
    /// gone or the hold timed out).
    pub fn take_due(&mut self, now_ms: u64) -> Vec<CallbackJob> {
        let mut due = Vec::new();
        let mut index = 0;
        while index < self.pending.len() {
            let job = &self.pending[index];
            let later_sent = self
                .log
                .iter()
                .any(|a| a.callback_id > job.id && a.outcome != "dropped");
            let held = job.reorder && !later_sent && now_ms < job.enqueued_ms + REORDER_HOLD_MS;
            if job.not_before_ms <= now_ms && !held {
                due.push(self.pending.remove(index));
            } else {
                index += 1;
            }
        }
        due
    }
}
