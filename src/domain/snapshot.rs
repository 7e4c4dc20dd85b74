//! What recomply last read from Twilio about a renewal's copy: the regulation, the latest
//! evaluation, and the copy's items with their attributes. Stored as `renewal.snapshot` (jsonb);
//! customer pages render only from it, never by calling Twilio.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::requirements::Requirements;
use super::sid::{BundleSid, EvaluationSid, ItemAssignmentSid, RegulationSid};

/// The copy as of `taken_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalSnapshot {
    /// The Bundle Copy (`BU…`).
    pub copy_sid: BundleSid,
    /// The regulation the bundle must satisfy.
    pub regulation: SnapshotRegulation,
    /// The latest evaluation of the copy.
    pub evaluation: Option<SnapshotEvaluation>,
    /// End-Users assigned to the copy.
    pub end_users: Vec<SnapshotItem>,
    /// Supporting Documents assigned to the copy.
    pub documents: Vec<SnapshotItem>,
    /// When it was read.
    #[serde(with = "time::serde::rfc3339")]
    pub taken_at: OffsetDateTime,
}

/// The regulation, with its requirements (read with `IncludeConstraints=true`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRegulation {
    /// `RN…`.
    pub sid: RegulationSid,
    /// E.g. "France: Mobile - Business".
    pub friendly_name: String,
    /// ISO-3166 alpha-2.
    pub iso_country: String,
    /// `local`, `mobile`, …
    pub number_type: String,
    /// `individual` or `business`.
    pub end_user_type: String,
    /// What it requires, each field with its constraint.
    pub requirements: Requirements,
}

/// One evaluation of the copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotEvaluation {
    /// `EL…`.
    pub sid: EvaluationSid,
    /// `compliant` or `noncompliant`.
    pub status: EvaluationStatus,
    /// One entry per requirement.
    pub results: Vec<EvaluationResult>,
}

impl SnapshotEvaluation {
    /// Whether Twilio found the copy compliant (so it may be submitted).
    pub fn is_compliant(&self) -> bool {
        self.status == EvaluationStatus::Compliant
    }
}

/// Twilio's verdict on the copy, stored by its wire name (`compliant`, `noncompliant`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvaluationStatus {
    /// Meets every requirement.
    Compliant,
    /// Fails at least one requirement.
    Noncompliant,
    /// A name this version does not know (never compliant).
    #[serde(other)]
    Unknown,
}

impl EvaluationStatus {
    /// The stored (and wire) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compliant => "compliant",
            Self::Noncompliant => "noncompliant",
            Self::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for EvaluationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Supporting Document's review status, stored by its wire name (`pending-review`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentStatus {
    /// Editable.
    Draft,
    /// Submitted.
    PendingReview,
    /// Refused by Twilio.
    Rejected,
    /// Accepted by Twilio.
    Approved,
    /// No longer valid.
    Expired,
    /// Undocumented.
    ProvisionallyApproved,
    /// A name this version does not know.
    #[serde(other)]
    Unknown,
}

impl DocumentStatus {
    /// Every status but [`Self::Unknown`].
    pub const KNOWN: [DocumentStatus; 6] = [
        Self::Draft,
        Self::PendingReview,
        Self::Rejected,
        Self::Approved,
        Self::Expired,
        Self::ProvisionallyApproved,
    ];

    /// The stored (and wire) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingReview => "pending-review",
            Self::Rejected => "rejected",
            Self::Approved => "approved",
            Self::Expired => "expired",
            Self::ProvisionallyApproved => "provisionally-approved",
            Self::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for DocumentStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Twilio's verdict on one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationResult {
    /// E.g. "Business".
    pub friendly_name: String,
    /// End-user type or supporting-document type machine name.
    pub object_type: String,
    /// Whether the requirement is met.
    pub passed: bool,
    /// Why not.
    pub failure_reason: Option<String>,
    /// E.g. 22214.
    pub error_code: Option<u32>,
    /// Fields that pass (raw: the shape is unverified).
    pub valid: Vec<Value>,
    /// Fields that fail.
    pub invalid: Vec<FieldResult>,
    /// The requirement's friendly name.
    pub requirement_friendly_name: String,
    /// The requirement's machine name (`business_info`, …).
    pub requirement_name: String,
}

/// One failing field of a requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldResult {
    /// E.g. "Business Name".
    pub friendly_name: String,
    /// The attribute key, e.g. `business_name`.
    pub object_field: String,
    /// Why it fails.
    pub failure_reason: Option<String>,
    /// E.g. 22215.
    pub error_code: Option<u32>,
}

/// An End-User or Supporting Document assigned to the copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotItem {
    /// `IT…` or `RD…`.
    pub sid: String,
    /// The `BV…` assignment that links it to the copy.
    pub assignment_sid: ItemAssignmentSid,
    /// End-user type or document type machine name.
    pub item_type: String,
    /// Display name.
    pub friendly_name: String,
    /// Attribute values (PII).
    pub attributes: Map<String, Value>,
    /// Documents: draft, pending-review, rejected, approved, … (None for End-Users).
    pub status: Option<DocumentStatus>,
    /// Documents: Twilio's rejection reason.
    pub failure_reason: Option<String>,
    /// Documents: Twilio's error entries, e.g. `[{"code": 18001}]`.
    pub errors: Option<Value>,
    /// Documents: the uploaded file's MIME type.
    pub mime_type: Option<String>,
}

impl SnapshotItem {
    /// Whether Twilio rejected this document (its status says so, or it carries a reason).
    pub fn is_rejected(&self) -> bool {
        self.status == Some(DocumentStatus::Rejected) || self.failure_reason.is_some()
    }

    /// An attribute as text for a form field: strings as-is, arrays of strings joined with
    /// ", " (e.g. `address_sids`), other values as JSON; missing is empty.
    pub fn field_text(&self, field: &str) -> String {
        match self.attributes.get(field) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(Value::Array(values)) if values.iter().all(Value::is_string) => values
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            Some(other) => other.to_string(),
        }
    }
}

impl RenewalSnapshot {
    /// The End-User or document with `sid`, if it is assigned to the copy.
    pub fn item(&self, sid: &str) -> Option<&SnapshotItem> {
        self.end_users
            .iter()
            .chain(self.documents.iter())
            .find(|item| item.sid == sid)
    }

    /// Whether the latest evaluation says the copy may be submitted.
    pub fn is_compliant(&self) -> bool {
        self.evaluation
            .as_ref()
            .is_some_and(SnapshotEvaluation::is_compliant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_document_status_keeps_its_wire_name_and_an_unknown_one_still_reads() {
        for status in DocumentStatus::KNOWN {
            let wire = serde_json::to_value(status).unwrap();
            assert_eq!(wire, json!(status.as_str()));
            assert_eq!(
                serde_json::from_value::<DocumentStatus>(wire).unwrap(),
                status
            );
        }
        assert_eq!(DocumentStatus::PendingReview.to_string(), "pending-review");
        let unknown: DocumentStatus = serde_json::from_value(json!("archived")).unwrap();
        assert_eq!(unknown, DocumentStatus::Unknown);
    }

    #[test]
    fn an_evaluation_status_keeps_its_wire_name_and_an_unknown_one_still_reads() {
        for status in [EvaluationStatus::Compliant, EvaluationStatus::Noncompliant] {
            let wire = serde_json::to_value(status).unwrap();
            assert_eq!(wire, json!(status.as_str()));
            assert_eq!(
                serde_json::from_value::<EvaluationStatus>(wire).unwrap(),
                status
            );
        }
        let unknown: EvaluationStatus = serde_json::from_value(json!("pending")).unwrap();
        assert_eq!(unknown, EvaluationStatus::Unknown);
        let evaluation = SnapshotEvaluation {
            sid: EvaluationSid::from_trusted("EL1"),
            status: unknown,
            results: vec![],
        };
        assert!(!evaluation.is_compliant());
    }

    fn item(attributes: Value) -> SnapshotItem {
        SnapshotItem {
            sid: "RD1".into(),
            assignment_sid: ItemAssignmentSid::from_trusted("BV1"),
            item_type: "address".into(),
            friendly_name: "Address".into(),
            attributes: attributes.as_object().unwrap().clone(),
            status: Some(DocumentStatus::Draft),
            failure_reason: None,
            errors: None,
            mime_type: None,
        }
    }

    #[test]
    fn field_text_shows_strings_and_joins_sid_lists() {
        let item = item(json!({"address_sids": ["AD1", "AD2"], "name": "Acme", "n": 5}));
        assert_eq!(item.field_text("address_sids"), "AD1, AD2");
        assert_eq!(item.field_text("name"), "Acme");
        assert_eq!(item.field_text("n"), "5");
        assert_eq!(item.field_text("missing"), "");
    }

    #[test]
    fn a_snapshot_round_trips_through_json() {
        let snapshot = RenewalSnapshot {
            copy_sid: BundleSid::from_trusted("BU1"),
            regulation: SnapshotRegulation {
                sid: RegulationSid::from_trusted("RN1"),
                friendly_name: "France: Mobile - Business".into(),
                iso_country: "FR".into(),
                number_type: "mobile".into(),
                end_user_type: "business".into(),
                requirements: Requirements::default(),
            },
            evaluation: Some(SnapshotEvaluation {
                sid: EvaluationSid::from_trusted("EL1"),
                status: EvaluationStatus::Compliant,
                results: vec![],
            }),
            end_users: vec![],
            documents: vec![item(json!({}))],
            taken_at: OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
        };
        let text = serde_json::to_string(&snapshot).unwrap();
        let back: RenewalSnapshot = serde_json::from_str(&text).unwrap();
        assert_eq!(back, snapshot);
        assert!(back.is_compliant());
        assert_eq!(back.item("RD1").unwrap().assignment_sid, "BV1");
        assert!(back.item("RD2").is_none());
    }
}
