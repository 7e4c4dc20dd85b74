//! Bundle Copies: a deep copy of a bundle's items into a new `draft` bundle, and the list of
//! copies made from a bundle. Copy objects have no `url` or `links`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::bundles::owned_bundle;
use crate::emulator::error::ApiResult;
use crate::emulator::extract::{Caller, FormParams, Origin, QueryParams};
use crate::emulator::model::{Bundle, BundleStatus};
use crate::emulator::paging::PageRequest;
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::views::{self, RC};

/// `POST /Bundles/{BundleSid}/Copies` → 201. The copy keeps regulation, email and callback;
/// `valid_until` starts empty.
pub async fn create_copy(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut store = state.lock();
    let original = owned_bundle(&store, &caller, &sid)?.clone();
    let now = store.now();
    let copy = Bundle {
        seq: store.next_seq(),
        sid: new_sid("BU"),
        friendly_name: form
            .get("FriendlyName")
            .filter(|n| !n.is_empty())
            .unwrap_or(&original.friendly_name)
            .to_owned(),
        status: BundleStatus::Draft,
        valid_until: None,
        date_created: now,
        date_updated: now,
        has_active_numbers: false,
        copied_from: Some(original.sid.clone()),
        failure_reason: None,
        in_review_at: None,
        review_due_at: None,
        ..original.clone()
    };
    let copy_sid = copy.sid.clone();
    store.bundles.insert(copy);
    if let Err(error) = store.deep_copy_items(&original.sid, &copy_sid, &caller.account_sid) {
        store.remove_bundle(&copy_sid);
        return Err(error);
    }
    Ok((
        StatusCode::CREATED,
        Json(views::bundle_fields(&store.bundles[&copy_sid])),
    ))
}

/// `GET /Bundles/{BundleSid}/Copies`: copies made from the bundle, newest first.
pub async fn list_copies(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = PageRequest::from_query(&query)?;
    let store = state.lock();
    owned_bundle(&store, &caller, &sid)?;
    let mut copies: Vec<&Bundle> = store
        .bundles
        .values()
        .filter(|b| b.copied_from.as_deref() == Some(sid.as_str()))
        .collect();
    copies.sort_by_key(|b| std::cmp::Reverse(b.seq));
    let (page, more) = paging.slice(copies);
    let results = page.iter().map(|b| views::bundle_fields(b)).collect();
    Ok(Json(paging.envelope(
        &format!("{origin}{RC}/Bundles/{sid}/Copies"),
        &query,
        "results",
        results,
        more,
    )))
}
