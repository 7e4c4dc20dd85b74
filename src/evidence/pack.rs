//! The evidence pack as data: what the JSON file holds and the PDF shows. The schema is
//! described for third parties in docs/evidence-pack.md; change [`FORMAT_VERSION`] with it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::domain::ids::{RenewalEventId, RenewalId, TenantId};
use crate::domain::renewal::{Cause, RenewalState};
use crate::domain::timeline_chain::ChainRow;

/// The version of this schema.
pub const FORMAT_VERSION: u32 = 1;

/// One pack: a renewal, or a tenant's renewals over a date range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidencePack {
    /// [`FORMAT_VERSION`] when it was written.
    pub format_version: u32,
    /// What produced it, e.g. `recomply 0.1.0`.
    pub generator: String,
    /// When it was generated (everything in it was read in one database snapshot then).
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: OffsetDateTime,
    /// What it covers.
    pub scope: PackScope,
    /// Whose renewals.
    pub tenant: PackTenant,
    /// The tenant's hash chain at generation, to hold against `recomply audit verify`.
    pub chain: PackChain,
    /// The renewals covered, oldest first.
    pub renewals: Vec<RenewalEvidence>,
}

/// What a pack covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PackScope {
    /// One renewal, from its opening to the pack's generation.
    Renewal {
        /// The renewal.
        renewal_id: RenewalId,
    },
    /// Every timeline row of the tenant written from `from` to `to` (UTC days, inclusive),
    /// and the renewals they belong to.
    TenantRange {
        /// First day.
        from: Date,
        /// Last day.
        to: Date,
    },
}

/// The tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackTenant {
    /// Its id (part of every chained row).
    pub tenant_id: TenantId,
    /// Its URL-safe name (what `recomply audit verify` prints).
    pub slug: String,
    /// Its display name.
    pub name: String,
}

/// The tenant's chain when the pack was generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackChain {
    /// How many rows the tenant's whole chain had.
    pub tenant_rows: i64,
    /// The hash of its last row: the head `recomply audit verify` prints (64 zeros if none).
    pub head_hash: String,
    /// How many timeline rows this pack holds.
    pub rows_in_pack: usize,
}

/// Who did something, in three kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// The end customer.
    Customer,
    /// ISV support staff.
    Staff,
    /// recomply itself: the sweep, a job, or a Twilio callback it acted on.
    System,
}

impl ActorKind {
    /// The kind of actor behind `cause`.
    pub fn of(cause: Cause) -> Self {
        match cause {
            Cause::Customer => Self::Customer,
            Cause::Staff => Self::Staff,
            Cause::Webhook | Cause::Sweep | Cause::Job => Self::System,
        }
    }

    /// From a stored cause (`customer`, `staff`, `webhook`, `sweep`, `job`); a name this
    /// version does not know is the system's.
    pub fn of_cause(cause: &str) -> Self {
        cause.parse().map_or(Self::System, Self::of)
    }

    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Staff => "staff",
            Self::System => "system",
        }
    }
}

/// Everything about one renewal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalEvidence {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// The original bundle (`BU…`) and its name.
    pub bundle_sid: String,
    /// Its name.
    pub bundle_name: String,
    /// The Bundle Copy that was filled in and reviewed.
    pub copy_sid: Option<String>,
    /// The renewal's state at generation (its snake_case name in the pack).
    pub state: RenewalState,
    /// The `valid_until` that opened it.
    #[serde(with = "time::serde::rfc3339::option")]
    pub deadline: Option<OffsetDateTime>,
    /// When it was opened.
    #[serde(with = "time::serde::rfc3339")]
    pub opened_at: OffsetDateTime,
    /// Its last submission.
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    /// When it completed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    /// Its timeline rows (in chain order), each with what it takes to recompute its hash.
    pub timeline: Vec<TimelineEntry>,
    /// Every evaluation Twilio made of the copy, oldest first.
    pub evaluations: Vec<EvaluationEvidence>,
    /// The values on the copy as last evaluated.
    pub values_submitted: Vec<ItemValues>,
    /// The documents uploaded through recomply, with the SHA-256 of their bytes.
    pub documents: Vec<DocumentEvidence>,
    /// What Twilio's review decided, and why.
    pub twilio_decisions: Vec<TwilioDecision>,
}

/// One timeline row: the chained row as stored, plus what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The row exactly as chained (`prev_hash`, `row_hash` and the hashed fields).
    #[serde(flatten)]
    pub row: ChainRow,
    /// The event or action (`details.event`).
    pub event: String,
    /// Who, in three kinds.
    pub actor_kind: ActorKind,
}

/// One evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationEvidence {
    /// When Twilio's evaluation was read.
    #[serde(with = "time::serde::rfc3339")]
    pub evaluated_at: OffsetDateTime,
    /// Who caused it.
    pub actor_kind: ActorKind,
    /// Their name (email, staff name or job).
    pub actor: String,
    /// The timeline event it belongs to (`prepared`, `changes_saved`, `rejected`, …).
    pub reason: String,
    /// Twilio's Evaluation (`EL…`).
    pub evaluation_sid: Option<String>,
    /// compliant | noncompliant.
    pub status: Option<String>,
    /// Each requirement's verdict.
    pub results: Vec<RequirementVerdict>,
    /// What changed since the evaluation before it, in words.
    pub changes_since_previous: Vec<String>,
}

/// One requirement's verdict in an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementVerdict {
    /// Machine name.
    pub requirement_name: String,
    /// Name people read.
    pub requirement: String,
    /// Whether it passed.
    pub passed: bool,
    /// Twilio's reason when it failed.
    pub failure_reason: Option<String>,
    /// The fields Twilio named as failing, with their reasons.
    pub invalid_fields: Vec<String>,
}

/// The values of one item on the copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemValues {
    /// `end_user` or `supporting_document`.
    pub item_kind: String,
    /// Its SID (`IT…` or `RD…`).
    pub sid: String,
    /// Its type.
    pub item_type: String,
    /// Its name.
    pub friendly_name: String,
    /// Field → value, as text.
    pub fields: BTreeMap<String, String>,
}

/// One uploaded document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEvidence {
    /// The Supporting Document Twilio made of it (`RD…`).
    pub document_sid: String,
    /// Supporting Document Type.
    pub document_type: String,
    /// Its display name.
    pub friendly_name: String,
    /// The file's name.
    pub file_name: String,
    /// Its type, recognised from its bytes.
    pub mime_type: String,
    /// Its size.
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of exactly the bytes received.
    pub sha256: String,
    /// Who uploaded it.
    pub actor_kind: ActorKind,
    /// Their name.
    pub actor: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// One decision of Twilio's review, as recomply recorded it on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwilioDecision {
    /// The timeline row that recorded it.
    pub renewal_event_id: RenewalEventId,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// `in_review`, `approved` or `rejected`.
    pub decision: String,
    /// Twilio's reasons (the bundle's, then each rejected document's).
    pub reasons: Vec<String>,
}
