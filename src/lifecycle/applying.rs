//! Writing one [`Change`] to Twilio against the copy. Attribute updates send the complete
//! merged object (Twilio replaces attributes); new items are created, then assigned. Twilio's
//! answer to each write goes into the snapshot, so nothing we wrote is read back.

use crate::domain::sid::{EndUserSid, SupportingDocumentSid};
use serde_json::Value;

use std::collections::BTreeMap;

use super::change::{Change, Upload};
use super::error::EngineError;
use super::reading::{document_item, end_user_item};
use crate::domain::attributes;
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::uploaded_document::{UploadedDocument, sha256_hex};
use crate::twilio::{
    DocumentUpload, EndUserType, EndUserUpdate, NewEndUser, NewSupportingDocument,
    SupportingDocument, SupportingDocumentUpdate, TenantTwilio,
};

/// Applies `change` to the copy described by `snapshot`, and Twilio's answers to the snapshot's
/// items. Items named by SID must be assigned to the copy (anything else is `NotFound`: a
/// customer cannot reach other bundles' items). Returns what was uploaded when the change
/// carried a file.
pub async fn apply_change(
    twilio: &TenantTwilio,
    snapshot: &mut RenewalSnapshot,
    change: &Change,
) -> Result<Option<UploadedDocument>, EngineError> {
    match change {
        Change::SetEndUserFields {
            end_user_sid,
            fields,
        } => set_end_user_fields(twilio, snapshot, end_user_sid, fields).await?,
        Change::CreateEndUser {
            end_user_type,
            fields,
        } => create_end_user(twilio, snapshot, end_user_type, fields).await?,
        Change::SetDocumentFields {
            document_sid,
            fields,
        } => set_document_fields(twilio, snapshot, document_sid, fields).await?,
        Change::AddDocument {
            document_type,
            friendly_name,
            fields,
            file,
            replaces,
        } => {
            let new = NewDocument {
                document_type,
                friendly_name,
                fields,
                file: file.as_ref(),
            };
            return add_document(twilio, snapshot, new, replaces.as_deref()).await;
        }
    }
    Ok(None)
}

type Fields = BTreeMap<String, String>;

async fn set_end_user_fields(
    twilio: &TenantTwilio,
    snapshot: &mut RenewalSnapshot,
    end_user_sid: &str,
    fields: &Fields,
) -> Result<(), EngineError> {
    let item = snapshot
        .end_users
        .iter_mut()
        .find(|item| item.sid == end_user_sid)
        .ok_or(EngineError::NotFound)?;
    let merged = attributes::merge(&item.attributes, fields)?;
    let update = EndUserUpdate {
        friendly_name: None,
        attributes: Some(Value::Object(merged)),
    };
    let written = twilio
        .update_end_user(&EndUserSid::from_trusted(end_user_sid), &update)
        .await?;
    *item = end_user_item(written, item.assignment_sid.clone());
    Ok(())
}

async fn create_end_user(
    twilio: &TenantTwilio,
    snapshot: &mut RenewalSnapshot,
    end_user_type: &str,
    fields: &Fields,
) -> Result<(), EngineError> {
    let end_user_type = match end_user_type {
        "individual" => EndUserType::Individual,
        "business" => EndUserType::Business,
        _ => return Err(EngineError::NotFound),
    };
    let merged = attributes::merge(&Default::default(), fields)?;
    let friendly_name = display_name(&merged, end_user_type.as_str());
    let end_user = twilio
        .create_end_user(&NewEndUser {
            friendly_name,
            end_user_type,
            attributes: Value::Object(merged),
        })
        .await?;
    let assignment = twilio
        .create_item_assignment(&snapshot.copy_sid, end_user.sid.as_str())
        .await?;
    snapshot
        .end_users
        .push(end_user_item(end_user, assignment.sid));
    Ok(())
}

async fn set_document_fields(
    twilio: &TenantTwilio,
    snapshot: &mut RenewalSnapshot,
    document_sid: &str,
    fields: &Fields,
) -> Result<(), EngineError> {
    let item = snapshot
        .documents
        .iter_mut()
        .find(|item| item.sid == document_sid)
        .ok_or(EngineError::NotFound)?;
    let merged = attributes::merge(&item.attributes, fields)?;
    let update = SupportingDocumentUpdate {
        friendly_name: None,
        attributes: Some(Value::Object(merged)),
    };
    let written = twilio
        .update_supporting_document(&SupportingDocumentSid::from_trusted(document_sid), &update)
        .await?;
    *item = document_item(written, item.assignment_sid.clone());
    Ok(())
}

/// A Supporting Document to create (with its file, when there is one).
struct NewDocument<'a> {
    document_type: &'a str,
    friendly_name: &'a str,
    fields: &'a Fields,
    file: Option<&'a Upload>,
}

/// Creates (or uploads) the document, assigns it to the copy, then unassigns the one it
/// `replaces`. Returns what was uploaded when there was a file.
async fn add_document(
    twilio: &TenantTwilio,
    snapshot: &mut RenewalSnapshot,
    new: NewDocument<'_>,
    replaces: Option<&str>,
) -> Result<Option<UploadedDocument>, EngineError> {
    let replaced = match replaces {
        Some(sid) => Some(
            snapshot
                .documents
                .iter()
                .find(|item| item.sid == sid)
                .ok_or(EngineError::NotFound)?
                .clone(),
        ),
        None => None,
    };
    let (document, uploaded) = create_document(twilio, &new).await?;
    let assignment = twilio
        .create_item_assignment(&snapshot.copy_sid, document.sid.as_str())
        .await?;
    snapshot
        .documents
        .push(document_item(document, assignment.sid));
    if let Some(old) = replaced {
        match twilio
            .delete_item_assignment(&snapshot.copy_sid, &old.assignment_sid)
            .await
        {
            Ok(()) | Err(crate::twilio::TwilioError::NotFound { .. }) => {}
            Err(error) => return Err(error.into()),
        }
        snapshot.documents.retain(|item| item.sid != old.sid);
    }
    Ok(uploaded)
}

/// Creates the document at Twilio: an upload when it has a file, otherwise fields only.
async fn create_document(
    twilio: &TenantTwilio,
    new: &NewDocument<'_>,
) -> Result<(SupportingDocument, Option<UploadedDocument>), EngineError> {
    let attributes = Value::Object(attributes::merge(&Default::default(), new.fields)?);
    let Some(upload) = new.file else {
        let document = twilio
            .create_supporting_document(&NewSupportingDocument {
                friendly_name: new.friendly_name.to_owned(),
                document_type: new.document_type.to_owned(),
                attributes,
            })
            .await?;
        return Ok((document, None));
    };
    let document = twilio
        .upload_supporting_document(&DocumentUpload {
            friendly_name: new.friendly_name.to_owned(),
            document_type: new.document_type.to_owned(),
            attributes,
            file_name: upload.filename.clone(),
            mime_type: upload.content_type.clone(),
            content: upload.bytes.clone(),
        })
        .await?;
    let uploaded = UploadedDocument {
        document_sid: document.sid.to_string(),
        document_type: new.document_type.to_owned(),
        friendly_name: new.friendly_name.to_owned(),
        file_name: upload.filename.clone(),
        mime_type: upload.content_type.clone(),
        size_bytes: upload.bytes.len(),
        sha256: sha256_hex(&upload.bytes),
    };
    Ok((document, Some(uploaded)))
}

/// A friendly name for a new End-User from its attributes (business or person name).
fn display_name(attributes: &serde_json::Map<String, Value>, fallback: &str) -> String {
    let text = |key: &str| {
        attributes
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
    };
    let person = format!("{} {}", text("first_name"), text("last_name"));
    [text("business_name"), person.trim()]
        .into_iter()
        .find(|name| !name.is_empty())
        .unwrap_or(fallback)
        .to_owned()
}
