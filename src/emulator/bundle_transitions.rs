//! Bundle status transitions done by "Twilio" (submission side effects, review decisions,
//! valid_until stamps and expiry), each queuing the signed status callback it causes.

use serde_json::{Value, json};

use super::clock::{self, Timestamp};
use super::model::BundleStatus;
use super::outbox::CallbackJob;
use super::store::Store;

/// A reviewer's verdict on one document of a rejected bundle.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct DocumentRejection {
    /// `RD…`.
    pub sid: String,
    /// Why.
    pub failure_reason: String,
    /// Error entries, default `[{"code": 18001}]`.
    #[serde(default)]
    pub errors: Option<Value>,
}

/// Failure reason of test bundles.
pub const TEST_BUNDLE_REASON: &str = "Rejected test bundle (18099)";

impl Store {
    /// Sets the status and queues a callback unless the change is pending-review → in-review.
    pub fn change_status(&mut self, sid: &str, status: BundleStatus) {
        let now = self.now();
        let Some(mut bundle) = self.bundles.get_mut(sid) else {
            return;
        };
        let previous = bundle.status;
        bundle.status = status;
        bundle.date_updated = now;
        drop(bundle);
        let silent = previous == BundleStatus::PendingReview && status == BundleStatus::InReview;
        if !silent {
            self.queue_callback(sid);
        }
    }

    /// Client submission (draft or twilio-rejected → pending-review): documents go to
    /// `pending-review`, the old failure reason is cleared and an automatic review is scheduled.
    pub fn submit(&mut self, sid: &str) {
        let Some(mut bundle) = self.bundles.get_mut(sid) else {
            return;
        };
        bundle.failure_reason = None;
        drop(bundle);
        self.set_documents(sid, |document| {
            document.status = "pending-review".into();
            document.failure_reason = None;
            document.errors = None;
        });
        self.change_status(sid, BundleStatus::PendingReview);
        self.schedule_review(sid);
    }

    /// Moves a submitted bundle to in-review (no callback).
    pub fn start_review(&mut self, sid: &str) {
        if let Some(mut bundle) = self.bundles.get_mut(sid) {
            bundle.in_review_at = None;
        }
        if self.bundles.get(sid).map(|b| b.status) == Some(BundleStatus::PendingReview) {
            self.change_status(sid, BundleStatus::InReview);
        }
    }

    /// Provisionally approves a bundle under review: status `provisionally-approved` (with its
    /// callback), documents still pending, the review timers kept so the automatic reviewer
    /// still decides it (test bundles are rejected with 18099 instead).
    pub fn provisionally_approve(&mut self, sid: &str) {
        let Some(bundle) = self.bundles.get(sid) else {
            return;
        };
        if bundle.is_test {
            self.reject(sid, TEST_BUNDLE_REASON.into(), Vec::new());
            return;
        }
        self.start_review(sid);
        self.change_status(sid, BundleStatus::ProvisionallyApproved);
    }

    /// Approves a bundle (test bundles are rejected with 18099 instead).
    pub fn approve(&mut self, sid: &str) {
        let Some(bundle) = self.bundles.get(sid) else {
            return;
        };
        if bundle.is_test {
            self.reject(sid, TEST_BUNDLE_REASON.into(), Vec::new());
            return;
        }
        self.start_review(sid);
        self.clear_review_timers(sid);
        self.set_documents(sid, |document| {
            document.status = "approved".into();
            document.failure_reason = None;
            document.errors = None;
        });
        if let Some(mut bundle) = self.bundles.get_mut(sid) {
            bundle.failure_reason = None;
        }
        self.change_status(sid, BundleStatus::TwilioApproved);
    }

    /// Rejects a bundle with a reason; the named documents become `rejected`, the others go back
    /// to `draft` so they can be fixed.
    pub fn reject(&mut self, sid: &str, reason: String, documents: Vec<DocumentRejection>) {
        if !self.bundles.contains_key(sid) {
            return;
        }
        self.start_review(sid);
        self.clear_review_timers(sid);
        self.set_documents(sid, |document| {
            match documents.iter().find(|r| r.sid == document.sid) {
                Some(rejection) => {
                    document.status = "rejected".into();
                    document.failure_reason = Some(rejection.failure_reason.clone());
                    document.errors =
                        Some(rejection.errors.clone().unwrap_or(json!([{"code": 18001}])));
                }
                None if document.status == "pending-review" => document.status = "draft".into(),
                None => {}
            }
        });
        if let Some(mut bundle) = self.bundles.get_mut(sid) {
            bundle.failure_reason = Some(reason);
        }
        self.change_status(sid, BundleStatus::TwilioRejected);
    }

    /// Sets `valid_until` on a bundle and tells its callback.
    pub fn stamp_valid_until(&mut self, sid: &str, valid_until: Timestamp) {
        let now = self.now();
        let Some(mut bundle) = self.bundles.get_mut(sid) else {
            return;
        };
        bundle.valid_until = Some(valid_until);
        bundle.date_updated = now;
        drop(bundle);
        self.queue_callback(sid);
    }

    /// Queues the status callback of a bundle (if it has a callback URL).
    pub fn queue_callback(&mut self, sid: &str) {
        let Some(bundle) = self.bundles.get(sid) else {
            return;
        };
        let Some(url) = bundle.status_callback.clone().filter(|u| !u.is_empty()) else {
            return;
        };
        let params = vec![
            ("AccountSid".to_owned(), bundle.account_sid.clone()),
            ("BundleSid".to_owned(), bundle.sid.clone()),
            ("Status".to_owned(), bundle.status.as_str().to_owned()),
            (
                "FailureReason".to_owned(),
                bundle.failure_reason.clone().unwrap_or_default(),
            ),
            (
                "ValidUntil".to_owned(),
                bundle.valid_until.map(clock::format).unwrap_or_default(),
            ),
        ];
        let now_ms = clock::real_now_ms();
        let job = CallbackJob {
            id: 0,
            idempotency_token: uuid::Uuid::new_v4().to_string(),
            account_sid: bundle.account_sid.clone(),
            bundle_sid: bundle.sid.clone(),
            url: url.clone(),
            params,
            attempts: 0,
            not_before_ms: now_ms,
            enqueued_ms: now_ms,
            duplicate: false,
            reorder: false,
        };
        let fault = self.faults.for_callback(&url);
        let at = clock::format(self.now());
        self.outbox.enqueue(job, fault, at);
    }

    fn clear_review_timers(&mut self, sid: &str) {
        if let Some(mut bundle) = self.bundles.get_mut(sid) {
            bundle.in_review_at = None;
            bundle.review_due_at = None;
        }
    }

    fn set_documents(
        &mut self,
        bundle_sid: &str,
        mut update: impl FnMut(&mut super::model::SupportingDocument),
    ) {
        let now = self.now();
        let sids: Vec<String> = self
            .assignments_of(bundle_sid)
            .iter()
            .map(|a| a.object_sid.clone())
            .collect();
        for sid in sids {
            if let Some(document) = self.documents.get_mut(&sid) {
                update(document);
                document.date_updated = now;
            }
        }
    }
}
