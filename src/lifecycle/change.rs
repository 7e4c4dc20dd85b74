//! What a customer (or staff) can change on a renewal's copy.

use std::collections::BTreeMap;
use std::fmt;

/// One edit to the copy. Field values are the strings typed into the form; `address_sids`
/// may list several `AD…` SIDs separated by commas or spaces.
#[derive(Clone, PartialEq, Eq)]
pub enum Change {
    /// Set fields on an End-User assigned to the copy.
    SetEndUserFields {
        /// `IT…` (must be assigned to the copy).
        end_user_sid: String,
        /// Field machine name → value.
        fields: BTreeMap<String, String>,
    },
    /// Create an End-User and assign it to the copy.
    CreateEndUser {
        /// `individual` or `business`.
        end_user_type: String,
        /// Field machine name → value.
        fields: BTreeMap<String, String>,
    },
    /// Set fields on a Supporting Document assigned to the copy.
    SetDocumentFields {
        /// `RD…` (must be assigned to the copy).
        document_sid: String,
        /// Field machine name → value.
        fields: BTreeMap<String, String>,
    },
    /// Create (or upload) a Supporting Document and assign it; optionally unassign the one it
    /// replaces.
    AddDocument {
        /// Supporting Document Type machine name.
        document_type: String,
        /// Display name.
        friendly_name: String,
        /// Field machine name → value.
        fields: BTreeMap<String, String>,
        /// The file, if any.
        file: Option<Upload>,
        /// `RD…` of a document on the copy to unassign.
        replaces: Option<String>,
    },
}

/// An uploaded file.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    /// The name the customer's file had.
    pub filename: String,
    /// Its MIME type.
    pub content_type: String,
    /// The content.
    pub bytes: Vec<u8>,
}

// Values are PII: Debug shows which fields, never their values.
impl fmt::Debug for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys = |fields: &BTreeMap<String, String>| fields.keys().cloned().collect::<Vec<_>>();
        match self {
            Self::SetEndUserFields {
                end_user_sid,
                fields,
            } => f
                .debug_struct("SetEndUserFields")
                .field("end_user_sid", end_user_sid)
                .field("fields", &keys(fields))
                .finish(),
            Self::CreateEndUser {
                end_user_type,
                fields,
            } => f
                .debug_struct("CreateEndUser")
                .field("end_user_type", end_user_type)
                .field("fields", &keys(fields))
                .finish(),
            Self::SetDocumentFields {
                document_sid,
                fields,
            } => f
                .debug_struct("SetDocumentFields")
                .field("document_sid", document_sid)
                .field("fields", &keys(fields))
                .finish(),
            Self::AddDocument {
                document_type,
                fields,
                file,
                replaces,
                ..
            } => f
                .debug_struct("AddDocument")
                .field("document_type", document_type)
                .field("fields", &keys(fields))
                .field(
                    "file",
                    &file.as_ref().map(|u| (&u.content_type, u.bytes.len())),
                )
                .field("replaces", replaces)
                .finish(),
        }
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

impl Change {
    /// A short description for the timeline (no values).
    pub fn summary(&self) -> serde_json::Value {
        let keys = |fields: &BTreeMap<String, String>| fields.keys().cloned().collect::<Vec<_>>();
        match self {
            Self::SetEndUserFields {
                end_user_sid,
                fields,
            } => serde_json::json!({
                "change": "set_end_user_fields", "sid": end_user_sid, "fields": keys(fields)}),
            Self::CreateEndUser {
                end_user_type,
                fields,
            } => serde_json::json!({
                "change": "create_end_user", "type": end_user_type, "fields": keys(fields)}),
            Self::SetDocumentFields {
                document_sid,
                fields,
            } => serde_json::json!({
                "change": "set_document_fields", "sid": document_sid, "fields": keys(fields)}),
            Self::AddDocument {
                document_type,
                fields,
                file,
                replaces,
                ..
            } => serde_json::json!({
                "change": "add_document", "type": document_type, "fields": keys(fields),
                "file": file.is_some(), "replaces": replaces}),
        }
    }
}
