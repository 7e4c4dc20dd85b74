//! Evaluations: computed synchronously on `POST`, stored with the regulation version used.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::bundles::owned_bundle;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, Origin, QueryParams};
use crate::emulator::paging::PageRequest;
use crate::emulator::state::EmulatorState;
use crate::emulator::views::{self, RC};

/// `POST /Bundles/{BundleSid}/Evaluations` → 201.
pub async fn create_evaluation(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(bundle_sid): Path<String>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut store = state.lock();
    owned_bundle(&store, &caller, &bundle_sid)?;
    let evaluation = store.evaluate_and_store(&bundle_sid).ok_or_else(|| {
        ApiError::bad_request(22201, "The Bundle's regulation is no longer available")
    })?;
    Ok((
        StatusCode::CREATED,
        Json(views::evaluation(&origin, &evaluation)),
    ))
}

/// `GET /Bundles/{BundleSid}/Evaluations`: newest first.
pub async fn list_evaluations(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(bundle_sid): Path<String>,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = PageRequest::from_query(&query)?;
    let store = state.lock();
    owned_bundle(&store, &caller, &bundle_sid)?;
    let mut evaluations = store.evaluations_of(&bundle_sid);
    evaluations.reverse();
    let (page, more) = paging.slice(evaluations);
    let results = page.iter().map(|e| views::evaluation(&origin, e)).collect();
    Ok(Json(paging.envelope(
        &format!("{origin}{RC}/Bundles/{bundle_sid}/Evaluations"),
        &query,
        "results",
        results,
        more,
    )))
}

/// `GET /Bundles/{BundleSid}/Evaluations/{Sid}`.
pub async fn fetch_evaluation(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path((bundle_sid, sid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    owned_bundle(&store, &caller, &bundle_sid)?;
    let evaluation = store
        .evaluations
        .get(&sid)
        .filter(|e| e.bundle_sid == bundle_sid)
        .ok_or_else(|| {
            ApiError::not_found(&format!("{RC}/Bundles/{bundle_sid}/Evaluations/{sid}"))
        })?;
    Ok(Json(views::evaluation(&origin, evaluation)))
}
