//! End-Users: create, list, fetch, update (attributes are replaced), delete (21644 if assigned).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::{attributes, vocabulary};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin, QueryParams};
use crate::emulator::model::EndUser;
use crate::emulator::paging::PageRequest;
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views::{self, RC};

fn owned<'a>(store: &'a Store, caller: &Caller, sid: &str) -> ApiResult<&'a EndUser> {
    store
        .end_user(&caller.account_sid, sid)
        .ok_or_else(|| ApiError::not_found(&format!("{RC}/EndUsers/{sid}")))
}

/// `POST /EndUsers` → 201.
pub async fn create_end_user(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let friendly_name = form.required("FriendlyName")?.to_owned();
    let end_user_type = vocabulary::end_user_type(form.required("Type")?)
        .ok_or_else(|| ApiError::invalid("Type", "expected individual or business"))?;
    let attributes = attributes::parse(form.get("Attributes"))?;
    let mut store = state.lock();
    let now = store.now();
    let end_user = EndUser {
        seq: store.next_seq(),
        sid: new_sid("IT"),
        account_sid: caller.account_sid,
        friendly_name,
        end_user_type: end_user_type.to_owned(),
        attributes,
        date_created: now,
        date_updated: now,
    };
    let body = views::end_user(&origin, &end_user);
    store.end_users.insert(end_user.sid.clone(), end_user);
    Ok((StatusCode::CREATED, Json(body)))
}

/// `GET /EndUsers`: newest first.
pub async fn list_end_users(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = PageRequest::from_query(&query)?;
    let store = state.lock();
    let mut list: Vec<&EndUser> = store
        .end_users
        .values()
        .filter(|e| e.account_sid == caller.account_sid)
        .collect();
    list.sort_by_key(|e| std::cmp::Reverse(e.seq));
    let (page, more) = paging.slice(list);
    let results = page.iter().map(|e| views::end_user(&origin, e)).collect();
    Ok(Json(paging.envelope(
        &format!("{origin}{RC}/EndUsers"),
        &query,
        "results",
        results,
        more,
    )))
}

/// `GET /EndUsers/{Sid}`.
pub async fn fetch_end_user(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    Ok(Json(views::end_user(
        &origin,
        owned(&store, &caller, &sid)?,
    )))
}

/// `POST /EndUsers/{Sid}`: `FriendlyName`, `Attributes` (replaces the object).
pub async fn update_end_user(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<Json<Value>> {
    let mut store = state.lock();
    owned(&store, &caller, &sid)?;
    let attributes = form
        .get("Attributes")
        .map(|text| attributes::parse(Some(text)))
        .transpose()?;
    let now = store.now();
    let end_user = store.end_users.get_mut(&sid).expect("checked above");
    if let Some(name) = form.get("FriendlyName") {
        end_user.friendly_name = name.to_owned();
    }
    if let Some(attributes) = attributes {
        end_user.attributes = attributes;
    }
    end_user.date_updated = now;
    Ok(Json(views::end_user(&origin, end_user)))
}

/// `DELETE /EndUsers/{Sid}` → 204; 21644 while assigned to a bundle.
pub async fn delete_end_user(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    owned(&store, &caller, &sid)?;
    if store.is_assigned(&sid) {
        return Err(ApiError::bad_request(
            21644,
            "End-User cannot be deleted: it is assigned to a Bundle",
        ));
    }
    store.end_users.remove(&sid);
    Ok(StatusCode::NO_CONTENT)
}
