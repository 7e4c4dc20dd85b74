//! ReplaceItems: the original (still provisioned) bundle takes over the items of its approved
//! copy, and loses its `valid_until`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::bundles::owned_bundle;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams};
use crate::emulator::model::BundleStatus;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views;

/// `POST /Bundles/{BundleSid}/ReplaceItems` `FromBundleSid=…` → 201 with the target's fields.
pub async fn replace_items(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let from_sid = form.required("FromBundleSid")?.to_owned();
    let mut store = state.lock();
    owned_bundle(&store, &caller, &sid)?;
    check(&store, &caller, &sid, &from_sid)?;
    let old: Vec<String> = store
        .assignments_of(&sid)
        .iter()
        .map(|a| a.sid.clone())
        .collect();
    for assignment in old {
        store.assignments.remove(&assignment);
    }
    let items: Vec<String> = store
        .assignments_of(&from_sid)
        .iter()
        .map(|a| a.object_sid.clone())
        .collect();
    for item in items {
        store.assign(&caller.account_sid, &sid, &item);
    }
    let now = store.now();
    let mut target = store.bundles.get_mut(&sid).expect("checked above");
    target.valid_until = None;
    target.date_updated = now;
    drop(target);
    Ok((
        StatusCode::CREATED,
        Json(views::bundle_fields(&store.bundles[&sid])),
    ))
}

/// 22226 same bundle, 22225 unknown source, 22224 not both approved or not a copy of the target,
/// 22229 addresses differ, 22228 the copy was not evaluated against the current regulation.
fn check(store: &Store, caller: &Caller, sid: &str, from_sid: &str) -> ApiResult<()> {
    if sid == from_sid {
        return Err(ApiError::bad_request(
            22226,
            "The Bundle and the FromBundle must be different",
        ));
    }
    let target = owned_bundle(store, caller, sid)?;
    let source = owned_bundle(store, caller, from_sid).map_err(|_| {
        ApiError::bad_request(22225, format!("FromBundle {from_sid} does not exist"))
    })?;
    if target.status != BundleStatus::TwilioApproved
        || source.status != BundleStatus::TwilioApproved
        || source.copied_from.as_deref() != Some(sid)
    {
        return Err(ApiError::bad_request(
            22224,
            "Both bundles must be twilio-approved and the FromBundle must be a copy of the Bundle",
        ));
    }
    if store.bundle_addresses(sid) != store.bundle_addresses(from_sid) {
        return Err(ApiError::bad_request(
            22229,
            "The copy's Address must be the same as the destination Bundle's Address",
        ));
    }
    let current = store.regulation_of(target).map(|r| r.version).unwrap_or(0);
    let evaluated = store
        .latest_evaluation(from_sid)
        .map(|e| e.regulation_version);
    if evaluated.is_none_or(|v| v < current) {
        return Err(ApiError::bad_request(
            22228,
            "The FromBundle does not satisfy the latest regulation requirements",
        ));
    }
    Ok(())
}
