//! `POST /__emulator/bundles`: a bundle in any status with its items created and assigned.
//! Every Address SID its documents name becomes an Address of the account. An approved seed
//! gets a stored evaluation at the regulation's current version.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{ControlError, ControlResult};
use super::inspect::internal_view;
use super::seed_addresses::{SeedAddress, insert_addresses};
use crate::emulator::api::bundles::resolve_regulation;
use crate::emulator::clock;
use crate::emulator::extract::Params;
use crate::emulator::model::{Bundle, BundleStatus, EndUser, SupportingDocument};
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;

/// An End-User to create with the bundle.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedEndUser {
    /// `individual` or `business`.
    pub r#type: String,
    /// Human name (default "Seeded end user").
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Attributes object.
    #[serde(default)]
    pub attributes: Option<Value>,
}

/// A Supporting Document to create with the bundle.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedDocument {
    /// Supporting Document Type machine name.
    pub r#type: String,
    /// Human name (default: the type).
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Attributes object.
    #[serde(default)]
    pub attributes: Option<Value>,
    /// MIME type of a pretend file.
    #[serde(default)]
    pub mime_type: Option<String>,
}

/// Body of `POST bundles`.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedBundle {
    /// Owner.
    pub account_sid: String,
    /// Human name.
    pub friendly_name: String,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// `RN…`, or the triple below.
    #[serde(default)]
    pub regulation_sid: Option<String>,
    /// Country.
    #[serde(default)]
    pub iso_country: Option<String>,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<String>,
    /// End-user type.
    #[serde(default)]
    pub end_user_type: Option<String>,
    /// Status (default `draft`).
    #[serde(default)]
    pub status: Option<String>,
    /// ISO 8601 deadline.
    #[serde(default)]
    pub valid_until: Option<String>,
    /// Callback URL.
    #[serde(default)]
    pub status_callback: Option<String>,
    /// Blocks deletion (21648).
    #[serde(default)]
    pub has_active_numbers: bool,
    /// Test bundle.
    #[serde(default)]
    pub is_test: bool,
    /// Failure reason (rejected seeds).
    #[serde(default)]
    pub failure_reason: Option<String>,
    /// The End-User.
    #[serde(default)]
    pub end_user: Option<SeedEndUser>,
    /// The documents.
    #[serde(default)]
    pub documents: Vec<SeedDocument>,
    /// Addresses to create in the account (documents may name their SIDs); any other Address
    /// SID a document names is created with a placeholder street.
    #[serde(default)]
    pub addresses: Vec<SeedAddress>,
}

/// Seeds a bundle → 201 with its internal view.
pub async fn seed_bundle(
    State(state): State<EmulatorState>,
    Json(body): Json<SeedBundle>,
) -> ControlResult<(StatusCode, Json<Value>)> {
    let sid = state.mutate(|store| insert_seed(store, &body))?;
    let store = state.lock();
    let view = internal_view(&store, &sid).unwrap_or_default();
    Ok((StatusCode::CREATED, Json(view)))
}

/// Creates the seeded bundle and its items in `store`; returns the bundle SID.
pub fn insert_seed(store: &mut Store, body: &SeedBundle) -> ControlResult<String> {
    if !store.accounts.contains_key(&body.account_sid) {
        return Err(ControlError::not_found(format!(
            "account {}",
            body.account_sid
        )));
    }
    let params = Params(
        [
            ("RegulationSid", &body.regulation_sid),
            ("IsoCountry", &body.iso_country),
            ("NumberType", &body.number_type),
            ("EndUserType", &body.end_user_type),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k.to_owned(), v)))
        .collect(),
    );
    let regulation_sid = resolve_regulation(&store.catalogue, &params)
        .map_err(|e| ControlError::bad_request(e.message))?;
    let status = match body.status.as_deref() {
        None => BundleStatus::Draft,
        Some(text) => BundleStatus::parse(text)
            .ok_or_else(|| ControlError::bad_request(format!("unknown status {text}")))?,
    };
    let valid_until = body
        .valid_until
        .as_deref()
        .map(|t| clock::parse(t).ok_or_else(|| ControlError::bad_request("bad valid_until")))
        .transpose()?;
    let country = store
        .catalogue
        .regulation(&regulation_sid)
        .map(|r| r.iso_country.clone())
        .unwrap_or_default();
    insert_addresses(store, body, &country)?;
    let now = store.now();
    let sid = new_sid("BU");
    let bundle = Bundle {
        seq: store.next_seq(),
        sid: sid.clone(),
        account_sid: body.account_sid.clone(),
        regulation_sid,
        friendly_name: body.friendly_name.clone(),
        status,
        valid_until,
        email: body
            .email
            .clone()
            .unwrap_or_else(|| "compliance@example.com".into()),
        status_callback: body.status_callback.clone(),
        date_created: now,
        date_updated: now,
        is_test: body.is_test,
        has_active_numbers: body.has_active_numbers,
        copied_from: None,
        failure_reason: body.failure_reason.clone(),
        in_review_at: None,
        review_due_at: None,
    };
    store.bundles.insert(bundle);
    insert_items(store, body, &sid, document_status(status));
    if status == BundleStatus::TwilioApproved {
        store.evaluate_and_store(&sid);
    }
    if matches!(status, BundleStatus::PendingReview | BundleStatus::InReview) {
        store.schedule_review(&sid);
    }
    Ok(sid)
}

fn document_status(status: BundleStatus) -> &'static str {
    match status {
        BundleStatus::PendingReview | BundleStatus::InReview => "pending-review",
        BundleStatus::TwilioApproved => "approved",
        _ => "draft",
    }
}

fn insert_items(store: &mut Store, body: &SeedBundle, bundle_sid: &str, status: &str) {
    let now = store.now();
    let empty = || Value::Object(Map::new());
    if let Some(end_user) = &body.end_user {
        let item = EndUser {
            seq: store.next_seq(),
            sid: new_sid("IT"),
            account_sid: body.account_sid.clone(),
            friendly_name: end_user
                .friendly_name
                .clone()
                .unwrap_or_else(|| "Seeded end user".into()),
            end_user_type: end_user.r#type.clone(),
            attributes: end_user.attributes.clone().unwrap_or_else(empty),
            date_created: now,
            date_updated: now,
        };
        let sid = item.sid.clone();
        store.end_users.insert(sid.clone(), item);
        store.assign(&body.account_sid, bundle_sid, &sid);
    }
    for document in &body.documents {
        let item = SupportingDocument {
            seq: store.next_seq(),
            sid: new_sid("RD"),
            account_sid: body.account_sid.clone(),
            friendly_name: document
                .friendly_name
                .clone()
                .unwrap_or_else(|| document.r#type.clone()),
            document_type: document.r#type.clone(),
            attributes: document.attributes.clone().unwrap_or_else(empty),
            mime_type: document.mime_type.clone(),
            file_size: None,
            status: status.into(),
            failure_reason: None,
            errors: None,
            date_created: now,
            date_updated: now,
        };
        let sid = item.sid.clone();
        store.documents.insert(sid.clone(), item);
        store.assign(&body.account_sid, bundle_sid, &sid);
    }
}
