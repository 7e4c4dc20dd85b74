//! `POST /__emulator/phone-numbers`: attaches a number to an account, optionally registered
//! under one of its bundles and one of its Addresses. A bundle with a number has active numbers
//! (so deleting it fails with 21648).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use super::error::{ControlError, ControlResult};
use crate::emulator::api::phone_numbers::view;
use crate::emulator::phone_numbers::{NewPhoneNumber, is_e164};
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;

/// Body of `POST phone-numbers`.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedPhoneNumber {
    /// Owner.
    pub account_sid: String,
    /// E.164 number.
    pub phone_number: String,
    /// Human name (default: the number).
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// A bundle of the same account.
    #[serde(default)]
    pub bundle_sid: Option<String>,
    /// An Address of the same account.
    #[serde(default)]
    pub address_sid: Option<String>,
}

/// Creates the number → 201 with its 2010-04-01 view.
pub async fn create_phone_number(
    State(state): State<EmulatorState>,
    Json(body): Json<SeedPhoneNumber>,
) -> ControlResult<(StatusCode, Json<Value>)> {
    let mut store = state.lock();
    let sid = insert_phone_number(&mut store, &body)?;
    Ok((StatusCode::CREATED, Json(view(&store.phone_numbers[&sid]))))
}

/// Checks `body` against `store` and attaches the number; returns its SID.
pub fn insert_phone_number(store: &mut Store, body: &SeedPhoneNumber) -> ControlResult<String> {
    let account = &body.account_sid;
    if !store.accounts.contains_key(account) {
        return Err(ControlError::not_found(format!("account {account}")));
    }
    if !is_e164(&body.phone_number) {
        return Err(ControlError::bad_request(format!(
            "phone_number {} is not in E.164 form (+ and 8 to 15 digits)",
            body.phone_number
        )));
    }
    if store
        .phone_numbers
        .values()
        .any(|n| n.phone_number == body.phone_number)
    {
        return Err(ControlError::conflict(format!(
            "{} already belongs to an account",
            body.phone_number
        )));
    }
    if let Some(bundle) = &body.bundle_sid {
        let owned = store
            .bundles
            .get(bundle)
            .filter(|b| &b.account_sid == account);
        owned.ok_or_else(|| ControlError::not_found(format!("bundle {bundle} of {account}")))?;
    }
    if let Some(address) = &body.address_sid {
        let owned = store
            .addresses
            .get(address)
            .filter(|a| &a.account_sid == account);
        owned.ok_or_else(|| ControlError::not_found(format!("address {address} of {account}")))?;
    }
    let sid = store.create_phone_number(NewPhoneNumber {
        account_sid: account,
        phone_number: &body.phone_number,
        friendly_name: body.friendly_name.as_deref(),
        bundle_sid: body.bundle_sid.as_deref(),
        address_sid: body.address_sid.as_deref(),
    });
    if let Some(mut bundle) = body
        .bundle_sid
        .as_ref()
        .and_then(|b| store.bundles.get_mut(b))
    {
        bundle.has_active_numbers = true;
    }
    Ok(sid)
}
