//! Bundle Clones: a twilio-approved bundle copied (with its items) into another account.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::bundles::owned_bundle;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin};
use crate::emulator::model::{Bundle, BundleStatus};
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::views;

/// `POST /Bundles/{BundleSid}/Clones` → 201 with `bundle_sid`. Only twilio-approved bundles can
/// be cloned (22224, an emulator choice); an unknown target account is 20404.
pub async fn create_clone(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let target_account = form.required("TargetAccountSid")?.to_owned();
    let move_to_draft = form.bool("MoveToDraft")?.unwrap_or(false);
    let mut store = state.lock();
    let original = owned_bundle(&store, &caller, &sid)?.clone();
    if original.status != BundleStatus::TwilioApproved {
        return Err(ApiError::bad_request(
            22224,
            "Only twilio-approved bundles can be cloned",
        ));
    }
    if !store.accounts.contains_key(&target_account) {
        return Err(ApiError::not_found(&format!("/Accounts/{target_account}")));
    }
    let now = store.now();
    let clone = Bundle {
        seq: store.next_seq(),
        sid: new_sid("BU"),
        account_sid: target_account.clone(),
        friendly_name: form
            .get("FriendlyName")
            .filter(|n| !n.is_empty())
            .unwrap_or(&original.friendly_name)
            .to_owned(),
        status: if move_to_draft {
            BundleStatus::Draft
        } else {
            BundleStatus::TwilioApproved
        },
        valid_until: None,
        date_created: now,
        date_updated: now,
        has_active_numbers: false,
        copied_from: None,
        failure_reason: None,
        in_review_at: None,
        review_due_at: None,
        ..original.clone()
    };
    let clone_sid = clone.sid.clone();
    store.bundles.insert(clone);
    if let Err(error) = store.deep_copy_items(&original.sid, &clone_sid, &target_account) {
        store.remove_bundle(&clone_sid);
        return Err(error);
    }
    Ok((
        StatusCode::CREATED,
        Json(views::clone(&origin, &store.bundles[&clone_sid])),
    ))
}
