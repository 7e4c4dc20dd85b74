//! Writing one [`Change`] to Twilio against the copy. Attribute updates send the complete
//! merged object (Twilio replaces attributes); new items are created, then assigned. Twilio's
//! answer to each write goes into the snapshot, so nothing we wrote is read back.

use crate::domain::sid::{EndUserSid, SupportingDocumentSid};
use serde_json::Value;

use super::change::Change;
use super::error::EngineError;
use super::reading::{document_item, end_user_item};
use crate::domain::attributes;
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::uploaded_document::{UploadedDocument, sha256_hex};
use crate::twilio::{
    DocumentUpload, EndUserType, EndUserUpdate, NewEndUser, NewSupportingDocument,
    SupportingDocumentUpdate, TenantTwilio,
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
    let mut uploaded = None;
    let copy_sid = snapshot.copy_sid.clone();
    let copy_sid = &copy_sid;
    match change {
        Change::SetEndUserFields {
            end_user_sid,
            fields,
        } => {
            let item = snapshot
                .end_users
                .iter_mut()
                .find(|item| &item.sid == end_user_sid)
                .ok_or(EngineError::NotFound)?;
            let merged = attributes::merge(&item.attributes, fields)?;
            let update = EndUserUpdate {
                friendly_name: None,
                attributes: Some(Value::Object(merged)),
            };
            let written = twilio
                .update_end_user(&EndUserSid::from_trusted(end_user_sid.as_str()), &update)
                .await?;
            *item = end_user_item(written, item.assignment_sid.clone());
        }
        Change::CreateEndUser {
            end_user_type,
            fields,
        } => {
            let end_user_type = match end_user_type.as_str() {
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
                .create_item_assignment(copy_sid, end_user.sid.as_str())
                .await?;
            snapshot
                .end_users
                .push(end_user_item(end_user, assignment.sid));
        }
        Change::SetDocumentFields {
            document_sid,
            fields,
        } => {
            let item = snapshot
                .documents
                .iter_mut()
                .find(|item| &item.sid == document_sid)
                .ok_or(EngineError::NotFound)?;
            let merged = attributes::merge(&item.attributes, fields)?;
            let update = SupportingDocumentUpdate {
                friendly_name: None,
                attributes: Some(Value::Object(merged)),
            };
            let written = twilio
                .update_supporting_document(
                    &SupportingDocumentSid::from_trusted(document_sid.as_str()),
                    &update,
                )
                .await?;
            *item = document_item(written, item.assignment_sid.clone());
        }
        Change::AddDocument {
            document_type,
            friendly_name,
            fields,
            file,
            replaces,
        } => {
            let replaced = match replaces {
                Some(sid) => Some(
                    snapshot
                        .documents
                        .iter()
                        .find(|item| &item.sid == sid)
                        .ok_or(EngineError::NotFound)?
                        .clone(),
                ),
                None => None,
            };
            let merged = Value::Object(attributes::merge(&Default::default(), fields)?);
            let document = match file {
                Some(upload) => {
                    let document = twilio
                        .upload_supporting_document(&DocumentUpload {
                            friendly_name: friendly_name.clone(),
                            document_type: document_type.clone(),
                            attributes: merged,
                            file_name: upload.filename.clone(),
                            mime_type: upload.content_type.clone(),
                            content: upload.bytes.clone(),
                        })
                        .await?;
                    uploaded = Some(UploadedDocument {
                        document_sid: document.sid.to_string(),
                        document_type: document_type.clone(),
                        friendly_name: friendly_name.clone(),
                        file_name: upload.filename.clone(),
                        mime_type: upload.content_type.clone(),
                        size_bytes: upload.bytes.len(),
                        sha256: sha256_hex(&upload.bytes),
                    });
                    document
                }
                None => {
                    twilio
                        .create_supporting_document(&NewSupportingDocument {
                            friendly_name: friendly_name.clone(),
                            document_type: document_type.clone(),
                            attributes: merged,
                        })
                        .await?
                }
            };
            let assignment = twilio
                .create_item_assignment(copy_sid, document.sid.as_str())
                .await?;
            snapshot
                .documents
                .push(document_item(document, assignment.sid));
            if let Some(old) = replaced {
                match twilio
                    .delete_item_assignment(copy_sid, &old.assignment_sid)
                    .await
                {
                    Ok(()) | Err(crate::twilio::TwilioError::NotFound { .. }) => {}
                    Err(error) => return Err(error.into()),
                }
                snapshot.documents.retain(|item| item.sid != old.sid);
            }
        }
    }
    Ok(uploaded)
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
