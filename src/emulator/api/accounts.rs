//! Twilio's 2010-04-01 Accounts resource: list (`FriendlyName`, `Status`), fetch, create a
//! subaccount, and update (`FriendlyName`, `Status=active|suspended|closed`). An account sees
//! itself and its subaccounts, with their auth tokens; a subaccount sees only itself. A closed
//! account stays closed and its credentials stop working.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::emulator::classic_paging::ClassicPage;
use crate::emulator::clock::format_rfc2822;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, QueryParams};
use crate::emulator::model::Account;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;

/// Path prefix of the 2010-04-01 API.
pub const V2010: &str = "/2010-04-01";

const STATUSES: [&str; 3] = ["active", "suspended", "closed"];

/// The subresources listed on every account, as (key, path segment).
const SUBRESOURCES: [(&str, &str); 20] = [
    ("addresses", "Addresses"),
    ("applications", "Applications"),
    ("authorized_connect_apps", "AuthorizedConnectApps"),
    ("available_phone_numbers", "AvailablePhoneNumbers"),
    ("balance", "Balance"),
    ("calls", "Calls"),
    ("conferences", "Conferences"),
    ("connect_apps", "ConnectApps"),
    ("incoming_phone_numbers", "IncomingPhoneNumbers"),
    ("keys", "Keys"),
    ("messages", "Messages"),
    ("notifications", "Notifications"),
    ("outgoing_caller_ids", "OutgoingCallerIds"),
    ("queues", "Queues"),
    ("recordings", "Recordings"),
    ("short_codes", "SMS/ShortCodes"),
    ("signing_keys", "SigningKeys"),
    ("sip", "SIP"),
    ("transcriptions", "Transcriptions"),
    ("usage", "Usage"),
];

/// The wire JSON of an account.
pub fn view(account: &Account) -> Value {
    let uri = format!("{V2010}/Accounts/{}", account.sid);
    let subresources: serde_json::Map<String, Value> = SUBRESOURCES
        .iter()
        .map(|(key, segment)| ((*key).to_owned(), json!(format!("{uri}/{segment}.json"))))
        .collect();
    json!({
        "sid": account.sid,
        "owner_account_sid": account.owner_account_sid.as_deref().unwrap_or(&account.sid),
        "friendly_name": account.friendly_name,
        "status": account.status,
        "type": "Full",
        "auth_token": account.auth_token,
        "date_created": format_rfc2822(account.date_created),
        "date_updated": format_rfc2822(account.date_updated),
        "uri": format!("{uri}.json"),
        "subresource_uris": subresources,
    })
}

/// The SID named by a `{Sid}.json` path segment, or 20404.
fn sid_of(segment: &str) -> ApiResult<&str> {
    segment
        .strip_suffix(".json")
        .ok_or_else(|| ApiError::not_found(&format!("{V2010}/Accounts/{segment}")))
}

fn visible<'a>(store: &'a Store, caller: &Caller, sid: &str) -> ApiResult<&'a Account> {
    store
        .accounts
        .get(sid)
        .filter(|_| store.can_see_account(&caller.account_sid, sid))
        .ok_or_else(|| ApiError::not_found(&format!("{V2010}/Accounts/{sid}.json")))
}

/// `GET /2010-04-01/Accounts.json`: the caller and its subaccounts, oldest first.
pub async fn list_accounts(
    State(state): State<EmulatorState>,
    caller: Caller,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = ClassicPage::from_query(&query)?;
    let status = query.get("Status");
    if let Some(status) = status.filter(|s| !STATUSES.contains(s)) {
        return Err(ApiError::invalid("Status", status));
    }
    let friendly_name = query.get("FriendlyName");
    let store = state.lock();
    let mut list: Vec<&Account> = store
        .accounts
        .values()
        .filter(|a| store.can_see_account(&caller.account_sid, &a.sid))
        .filter(|a| status.is_none_or(|s| a.status == s))
        .filter(|a| friendly_name.is_none_or(|n| a.friendly_name == n))
        .collect();
    list.sort_by_key(|a| a.seq);
    let path = format!("{V2010}/Accounts.json");
    Ok(Json(paging.envelope(
        &path,
        &query,
        "accounts",
        list,
        |a| view(a),
    )))
}

/// `POST /2010-04-01/Accounts.json` → 201: a subaccount of the caller. A subaccount cannot
/// create subaccounts (20001, an emulator choice).
pub async fn create_account(
    State(state): State<EmulatorState>,
    caller: Caller,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut store = state.lock();
    let is_subaccount = store
        .accounts
        .get(&caller.account_sid)
        .is_some_and(|a| a.owner_account_sid.is_some());
    if is_subaccount {
        return Err(ApiError::bad_request(
            20001,
            "Subaccounts cannot create subaccounts",
        ));
    }
    let name = match form.get("FriendlyName").filter(|n| !n.is_empty()) {
        Some(name) => name.to_owned(),
        None => format!("SubAccount Created at {}", format_rfc2822(store.now())),
    };
    let credentials = store.create_subaccount(&caller.account_sid, &name);
    let account = &store.accounts[&credentials.account_sid];
    Ok((StatusCode::CREATED, Json(view(account))))
}

/// `GET /2010-04-01/Accounts/{Sid}.json`.
pub async fn fetch_account(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(segment): Path<String>,
) -> ApiResult<Json<Value>> {
    let sid = sid_of(&segment)?;
    let store = state.lock();
    Ok(Json(view(visible(&store, &caller, sid)?)))
}

/// `POST /2010-04-01/Accounts/{Sid}.json`: `FriendlyName`, `Status`. A closed account cannot be
/// changed (20001).
pub async fn update_account(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(segment): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<Json<Value>> {
    let sid = sid_of(&segment)?.to_owned();
    let mut store = state.lock();
    let account = visible(&store, &caller, &sid)?;
    let status = form.get("Status");
    if let Some(status) = status.filter(|s| !STATUSES.contains(s)) {
        return Err(ApiError::invalid("Status", status));
    }
    if account.status == "closed" {
        return Err(ApiError::bad_request(
            20001,
            "A closed account cannot be updated",
        ));
    }
    let now = store.now();
    let account = store.accounts.get_mut(&sid).expect("checked above");
    if let Some(name) = form.get("FriendlyName") {
        account.friendly_name = name.to_owned();
    }
    if let Some(status) = status {
        account.status = status.to_owned();
    }
    account.date_updated = now;
    Ok(Json(view(account)))
}
