//! Automatic review and other timed events: they fire when emulator time passes their moment
//! (on `clock/advance` and from the background ticker).

use super::bundle_transitions::DocumentRejection;
use super::model::{BundleStatus, ReviewMode};
use super::store::Store;

/// The word that makes the automatic reviewer reject a document.
pub const REJECT_MARKER: &str = "REJECT";

impl Store {
    /// Schedules the automatic review of a submitted bundle when its account's policy is `auto`:
    /// in-review after half the delay, decided after the whole delay.
    pub fn schedule_review(&mut self, sid: &str) {
        let now = self.now();
        let Some(bundle) = self.bundles.get(sid) else {
            return;
        };
        let Some(account) = self.accounts.get(&bundle.account_sid) else {
            return;
        };
        if account.review_policy.mode != ReviewMode::Auto {
            return;
        }
        let delay = account.review_policy.delay_seconds.max(0);
        if let Some(mut bundle) = self.bundles.get_mut(sid) {
            bundle.in_review_at = Some(now + delay / 2);
            bundle.review_due_at = Some(now + delay);
        }
    }

    /// Fires every event due at the current emulator time; returns how many fired.
    pub fn fire_due_events(&mut self) -> usize {
        let now = self.now();
        let mut fired = 0;
        let due = |at: Option<i64>| at.is_some_and(|t| t <= now);
        let starting: Vec<String> = self
            .bundles
            .values()
            .filter(|b| b.status == BundleStatus::PendingReview && due(b.in_review_at))
            .map(|b| b.sid.clone())
            .collect();
        for sid in starting {
            self.start_review(&sid);
            fired += 1;
        }
        let deciding: Vec<String> = self
            .bundles
            .values()
            .filter(|b| {
                matches!(
                    b.status,
                    BundleStatus::PendingReview
                        | BundleStatus::InReview
                        | BundleStatus::ProvisionallyApproved
                ) && due(b.review_due_at)
            })
            .map(|b| b.sid.clone())
            .collect();
        for sid in deciding {
            self.auto_decide(&sid);
            fired += 1;
        }
        let expiring: Vec<String> = self
            .bundles
            .values()
            .filter(|b| b.status == BundleStatus::TwilioApproved && due(b.valid_until))
            .map(|b| b.sid.clone())
            .collect();
        for sid in expiring {
            self.reject(
                &sid,
                "The bundle was not updated with the regulation's new requirements before its \
                 valid_until date"
                    .into(),
                Vec::new(),
            );
            fired += 1;
        }
        fired
    }

    /// The automatic reviewer: rejects documents marked `REJECT`, then approves when the latest
    /// evaluation (or a fresh one if there is none) is compliant.
    pub fn auto_decide(&mut self, sid: &str) {
        if self.bundles.get(sid).is_some_and(|b| b.is_test) {
            self.reject(
                sid,
                super::bundle_transitions::TEST_BUNDLE_REASON.into(),
                Vec::new(),
            );
            return;
        }
        let (_, documents) = self.assigned_items(sid);
        let rejections: Vec<DocumentRejection> = documents
            .iter()
            .filter(|d| {
                d.friendly_name.contains(REJECT_MARKER)
                    || d.attributes.to_string().contains(REJECT_MARKER)
            })
            .map(|d| DocumentRejection {
                sid: d.sid.clone(),
                failure_reason: format!("The document {} is not valid.", d.friendly_name),
                errors: None,
            })
            .collect();
        if !rejections.is_empty() {
            let names: Vec<String> = rejections
                .iter()
                .map(|r| r.failure_reason.clone())
                .collect();
            self.reject(sid, names.join(" "), rejections);
            return;
        }
        let evaluation = match self.latest_evaluation(sid) {
            Some(evaluation) => Some(evaluation.clone()),
            None => self.assess_bundle(sid),
        };
        match evaluation {
            Some(evaluation) if evaluation.status == "compliant" => self.approve(sid),
            Some(evaluation) => {
                let reasons: Vec<String> = evaluation
                    .results
                    .iter()
                    .filter(|r| r["passed"] == false)
                    .filter_map(|r| r["failure_reason"].as_str().map(str::to_owned))
                    .collect();
                let reason = if reasons.is_empty() {
                    "The bundle does not meet the regulation's requirements.".to_owned()
                } else {
                    reasons.join(" ")
                };
                self.reject(sid, reason, Vec::new());
            }
            None => self.reject(
                sid,
                "The bundle's regulation is unknown.".into(),
                Vec::new(),
            ),
        }
    }
}
