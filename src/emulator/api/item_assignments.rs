//! Item Assignments: which End-Users and Supporting Documents a bundle holds. Changes are
//! allowed while the bundle is `draft` or `twilio-rejected` (fixing a rejection may mean
//! replacing a document before resubmitting); a bundle under review or approved refuses them
//! with 22227 (an emulator choice: Twilio's real code is unknown).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::bundles::owned_bundle;
use super::owned::owned;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin, QueryParams};
use crate::emulator::model::{BundleStatus, EndUser, ItemAssignment, SupportingDocument};
use crate::emulator::paging::PageRequest;
use crate::emulator::sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views::{self, RC};

/// Refuses item changes unless the bundle is `draft` or `twilio-rejected` (22227).
fn require_editable(store: &Store, caller: &Caller, bundle_sid: &str) -> ApiResult<()> {
    let status = owned_bundle(store, caller, bundle_sid)?.status;
    if !matches!(status, BundleStatus::Draft | BundleStatus::TwilioRejected) {
        return Err(ApiError::bad_request(
            22227,
            "Items can only be assigned or removed while the Bundle is draft or twilio-rejected",
        ));
    }
    Ok(())
}

fn owned_assignment<'a>(
    store: &'a Store,
    bundle_sid: &str,
    sid: &str,
) -> ApiResult<&'a ItemAssignment> {
    store
        .assignments
        .get(sid)
        .filter(|a| a.bundle_sid == bundle_sid)
        .ok_or_else(|| {
            ApiError::not_found(&format!("{RC}/Bundles/{bundle_sid}/ItemAssignments/{sid}"))
        })
}

/// `POST /Bundles/{BundleSid}/ItemAssignments` `ObjectSid=IT…|RD…` → 201.
pub async fn create_assignment(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(bundle_sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let object_sid = form.required("ObjectSid")?.to_owned();
    let mut store = state.lock();
    require_editable(&store, &caller, &bundle_sid)?;
    if !sid::is_any_sid(&object_sid) {
        return Err(ApiError::bad_request(22205, "Invalid ObjectSid"));
    }
    if !object_sid.starts_with("IT") && !object_sid.starts_with("RD") {
        return Err(ApiError::bad_request(
            22206,
            "ObjectSid must be an End-User or a Supporting Document",
        ));
    }
    let exists = owned::<EndUser>(&store, &caller, &object_sid).is_ok()
        || owned::<SupportingDocument>(&store, &caller, &object_sid).is_ok();
    if !exists {
        return Err(ApiError::bad_request(
            22205,
            format!("ObjectSid {object_sid} was not found in this account"),
        ));
    }
    let sid = store.assign(&caller.account_sid, &bundle_sid, &object_sid);
    Ok((
        StatusCode::CREATED,
        Json(views::assignment(&origin, &store.assignments[&sid])),
    ))
}

/// `GET /Bundles/{BundleSid}/ItemAssignments`.
pub async fn list_assignments(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(bundle_sid): Path<String>,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = PageRequest::from_query(&query)?;
    let store = state.lock();
    owned_bundle(&store, &caller, &bundle_sid)?;
    let (page, more) = paging.slice(store.assignments_of(&bundle_sid));
    let results = page.iter().map(|a| views::assignment(&origin, a)).collect();
    Ok(Json(paging.envelope(
        &format!("{origin}{RC}/Bundles/{bundle_sid}/ItemAssignments"),
        &query,
        "results",
        results,
        more,
    )))
}

/// `GET /Bundles/{BundleSid}/ItemAssignments/{Sid}`.
pub async fn fetch_assignment(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path((bundle_sid, sid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    owned_bundle(&store, &caller, &bundle_sid)?;
    Ok(Json(views::assignment(
        &origin,
        owned_assignment(&store, &bundle_sid, &sid)?,
    )))
}

/// `DELETE /Bundles/{BundleSid}/ItemAssignments/{Sid}` → 204.
pub async fn delete_assignment(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path((bundle_sid, sid)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    owned_bundle(&store, &caller, &bundle_sid)?;
    owned_assignment(&store, &bundle_sid, &sid)?;
    require_editable(&store, &caller, &bundle_sid)?;
    store.assignments.remove(&sid);
    Ok(StatusCode::NO_CONTENT)
}
