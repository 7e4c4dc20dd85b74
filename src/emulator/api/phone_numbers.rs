//! Twilio's 2010-04-01 IncomingPhoneNumbers resource, read-only: list (`PhoneNumber`,
//! `FriendlyName`) and fetch, each number with the `bundle_sid` and `address_sid` it is
//! registered under.

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::account_path::{account_base, sid_of};
use crate::emulator::classic_paging::ClassicPage;
use crate::emulator::clock::format_rfc2822;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, QueryParams};
use crate::emulator::phone_numbers::{IncomingPhoneNumber, number_matches};
use crate::emulator::state::EmulatorState;

/// The wire JSON of an IncomingPhoneNumber.
pub fn view(number: &IncomingPhoneNumber) -> Value {
    let uri = format!(
        "/2010-04-01/Accounts/{}/IncomingPhoneNumbers/{}",
        number.account_sid, number.sid
    );
    json!({
        "sid": number.sid,
        "account_sid": number.account_sid,
        "phone_number": number.phone_number,
        "friendly_name": number.friendly_name,
        "address_sid": number.address_sid,
        "bundle_sid": number.bundle_sid,
        "address_requirements": "none",
        "api_version": "2010-04-01",
        "beta": false,
        "capabilities": {"voice": true, "sms": true, "mms": true, "fax": false},
        "origin": "twilio",
        "status": "in-use",
        "date_created": format_rfc2822(number.date_created),
        "date_updated": format_rfc2822(number.date_updated),
        "uri": format!("{uri}.json"),
        "subresource_uris": {"assigned_add_ons": format!("{uri}/AssignedAddOns.json")},
    })
}

/// `GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json`: oldest first.
pub async fn list_phone_numbers(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(account_sid): Path<String>,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = ClassicPage::from_query(&query)?;
    let store = state.lock();
    let base = account_base(&store, &caller, &account_sid)?;
    let phone_number = query.get("PhoneNumber");
    let friendly_name = query.get("FriendlyName");
    let mut list: Vec<&IncomingPhoneNumber> = store
        .phone_numbers
        .values()
        .filter(|n| n.account_sid == account_sid)
        .filter(|n| phone_number.is_none_or(|p| number_matches(p, &n.phone_number)))
        .filter(|n| friendly_name.is_none_or(|f| n.friendly_name == f))
        .collect();
    list.sort_by_key(|n| n.seq);
    let path = format!("{base}/IncomingPhoneNumbers.json");
    Ok(Json(paging.envelope(
        &path,
        &query,
        "incoming_phone_numbers",
        list,
        |n| view(n),
    )))
}

/// `GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json`.
pub async fn fetch_phone_number(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path((account_sid, segment)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    let base = account_base(&store, &caller, &account_sid)?;
    let collection = format!("{base}/IncomingPhoneNumbers");
    let sid = sid_of(&collection, &segment)?;
    store
        .phone_numbers
        .get(sid)
        .filter(|n| n.account_sid == account_sid)
        .map(|n| Json(view(n)))
        .ok_or_else(|| ApiError::not_found(&format!("{collection}/{sid}.json")))
}
