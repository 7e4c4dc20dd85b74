//! End-Users: create, list, fetch, update (attributes are replaced), delete (21644 if assigned).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::owned;
use super::{attributes, vocabulary};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin};
use crate::emulator::model::EndUser;
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;

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
    Ok(owned::created(&mut store, end_user, &origin))
}

/// `DELETE /EndUsers/{Sid}` → 204; 21644 while assigned to a bundle.
pub async fn delete_end_user(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    owned::owned::<EndUser>(&store, &caller, &sid)?;
    if store.is_assigned(&sid) {
        return Err(ApiError::bad_request(
            21644,
            "End-User cannot be deleted: it is assigned to a Bundle",
        ));
    }
    store.end_users.remove(&sid);
    Ok(StatusCode::NO_CONTENT)
}
