//! Turning what is stored about a renewal into its [`RenewalEvidence`] (no I/O).

use crate::i18n::Tr;
use serde_json::Value;

use super::pack::{
    ActorKind, DocumentEvidence, EvaluationEvidence, ItemValues, RenewalEvidence,
    RequirementVerdict, TimelineEntry, TwilioDecision,
};
use crate::db::documents::StoredDocument;
use crate::db::evaluations::StoredEvaluation;
use crate::db::renewals::Renewal;
use crate::domain::evaluation_changes::evaluation_changes;
use crate::domain::renewal::RenewalEvent;
use crate::domain::snapshot::{RenewalSnapshot, SnapshotItem};
use crate::domain::timeline_chain::ChainRow;

/// What is stored about one renewal, read in one snapshot.
#[derive(Debug, Clone)]
pub struct StoredRenewal {
    /// The renewal row.
    pub renewal: Renewal,
    /// Its chained timeline rows, in chain order.
    pub rows: Vec<ChainRow>,
    /// Its evaluations, oldest first.
    pub evaluations: Vec<StoredEvaluation>,
    /// Its recorded uploads, oldest first.
    pub documents: Vec<StoredDocument>,
}

/// The evidence of one renewal.
pub fn renewal_evidence(stored: &StoredRenewal) -> RenewalEvidence {
    let renewal = &stored.renewal;
    let timeline: Vec<TimelineEntry> = stored.rows.iter().map(timeline_entry).collect();
    let twilio_decisions = timeline.iter().filter_map(twilio_decision).collect();
    RenewalEvidence {
        renewal_id: renewal.renewal_id,
        bundle_sid: renewal.bundle_sid.to_string(),
        bundle_name: renewal.bundle_name.clone(),
        copy_sid: renewal.copy_sid.as_ref().map(ToString::to_string),
        state: renewal.state,
        deadline: renewal.deadline,
        opened_at: renewal.created_at,
        submitted_at: renewal.submitted_at,
        completed_at: renewal.completed_at,
        timeline,
        evaluations: evaluations(&stored.evaluations),
        // An unreadable snapshot (logged) leaves the pack without the submitted values.
        values_submitted: match renewal.snapshot() {
            Ok(Some(snapshot)) => values(&snapshot),
            Ok(None) | Err(_) => Vec::new(),
        },
        documents: stored.documents.iter().map(document).collect(),
        twilio_decisions,
    }
}

fn timeline_entry(row: &ChainRow) -> TimelineEntry {
    let event = serde_json::from_str::<Value>(&row.details_text)
        .ok()
        .and_then(|details| {
            details
                .get("event")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_default();
    TimelineEntry {
        actor_kind: ActorKind::of_cause(&row.cause),
        event,
        row: row.clone(),
    }
}

/// Twilio's review as recorded: review started, approved, rejected (with its reasons).
fn twilio_decision(entry: &TimelineEntry) -> Option<TwilioDecision> {
    let decision = [
        (RenewalEvent::ReviewStarted, "in_review"),
        (RenewalEvent::Approved, "approved"),
        (RenewalEvent::Rejected, "rejected"),
    ]
    .into_iter()
    .find(|(event, _)| event.name() == entry.event)
    .map(|(_, decision)| decision)?;
    let details: Value = serde_json::from_str(&entry.row.details_text).unwrap_or(Value::Null);
    let mut reasons = Vec::new();
    if let Some(reason) = details.get("failure_reason").and_then(Value::as_str) {
        reasons.push(reason.to_owned());
    }
    for doc in details
        .get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |key: &str| doc.get(key).and_then(Value::as_str).unwrap_or("");
        let reason = match text("failure_reason") {
            "" => "rejected".to_owned(),
            reason => reason.to_owned(),
        };
        reasons.push(format!(
            "Document “{}” ({}): {reason}",
            text("friendly_name"),
            text("sid")
        ));
    }
    Some(TwilioDecision {
        renewal_event_id: entry.row.renewal_event_id,
        at: entry.row.created_at,
        decision: decision.to_owned(),
        reasons,
    })
}

fn evaluations(stored: &[StoredEvaluation]) -> Vec<EvaluationEvidence> {
    stored
        .iter()
        .enumerate()
        .map(|(index, kept)| {
            let snapshot = &kept.snapshot.0;
            let changes_since_previous = index
                .checked_sub(1)
                .map(|previous| {
                    evaluation_changes(&stored[previous].snapshot.0, snapshot, &Tr::english())
                })
                .unwrap_or_default();
            let evaluation = snapshot.evaluation.as_ref();
            EvaluationEvidence {
                evaluated_at: kept.evaluated_at,
                actor_kind: ActorKind::of(kept.cause),
                actor: kept.actor.clone().unwrap_or_default(),
                reason: kept.reason.to_string(),
                evaluation_sid: evaluation.map(|e| e.sid.to_string()),
                status: evaluation.map(|e| e.status.to_string()),
                results: evaluation
                    .map(|e| e.results.iter().map(verdict).collect())
                    .unwrap_or_default(),
                changes_since_previous,
            }
        })
        .collect()
}

fn verdict(result: &crate::domain::snapshot::EvaluationResult) -> RequirementVerdict {
    RequirementVerdict {
        requirement_name: result.requirement_name.clone(),
        requirement: result.requirement_friendly_name.clone(),
        passed: result.passed,
        failure_reason: result.failure_reason.clone(),
        invalid_fields: result
            .invalid
            .iter()
            .map(|field| match &field.failure_reason {
                Some(reason) => format!("{}: {reason}", field.friendly_name),
                None => field.friendly_name.clone(),
            })
            .collect(),
    }
}

fn values(snapshot: &RenewalSnapshot) -> Vec<ItemValues> {
    let item = |kind: &str, item: &SnapshotItem| ItemValues {
        item_kind: kind.to_owned(),
        sid: item.sid.clone(),
        item_type: item.item_type.clone(),
        friendly_name: item.friendly_name.clone(),
        fields: item
            .attributes
            .keys()
            .map(|key| (key.clone(), item.field_text(key)))
            .collect(),
    };
    let end_users = snapshot.end_users.iter().map(|i| item("end_user", i));
    let documents = snapshot
        .documents
        .iter()
        .map(|i| item("supporting_document", i));
    end_users.chain(documents).collect()
}

fn document(stored: &StoredDocument) -> DocumentEvidence {
    DocumentEvidence {
        document_sid: stored.document_sid.clone(),
        document_type: stored.document_type.clone(),
        friendly_name: stored.friendly_name.clone(),
        file_name: stored.file_name.clone(),
        mime_type: stored.mime_type.clone(),
        size_bytes: stored.size_bytes,
        sha256: stored.sha256.clone(),
        actor_kind: ActorKind::of_cause(&stored.cause),
        actor: stored.actor.clone().unwrap_or_default(),
        uploaded_at: stored.created_at,
    }
}
