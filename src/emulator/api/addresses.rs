//! Twilio's 2010-04-01 Addresses resource: create, list (`CustomerName`, `FriendlyName`,
//! `IsoCountry`), fetch, update and delete. A missing or empty postal field is 21628 (Twilio's
//! address validation error; the emulator validates presence and the country code only), and an
//! Address still used by a phone number or a Supporting Document cannot be deleted (21625).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::account_path::{account_base, sid_of};
use crate::emulator::addresses::{Address, AddressUse, PostalAddress};
use crate::emulator::classic_paging::ClassicPage;
use crate::emulator::clock::format_rfc2822;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Params, QueryParams};
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;

/// Twilio's code for an address it does not accept.
pub const ADDRESS_INVALID: u32 = 21628;
/// The emulator's code for deleting an Address that is still in use.
pub const ADDRESS_IN_USE: u32 = 21625;

/// The wire JSON of an Address.
pub fn view(address: &Address) -> Value {
    let postal = &address.postal;
    json!({
        "sid": address.sid,
        "account_sid": address.account_sid,
        "customer_name": postal.customer_name,
        "friendly_name": address.friendly_name,
        "street": postal.street,
        "street_secondary": postal.street_secondary,
        "city": postal.city,
        "region": postal.region,
        "postal_code": postal.postal_code,
        "iso_country": postal.iso_country,
        "emergency_enabled": address.emergency_enabled,
        "validated": false,
        "verified": false,
        "date_created": format_rfc2822(address.date_created),
        "date_updated": format_rfc2822(address.date_updated),
        "uri": format!(
            "/2010-04-01/Accounts/{}/Addresses/{}.json",
            address.account_sid, address.sid
        ),
    })
}

fn required(form: &Params, name: &str) -> ApiResult<String> {
    match form.get(name).map(str::trim).filter(|v| !v.is_empty()) {
        Some(value) => Ok(value.to_owned()),
        None => Err(ApiError::bad_request(
            ADDRESS_INVALID,
            format!("Missing required parameter {name} in the post body"),
        )),
    }
}

fn iso_country(text: &str) -> ApiResult<String> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(text.to_ascii_uppercase())
    } else {
        Err(ApiError::bad_request(
            ADDRESS_INVALID,
            format!("Invalid parameter IsoCountry: {text} is not an ISO 3166-1 alpha-2 code"),
        ))
    }
}

fn postal_from(form: &Params) -> ApiResult<PostalAddress> {
    Ok(PostalAddress {
        customer_name: required(form, "CustomerName")?,
        street: required(form, "Street")?,
        street_secondary: form.get("StreetSecondary").map(str::to_owned),
        city: required(form, "City")?,
        region: required(form, "Region")?,
        postal_code: required(form, "PostalCode")?,
        iso_country: iso_country(&required(form, "IsoCountry")?)?,
    })
}

/// The Address `sid` of `account_sid`, or 20404.
fn owned<'a>(store: &'a Store, base: &str, account_sid: &str, sid: &str) -> ApiResult<&'a Address> {
    store
        .addresses
        .get(sid)
        .filter(|a| a.account_sid == account_sid)
        .ok_or_else(|| ApiError::not_found(&format!("{base}/Addresses/{sid}.json")))
}

/// `POST /2010-04-01/Accounts/{AccountSid}/Addresses.json` → 201.
pub async fn create_address(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(account_sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut store = state.lock();
    account_base(&store, &caller, &account_sid)?;
    let postal = postal_from(&form)?;
    let emergency_enabled = form.bool("EmergencyEnabled")?.unwrap_or(false);
    let friendly_name = form.get("FriendlyName").filter(|n| !n.is_empty());
    let sid = store.create_address(&account_sid, None, friendly_name, postal, emergency_enabled);
    Ok((StatusCode::CREATED, Json(view(&store.addresses[&sid]))))
}

/// `GET /2010-04-01/Accounts/{AccountSid}/Addresses.json`: oldest first.
pub async fn list_addresses(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(account_sid): Path<String>,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = ClassicPage::from_query(&query)?;
    let store = state.lock();
    let base = account_base(&store, &caller, &account_sid)?;
    let customer_name = query.get("CustomerName");
    let friendly_name = query.get("FriendlyName");
    let country = query.get("IsoCountry");
    let mut list: Vec<&Address> = store
        .addresses
        .values()
        .filter(|a| a.account_sid == account_sid)
        .filter(|a| customer_name.is_none_or(|n| a.postal.customer_name == n))
        .filter(|a| friendly_name.is_none_or(|n| a.friendly_name == n))
        .filter(|a| country.is_none_or(|c| a.postal.iso_country.eq_ignore_ascii_case(c)))
        .collect();
    list.sort_by_key(|a| a.seq);
    let path = format!("{base}/Addresses.json");
    Ok(Json(paging.envelope(
        &path,
        &query,
        "addresses",
        list,
        |a| view(a),
    )))
}

/// `GET /2010-04-01/Accounts/{AccountSid}/Addresses/{Sid}.json`.
pub async fn fetch_address(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path((account_sid, segment)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    let base = account_base(&store, &caller, &account_sid)?;
    let sid = sid_of(&format!("{base}/Addresses"), &segment)?;
    Ok(Json(view(owned(&store, &base, &account_sid, sid)?)))
}

/// `POST /2010-04-01/Accounts/{AccountSid}/Addresses/{Sid}.json`: any postal field but the
/// country (which Twilio does not let an update change), `FriendlyName`, `EmergencyEnabled`.
pub async fn update_address(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path((account_sid, segment)): Path<(String, String)>,
    FormParams(form): FormParams,
) -> ApiResult<Json<Value>> {
    let mut store = state.lock();
    let base = account_base(&store, &caller, &account_sid)?;
    let sid = sid_of(&format!("{base}/Addresses"), &segment)?.to_owned();
    let mut address = owned(&store, &base, &account_sid, &sid)?.clone();
    apply_update(&mut address, &form)?;
    address.date_updated = store.now();
    let body = view(&address);
    store.addresses.insert(sid, address);
    Ok(Json(body))
}

fn apply_update(address: &mut Address, form: &Params) -> ApiResult<()> {
    let postal = &mut address.postal;
    let fields = [
        ("CustomerName", &mut postal.customer_name),
        ("Street", &mut postal.street),
        ("City", &mut postal.city),
        ("Region", &mut postal.region),
        ("PostalCode", &mut postal.postal_code),
    ];
    for (name, field) in fields {
        if form.has(name) {
            *field = required(form, name)?;
        }
    }
    if let Some(secondary) = form.get("StreetSecondary") {
        postal.street_secondary = Some(secondary.to_owned()).filter(|s| !s.is_empty());
    }
    if let Some(name) = form.get("FriendlyName") {
        address.friendly_name = name.to_owned();
    }
    if let Some(enabled) = form.bool("EmergencyEnabled")? {
        address.emergency_enabled = enabled;
    }
    Ok(())
}

/// `DELETE /2010-04-01/Accounts/{AccountSid}/Addresses/{Sid}.json` → 204, or 21625 while a
/// phone number or a Supporting Document still uses it.
pub async fn delete_address(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path((account_sid, segment)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    let base = account_base(&store, &caller, &account_sid)?;
    let sid = sid_of(&format!("{base}/Addresses"), &segment)?.to_owned();
    owned(&store, &base, &account_sid, &sid)?;
    let user = match store.address_use(&sid) {
        None => {
            store.delete_address(&sid);
            return Ok(StatusCode::NO_CONTENT);
        }
        Some(AddressUse::PhoneNumber(number)) => format!("phone number {number}"),
        Some(AddressUse::Document(document)) => format!("Supporting Document {document}"),
    };
    Err(ApiError::bad_request(
        ADDRESS_IN_USE,
        format!("Address {sid} cannot be deleted: it is still used by {user}"),
    ))
}
