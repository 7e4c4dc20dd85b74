//! Supporting Documents: create (form or multipart upload), list, fetch, update, delete
//! (21646 while pending review, 21645 while assigned).

use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::attributes;
use super::owned::{self, Owned};
use super::upload::{self, UploadedDocument};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin};
use crate::emulator::model::SupportingDocument;
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;

/// Document statuses that a client may name (22209 otherwise).
const DOCUMENT_STATUSES: [&str; 6] = [
    "draft",
    "pending-review",
    "rejected",
    "approved",
    "expired",
    "provisionally-approved",
];

/// Checks the fields of a new document: `FriendlyName` (22211 if missing), `Type` (22210 if
/// missing or unknown), `Attributes` (22207 if not a JSON object).
fn validate(store: &Store, sent: UploadedDocument) -> ApiResult<(String, String, Value)> {
    let friendly_name = sent
        .friendly_name
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            ApiError::bad_request(22211, "Supporting Document FriendlyName is required")
        })?;
    let document_type = sent
        .document_type
        .and_then(|t| store.catalogue.supporting_document_type(&t))
        .map(|t| t.machine_name.clone())
        .ok_or_else(|| {
            ApiError::bad_request(22210, "The Supporting Document Type name does not exist")
        })?;
    let attributes = attributes::parse(sent.attributes.as_deref())?;
    Ok((friendly_name, document_type, attributes))
}

/// Validates a new document and stores it → 201.
fn insert(
    store: &mut Store,
    account_sid: &str,
    origin: &str,
    sent: UploadedDocument,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let file = sent.file.clone();
    let (friendly_name, document_type, attributes) = validate(store, sent)?;
    let now = store.now();
    let document = SupportingDocument {
        seq: store.next_seq(),
        sid: new_sid("RD"),
        account_sid: account_sid.to_owned(),
        friendly_name,
        document_type,
        attributes,
        mime_type: file.as_ref().map(|f| f.mime_type.to_owned()),
        file_size: file.as_ref().map(|f| f.size),
        status: "draft".into(),
        failure_reason: None,
        errors: None,
        date_created: now,
        date_updated: now,
    };
    Ok(owned::created(store, document, origin))
}

/// `POST /SupportingDocuments` → 201: form-encoded metadata, or a multipart upload with `File`.
pub async fn create_document(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    request: Request,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let sent = if upload::is_multipart(&request) {
        upload::read(request).await?
    } else {
        let FormParams(form) = FormParams::from_request(request, &state).await?;
        UploadedDocument {
            friendly_name: form.get("FriendlyName").map(str::to_owned),
            document_type: form.get("Type").map(str::to_owned),
            attributes: form.get("Attributes").map(str::to_owned),
            file: None,
        }
    };
    let mut store = state.lock();
    insert(&mut store, &caller.account_sid, &origin, sent)
}

/// `POST /SupportingDocuments/{Sid}`: `FriendlyName`, `Attributes`. The unlisted `Status`
/// parameter is refused with Attributes (22208) or when not a document status (22209), and
/// otherwise ignored.
pub async fn update_document(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<Json<Value>> {
    let mut store = state.lock();
    owned::owned::<SupportingDocument>(&store, &caller, &sid)?;
    if let Some(status) = form.get("Status") {
        if form.has("Attributes") {
            return Err(ApiError::bad_request(
                22208,
                "Supporting Document status and attributes cannot be updated in the same request",
            ));
        }
        if !DOCUMENT_STATUSES.contains(&status) {
            return Err(ApiError::bad_request(
                22209,
                format!("Invalid Supporting Document status {status}"),
            ));
        }
    }
    let document = owned::edit::<SupportingDocument>(&mut store, &caller, &sid, &form)?;
    Ok(Json(document.view(&origin)))
}

/// `DELETE /SupportingDocuments/{Sid}` → 204.
pub async fn delete_document(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    let document = owned::owned::<SupportingDocument>(&store, &caller, &sid)?;
    if document.status == "pending-review" {
        return Err(ApiError::bad_request(
            21646,
            "Supporting Document cannot be deleted in its status: only DRAFT, TWILIO_REJECTED, \
             TWILIO_APPROVED documents can be deleted",
        ));
    }
    if store.is_assigned(&sid) {
        return Err(ApiError::bad_request(
            21645,
            "Supporting Document cannot be deleted: it is assigned to a Bundle",
        ));
    }
    store.documents.remove(&sid);
    Ok(StatusCode::NO_CONTENT)
}
