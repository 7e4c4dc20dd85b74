//! The records the emulator stores: accounts and the Regulatory Compliance resources.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clock::Timestamp;

/// A Twilio account with its credentials and its reviewer's policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    /// `AC…`.
    pub sid: String,
    /// Human name.
    pub friendly_name: String,
    /// Auth token (also the key for callback signatures).
    pub auth_token: String,
    /// API keys (`SK…` + secret).
    pub api_keys: Vec<ApiKey>,
    /// How this account's submitted bundles are reviewed.
    pub review_policy: ReviewPolicy,
    /// Creation order.
    #[serde(default)]
    pub seq: u64,
    /// The parent account of a subaccount (`None` for a top-level account).
    #[serde(default)]
    pub owner_account_sid: Option<String>,
    /// `active`, `suspended` or `closed`.
    #[serde(default = "active")]
    pub status: String,
    /// Created.
    #[serde(default)]
    pub date_created: Timestamp,
    /// Updated.
    #[serde(default)]
    pub date_updated: Timestamp,
}

fn active() -> String {
    "active".into()
}

/// An API key of an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiKey {
    /// `SK…`.
    pub sid: String,
    /// Its secret.
    pub secret: String,
}

/// Who decides on submitted bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewMode {
    /// The emulator decides after `delay_seconds` of emulator time.
    Auto,
    /// The control API decides.
    Manual,
}

/// An account's review policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPolicy {
    /// Auto or manual.
    pub mode: ReviewMode,
    /// Delay before an automatic decision (emulator seconds).
    #[serde(default = "default_review_delay")]
    pub delay_seconds: i64,
}

fn default_review_delay() -> i64 {
    60
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self {
            mode: ReviewMode::Auto,
            delay_seconds: default_review_delay(),
        }
    }
}

/// Bundle status, spelled as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BundleStatus {
    /// Editable.
    Draft,
    /// Submitted.
    PendingReview,
    /// Being reviewed.
    InReview,
    /// Rejected.
    TwilioRejected,
    /// Approved.
    TwilioApproved,
    /// Enum-only status.
    ProvisionallyApproved,
}

impl BundleStatus {
    /// Every status.
    pub const ALL: [BundleStatus; 6] = [
        Self::Draft,
        Self::PendingReview,
        Self::InReview,
        Self::TwilioRejected,
        Self::TwilioApproved,
        Self::ProvisionallyApproved,
    ];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingReview => "pending-review",
            Self::InReview => "in-review",
            Self::TwilioRejected => "twilio-rejected",
            Self::TwilioApproved => "twilio-approved",
            Self::ProvisionallyApproved => "provisionally-approved",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A Bundle (copies and clones are bundles too).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bundle {
    /// Creation order, for stable sorting.
    pub seq: u64,
    /// `BU…`.
    pub sid: String,
    /// Owner.
    pub account_sid: String,
    /// `RN…`.
    pub regulation_sid: String,
    /// Human name.
    pub friendly_name: String,
    /// Status.
    pub status: BundleStatus,
    /// Deadline set by a regulation change.
    pub valid_until: Option<Timestamp>,
    /// Notification address.
    pub email: String,
    /// Status callback URL, exactly as given.
    pub status_callback: Option<String>,
    /// Created.
    pub date_created: Timestamp,
    /// Updated.
    pub date_updated: Timestamp,
    /// `IsTest`: always rejected (18099).
    pub is_test: bool,
    /// Stands for "a phone number uses this bundle" (delete → 21648).
    pub has_active_numbers: bool,
    /// The bundle this one is a copy of.
    pub copied_from: Option<String>,
    /// Why it was last rejected.
    pub failure_reason: Option<String>,
    /// When an automatic review moves it to in-review.
    pub in_review_at: Option<Timestamp>,
    /// When an automatic review decides.
    pub review_due_at: Option<Timestamp>,
}

/// An End-User.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EndUser {
    /// Creation order.
    pub seq: u64,
    /// `IT…`.
    pub sid: String,
    /// Owner.
    pub account_sid: String,
    /// Human name.
    pub friendly_name: String,
    /// `individual` or `business`.
    pub end_user_type: String,
    /// The attributes object.
    pub attributes: Value,
    /// Created.
    pub date_created: Timestamp,
    /// Updated.
    pub date_updated: Timestamp,
}

/// A Supporting Document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SupportingDocument {
    /// Creation order.
    pub seq: u64,
    /// `RD…`.
    pub sid: String,
    /// Owner.
    pub account_sid: String,
    /// Human name.
    pub friendly_name: String,
    /// Supporting Document Type machine name.
    pub document_type: String,
    /// The attributes object.
    pub attributes: Value,
    /// MIME type of the uploaded file, if any.
    pub mime_type: Option<String>,
    /// Size of the uploaded file in bytes, if any.
    pub file_size: Option<u64>,
    /// `draft`, `pending-review`, `rejected`, `approved`, `expired`, `provisionally-approved`.
    pub status: String,
    /// Why the reviewer rejected it.
    pub failure_reason: Option<String>,
    /// Review error codes, e.g. `[{"code": 18001}]`.
    pub errors: Option<Value>,
    /// Created.
    pub date_created: Timestamp,
    /// Updated.
    pub date_updated: Timestamp,
}

/// An item (End-User or Supporting Document) assigned to a bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemAssignment {
    /// Creation order.
    pub seq: u64,
    /// `BV…`.
    pub sid: String,
    /// The bundle.
    pub bundle_sid: String,
    /// Owner.
    pub account_sid: String,
    /// `IT…` or `RD…`.
    pub object_sid: String,
    /// Created.
    pub date_created: Timestamp,
}

/// A stored evaluation of a bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evaluation {
    /// Creation order.
    pub seq: u64,
    /// `EL…`.
    pub sid: String,
    /// Owner.
    pub account_sid: String,
    /// The regulation evaluated against.
    pub regulation_sid: String,
    /// The regulation's version at the time.
    pub regulation_version: u32,
    /// The bundle.
    pub bundle_sid: String,
    /// `compliant` or `noncompliant`.
    pub status: String,
    /// One entry per requirement.
    pub results: Vec<Value>,
    /// Created.
    pub date_created: Timestamp,
}
