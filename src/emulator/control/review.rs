//! `POST /__emulator/bundles/{sid}/review`: the manual reviewer's decision.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::Value;

use super::error::{ControlError, ControlResult};
use super::inspect::internal_view;
use crate::emulator::bundle_transitions::DocumentRejection;
use crate::emulator::model::BundleStatus;
use crate::emulator::state::EmulatorState;

/// The decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// pending-review → in-review (no callback).
    InReview,
    /// → provisionally-approved: not yet Twilio's final word (a later `approve` or `reject`
    /// decides; test bundles are rejected with 18099 instead).
    ProvisionallyApprove,
    /// → twilio-approved (test bundles are rejected with 18099 instead).
    Approve,
    /// → twilio-rejected with a failure reason.
    Reject,
}

/// Body of `POST bundles/{sid}/review`.
#[derive(Debug, Deserialize)]
pub struct ReviewBody {
    /// The decision.
    pub decision: Decision,
    /// Why (reject).
    #[serde(default)]
    pub failure_reason: Option<String>,
    /// Documents to mark rejected.
    #[serde(default)]
    pub documents: Vec<DocumentRejection>,
}

/// Applies a decision to a submitted bundle (409 if it is not pending-review or in-review, or,
/// for a final decision, provisionally-approved).
pub async fn review_bundle(
    State(state): State<EmulatorState>,
    Path(sid): Path<String>,
    Json(body): Json<ReviewBody>,
) -> ControlResult<Json<Value>> {
    state.mutate(|store| {
        let status = store
            .bundles
            .get(&sid)
            .map(|b| b.status)
            .ok_or_else(|| ControlError::not_found(format!("bundle {sid}")))?;
        let under_review = matches!(status, BundleStatus::PendingReview | BundleStatus::InReview);
        let allowed = match body.decision {
            Decision::InReview => status == BundleStatus::PendingReview,
            Decision::ProvisionallyApprove => under_review,
            _ => under_review || status == BundleStatus::ProvisionallyApproved,
        };
        if !allowed {
            return Err(ControlError::conflict(format!(
                "bundle {sid} is {}; cannot apply {:?}",
                status.as_str(),
                body.decision
            )));
        }
        match body.decision {
            Decision::InReview => store.start_review(&sid),
            Decision::ProvisionallyApprove => store.provisionally_approve(&sid),
            Decision::Approve => store.approve(&sid),
            Decision::Reject => {
                let reason = body
                    .failure_reason
                    .clone()
                    .unwrap_or_else(|| "The bundle was rejected by the reviewer.".into());
                store.reject(&sid, reason, body.documents.clone());
            }
        }
        Ok(Json(internal_view(store, &sid).unwrap_or_default()))
    })
}
