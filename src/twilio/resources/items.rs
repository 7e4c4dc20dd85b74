//! Bundle items: End-Users, Supporting Documents and the Item Assignments that attach them
//! (rows 13–21 and 26–30 of docs/emulator-fidelity.md).

use crate::domain::sid::{
    AccountSid, BundleSid, EndUserSid, ItemAssignmentSid, SupportingDocumentSid,
};
use std::fmt;

use serde::Deserialize;
use time::OffsetDateTime;

/// An End-User (`IT…`): the individual or business a bundle is for.
#[derive(Clone, PartialEq, Deserialize)]
pub struct EndUser {
    /// `IT…`.
    pub sid: EndUserSid,
    /// `AC…`.
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    /// Display name.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// `individual` or `business` (kept as text so new types still decode).
    #[serde(rename = "type", default)]
    pub end_user_type: Option<String>,
    /// Field machine name → value (PII; never logged).
    #[serde(default)]
    pub attributes: serde_json::Value,
    /// Creation time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_created: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_updated: Option<OffsetDateTime>,
    /// The resource URL.
    #[serde(default)]
    pub url: Option<String>,
}

impl fmt::Debug for EndUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndUser")
            .field("sid", &self.sid)
            .field("end_user_type", &self.end_user_type)
            .field("attributes", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// A Supporting Document's review status (different words from Bundle statuses), read as
/// Twilio sends it: the same type the snapshot keeps.
pub use crate::domain::snapshot::DocumentStatus;

/// A Supporting Document (`RD…`), with or without an uploaded file.
#[derive(Clone, PartialEq, Deserialize)]
pub struct SupportingDocument {
    /// `RD…`.
    pub sid: SupportingDocumentSid,
    /// `AC…`.
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    /// Display name.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// MIME type of the uploaded file; `None` without a file.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Review status (absent → `None`).
    #[serde(default)]
    pub status: Option<DocumentStatus>,
    /// Why Twilio rejected it.
    #[serde(default)]
    pub failure_reason: Option<String>,
    /// Review errors, e.g. `[{"code": 18001}]`.
    #[serde(default)]
    pub errors: Option<Vec<serde_json::Value>>,
    /// Supporting Document Type machine name (`passport`, `utility_bill`, ...).
    #[serde(rename = "type", default)]
    pub document_type: Option<String>,
    /// Field machine name → value (PII; never logged).
    #[serde(default)]
    pub attributes: serde_json::Value,
    /// Creation time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_created: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_updated: Option<OffsetDateTime>,
    /// The resource URL.
    #[serde(default)]
    pub url: Option<String>,
}

impl fmt::Debug for SupportingDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SupportingDocument")
            .field("sid", &self.sid)
            .field("document_type", &self.document_type)
            .field("status", &self.status)
            .field("mime_type", &self.mime_type)
            .field("attributes", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// What an Item Assignment points at, inferred from the `object_sid` prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `IT…`.
    EndUser,
    /// `RD…`.
    SupportingDocument,
    /// Any other prefix.
    Other,
}

/// An Item Assignment (`BV…`): one End-User or Supporting Document attached to a bundle.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ItemAssignment {
    /// `BV…`.
    pub sid: ItemAssignmentSid,
    /// `BU…`.
    #[serde(default)]
    pub bundle_sid: Option<BundleSid>,
    /// `AC…`.
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    /// The `IT…` or `RD…` attached.
    pub object_sid: String,
    /// Creation time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_created: Option<OffsetDateTime>,
    /// The resource URL.
    #[serde(default)]
    pub url: Option<String>,
}

impl ItemAssignment {
    /// Whether the assigned object is an End-User or a Supporting Document.
    pub fn object_kind(&self) -> ItemKind {
        match self.object_sid.get(..2) {
            Some("IT") => ItemKind::EndUser,
            Some("RD") => ItemKind::SupportingDocument,
            _ => ItemKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_users_decode_their_type_and_hide_attributes_from_debug() {
        let json = r#"{"sid": "IT1", "type": "business", "attributes": {"business_name": "Acme Secret Ltd"},
                       "date_created": "2019-07-30T22:29:24Z", "unknown": 1}"#;
        let end_user: EndUser = serde_json::from_str(json).unwrap();
        assert_eq!(end_user.end_user_type.as_deref(), Some("business"));
        assert_eq!(end_user.attributes["business_name"], "Acme Secret Ltd");
        assert!(!format!("{end_user:?}").contains("Acme Secret"));
    }

    #[test]
    fn documents_decode_status_errors_and_missing_file() {
        let json = r#"{"sid": "RD1", "status": "rejected", "failure_reason": "blurry", "errors": [{"code": 18001}],
                       "type": "passport", "mime_type": null, "attributes": {"document_number": "X1"}}"#;
        let document: SupportingDocument = serde_json::from_str(json).unwrap();
        assert_eq!(document.status, Some(DocumentStatus::Rejected));
        assert_eq!(document.errors.unwrap()[0]["code"], 18001);
        assert!(document.mime_type.is_none());
    }

    #[test]
    fn assignments_know_what_they_point_at() {
        let assignment = |object_sid: &str| ItemAssignment {
            sid: "BV1".into(),
            bundle_sid: None,
            account_sid: None,
            object_sid: object_sid.into(),
            date_created: None,
            url: None,
        };
        assert_eq!(assignment("IT00").object_kind(), ItemKind::EndUser);
        assert_eq!(
            assignment("RD00").object_kind(),
            ItemKind::SupportingDocument
        );
        assert_eq!(assignment("AD00").object_kind(), ItemKind::Other);
    }
}
