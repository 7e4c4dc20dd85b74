//! Supporting Documents: create (form or multipart upload), list, fetch, update, delete
//! (21646 while pending review, 21645 while assigned).

use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use serde_json::Value;

use super::{attributes, upload};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin, QueryParams};
use crate::emulator::model::SupportingDocument;
use crate::emulator::paging::PageRequest;
use crate::emulator::sid::new_sid;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views::{self, RC};

/// Document statuses that a client may name (22209 otherwise).
const DOCUMENT_STATUSES: [&str; 6] = [
    "draft",
    "pending-review",
    "rejected",
    "approved",
    "expired",
    "provisionally-approved",
];

fn owned<'a>(store: &'a Store, caller: &Caller, sid: &str) -> ApiResult<&'a SupportingDocument> {
    store
        .document(&caller.account_sid, sid)
        .ok_or_else(|| ApiError::not_found(&format!("{RC}/SupportingDocuments/{sid}")))
}

/// The validated fields of a new document.
pub struct NewDocument {
    /// `FriendlyName` (22211 if missing).
    pub friendly_name: String,
    /// `Type` (22210 if missing or unknown).
    pub document_type: String,
    /// `Attributes` (22207 if not a JSON object).
    pub attributes: Value,
    /// `(mime type, size)` of the uploaded file.
    pub file: Option<(String, u64)>,
}

/// Validates the fields of a new document.
pub fn validate(
    store: &Store,
    friendly_name: Option<&str>,
    document_type: Option<&str>,
    attributes_text: Option<&str>,
) -> ApiResult<(String, String, Value)> {
    let friendly_name = friendly_name.filter(|n| !n.is_empty()).ok_or_else(|| {
        ApiError::bad_request(22211, "Supporting Document FriendlyName is required")
    })?;
    let document_type = document_type
        .and_then(|t| store.catalogue.supporting_document_type(t))
        .map(|t| t.machine_name.clone())
        .ok_or_else(|| {
            ApiError::bad_request(22210, "The Supporting Document Type name does not exist")
        })?;
    let attributes = attributes::parse(attributes_text)?;
    Ok((friendly_name.to_owned(), document_type, attributes))
}

/// Stores a new document and renders it.
pub fn insert(store: &mut Store, account_sid: &str, origin: &str, new: NewDocument) -> Value {
    let now = store.now();
    let document = SupportingDocument {
        seq: store.next_seq(),
        sid: new_sid("RD"),
        account_sid: account_sid.to_owned(),
        friendly_name: new.friendly_name,
        document_type: new.document_type,
        attributes: new.attributes,
        mime_type: new.file.as_ref().map(|(mime, _)| mime.clone()),
        file_size: new.file.as_ref().map(|(_, size)| *size),
        status: "draft".into(),
        failure_reason: None,
        errors: None,
        date_created: now,
        date_updated: now,
    };
    let body = views::document(origin, &document);
    store.documents.insert(document.sid.clone(), document);
    body
}

/// `POST /SupportingDocuments` → 201: form-encoded metadata, or a multipart upload with `File`.
pub async fn create_document(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    request: Request,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        return upload::create_from_upload(state, caller, origin, request).await;
    }
    let FormParams(form) = FormParams::from_request(request, &state).await?;
    let mut store = state.lock();
    let (friendly_name, document_type, attributes) = validate(
        &store,
        form.get("FriendlyName"),
        form.get("Type"),
        form.get("Attributes"),
    )?;
    let new = NewDocument {
        friendly_name,
        document_type,
        attributes,
        file: None,
    };
    let body = insert(&mut store, &caller.account_sid, &origin, new);
    Ok((StatusCode::CREATED, Json(body)))
}

/// `GET /SupportingDocuments`: newest first.
pub async fn list_documents(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = PageRequest::from_query(&query)?;
    let store = state.lock();
    let mut list: Vec<&SupportingDocument> = store
        .documents
        .values()
        .filter(|d| d.account_sid == caller.account_sid)
        .collect();
    list.sort_by_key(|d| std::cmp::Reverse(d.seq));
    let (page, more) = paging.slice(list);
    let results = page.iter().map(|d| views::document(&origin, d)).collect();
    Ok(Json(paging.envelope(
        &format!("{origin}{RC}/SupportingDocuments"),
        &query,
        "results",
        results,
        more,
    )))
}

/// `GET /SupportingDocuments/{Sid}`.
pub async fn fetch_document(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    Ok(Json(views::document(
        &origin,
        owned(&store, &caller, &sid)?,
    )))
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
    owned(&store, &caller, &sid)?;
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
    let attributes = form
        .get("Attributes")
        .map(|text| attributes::parse(Some(text)))
        .transpose()?;
    let now = store.now();
    let document = store.documents.get_mut(&sid).expect("checked above");
    if let Some(name) = form.get("FriendlyName") {
        document.friendly_name = name.to_owned();
    }
    if let Some(attributes) = attributes {
        document.attributes = attributes;
    }
    document.date_updated = now;
    Ok(Json(views::document(&origin, document)))
}

/// `DELETE /SupportingDocuments/{Sid}` → 204.
pub async fn delete_document(
    State(state): State<EmulatorState>,
    caller: Caller,
    Path(sid): Path<String>,
) -> ApiResult<StatusCode> {
    let mut store = state.lock();
    let document = owned(&store, &caller, &sid)?;
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
