//! Bundles: create, fetch, update (status alone, or properties), delete.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::owned;
use super::vocabulary;
use crate::emulator::catalogue::Catalogue;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin, Params};
use crate::emulator::model::{Bundle, BundleStatus};
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views;

/// A bundle of the caller, or 20404.
pub fn owned_bundle<'a>(store: &'a Store, caller: &Caller, sid: &str) -> ApiResult<&'a Bundle> {
    owned::owned(store, caller, sid)
}

/// `RegulationSid`, or `IsoCountry` + `NumberType` + `EndUserType` → the regulation's SID.
pub fn resolve_regulation(catalogue: &Catalogue, form: &Params) -> ApiResult<String> {
    if let Some(sid) = form.get("RegulationSid").filter(|s| !s.is_empty()) {
        return catalogue
            .regulation(sid)
            .map(|r| r.sid.clone())
            .ok_or_else(|| ApiError::bad_request(22201, format!("Regulation {sid} not found")));
    }
    let (Some(country), Some(number_type), Some(end_user_type)) = (
        form.get("IsoCountry").filter(|s| !s.is_empty()),
        form.get("NumberType").filter(|s| !s.is_empty()),
        form.get("EndUserType").filter(|s| !s.is_empty()),
    ) else {
        return Err(ApiError::bad_request(
            22202,
            "RegulationSid or IsoCountry, NumberType and EndUserType are required",
        ));
    };
    let end_user_type = vocabulary::end_user_type(end_user_type)
        .ok_or_else(|| ApiError::bad_request(22200, "Invalid End-User Type"))?;
    let number_type = vocabulary::number_type(number_type)
        .ok_or_else(|| ApiError::bad_request(22200, "Invalid Number Type"))?;
    catalogue
        .find_regulation(country, number_type, end_user_type)
        .map(|r| r.sid.clone())
        .ok_or_else(|| {
            ApiError::bad_request(
                22201,
                format!("No regulation found for {country} {number_type} {end_user_type}"),
            )
        })
}

/// `POST /Bundles` → 201.
pub async fn create_bundle(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    FormParams(form): FormParams,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let friendly_name = form.required("FriendlyName")?.to_owned();
    let email = form.required("Email")?.to_owned();
    let is_test = form.bool("IsTest")?.unwrap_or(false);
    let mut store = state.lock();
    let regulation_sid = resolve_regulation(&store.catalogue, &form)?;
    let now = store.now();
    let bundle = Bundle {
        seq: store.next_seq(),
        sid: new_sid("BU"),
        account_sid: caller.account_sid,
        regulation_sid,
        friendly_name,
        status: BundleStatus::Draft,
        valid_until: None,
        email,
        status_callback: form.get("StatusCallback").map(str::to_owned),
        date_created: now,
        date_updated: now,
        is_test,
        has_active_numbers: false,
        copied_from: None,
        failure_reason: None,
        in_review_at: None,
        review_due_at: None,
    };
    Ok(owned::created(&mut store, bundle, &origin))
}

/// `POST /Bundles/{Sid}`: `Status` alone (22204), or `FriendlyName`/`Email`/`StatusCallback`.
pub async fn update_bundle(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<Json<Value>> {
    state.mutate(|store| {
        let current = owned_bundle(store, &caller, &sid)?.status;
        if let Some(status) = form.get("Status") {
            if ["FriendlyName", "Email", "StatusCallback"]
                .iter()
                .any(|p| form.has(p))
            {
                return Err(ApiError::bad_request(
                    22204,
                    "Bundle status and properties cannot be updated in the same request",
                ));
            }
            let target = BundleStatus::parse(status).ok_or_else(|| {
                ApiError::bad_request(22203, format!("Invalid Bundle status {status}"))
            })?;
            change_status_as_client(store, &sid, current, target)?;
        } else {
            let mut bundle = owned::edit::<Bundle>(store, &caller, &sid, &form)?;
            if let Some(email) = form.get("Email") {
                bundle.email = email.to_owned();
            }
            if let Some(callback) = form.get("StatusCallback") {
                bundle.status_callback = Some(callback.to_owned()).filter(|c| !c.is_empty());
            }
        }
        Ok(Json(views::bundle(&origin, &store.bundles[&sid])))
    })
}

/// The only client transition: draft or twilio-rejected → pending-review (a repeat is a no-op).
fn change_status_as_client(
    store: &mut Store,
    sid: &str,
    current: BundleStatus,
    target: BundleStatus,
) -> ApiResult<()> {
    use BundleStatus::*;
    match (current, target) {
        (Draft | TwilioRejected, PendingReview) => {
            store.submit(sid);
            Ok(())
        }
        (current, target) if current == target => Ok(()),
        (current, target) => Err(ApiError::bad_request(
            22203,
            format!(
                "Bundle status cannot change from {} to {} by request",
                current.as_str(),
                target.as_str()
            ),
        )),
    }
}

/// `DELETE /Bundles/{Sid}` → 204; 21647 while under review, 21648 with active numbers.
pub async fn delete_bundle(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    let bundle = owned_bundle(&store, &caller, &sid)?;
    if !matches!(
        bundle.status,
        BundleStatus::Draft | BundleStatus::TwilioApproved | BundleStatus::TwilioRejected
    ) {
        return Err(ApiError::bad_request(
            21647,
            "Bundle is not eligible for deletion: only DRAFT, TWILIO_REJECTED, TWILIO_APPROVED \
             bundles can be deleted",
        ));
    }
    if bundle.has_active_numbers {
        return Err(ApiError::bad_request(
            21648,
            "Bundle cannot be deleted: it has an active phone number assignment",
        ));
    }
    store.remove_bundle(&sid);
    Ok(StatusCode::NO_CONTENT)
}
