//! Reading a copy from Twilio into a [`RenewalSnapshot`]: evaluate it, list its assignments,
//! fetch each End-User and document. The regulation comes from the shared cache
//! ([`super::regulations`]); after our own writes only the evaluation is read again.

use crate::domain::sid::{BundleSid, EndUserSid, ItemAssignmentSid, SupportingDocumentSid};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::domain::snapshot::{
    EvaluationResult, EvaluationStatus, FieldResult, RenewalSnapshot, SnapshotEvaluation,
    SnapshotItem, SnapshotRegulation,
};
use crate::twilio::{EndUser, Evaluation, ItemKind, SupportingDocument, TenantTwilio, TwilioError};

/// A copy as read from Twilio, before its regulation is attached.
#[derive(Debug)]
pub struct CopyRead {
    /// The new evaluation (it names the regulation).
    pub evaluation: Evaluation,
    /// End-Users assigned to the copy.
    pub end_users: Vec<SnapshotItem>,
    /// Supporting Documents assigned to the copy.
    pub documents: Vec<SnapshotItem>,
}

impl CopyRead {
    /// The snapshot of `copy_sid` under `regulation`.
    pub fn into_snapshot(
        self,
        copy_sid: &BundleSid,
        regulation: SnapshotRegulation,
    ) -> RenewalSnapshot {
        RenewalSnapshot {
            copy_sid: copy_sid.clone(),
            regulation,
            evaluation: Some(snapshot_evaluation(self.evaluation)),
            end_users: self.end_users,
            documents: self.documents,
            taken_at: OffsetDateTime::now_utc(),
        }
    }
}

/// Evaluates `copy_sid` and reads every item assigned to it.
pub async fn read_items(
    twilio: &TenantTwilio,
    copy_sid: &BundleSid,
) -> Result<CopyRead, TwilioError> {
    let evaluation = twilio.create_evaluation(copy_sid).await?;
    let assignments = twilio.list_all_item_assignments(copy_sid).await?;
    let mut end_users = Vec::new();
    let mut documents = Vec::new();
    for assignment in assignments {
        match assignment.object_kind() {
            ItemKind::EndUser => {
                let end_user = twilio
                    .fetch_end_user(&EndUserSid::from_trusted(assignment.object_sid.as_str()))
                    .await?;
                end_users.push(end_user_item(end_user, assignment.sid));
            }
            ItemKind::SupportingDocument => {
                let document = twilio
                    .fetch_supporting_document(&SupportingDocumentSid::from_trusted(
                        assignment.object_sid.as_str(),
                    ))
                    .await?;
                documents.push(document_item(document, assignment.sid));
            }
            ItemKind::Other => {}
        }
    }
    Ok(CopyRead {
        evaluation,
        end_users,
        documents,
    })
}

/// Evaluates `copy_sid` and reads its items again under the `regulation` already known.
pub async fn read_copy(
    twilio: &TenantTwilio,
    copy_sid: &BundleSid,
    regulation: SnapshotRegulation,
) -> Result<RenewalSnapshot, TwilioError> {
    Ok(read_items(twilio, copy_sid)
        .await?
        .into_snapshot(copy_sid, regulation))
}

/// Only what Twilio may have changed after our own writes: a new evaluation of the copy. The
/// items are already in `snapshot` as our writes left them.
pub async fn reevaluate(
    twilio: &TenantTwilio,
    mut snapshot: RenewalSnapshot,
) -> Result<RenewalSnapshot, TwilioError> {
    let evaluation = twilio.create_evaluation(&snapshot.copy_sid).await?;
    snapshot.evaluation = Some(snapshot_evaluation(evaluation));
    snapshot.taken_at = OffsetDateTime::now_utc();
    Ok(snapshot)
}

/// An End-User as the snapshot keeps it.
pub fn end_user_item(end_user: EndUser, assignment_sid: ItemAssignmentSid) -> SnapshotItem {
    SnapshotItem {
        sid: end_user.sid.into_string(),
        assignment_sid,
        item_type: end_user.end_user_type.unwrap_or_default(),
        friendly_name: end_user.friendly_name.unwrap_or_default(),
        attributes: object(end_user.attributes),
        status: None,
        failure_reason: None,
        errors: None,
        mime_type: None,
    }
}

/// A Supporting Document as the snapshot keeps it.
pub fn document_item(
    document: SupportingDocument,
    assignment_sid: ItemAssignmentSid,
) -> SnapshotItem {
    SnapshotItem {
        sid: document.sid.into_string(),
        assignment_sid,
        item_type: document.document_type.unwrap_or_default(),
        friendly_name: document.friendly_name.unwrap_or_default(),
        attributes: object(document.attributes),
        status: document.status,
        failure_reason: document.failure_reason,
        errors: document.errors.map(Value::Array),
        mime_type: document.mime_type,
    }
}

/// `GET /Regulations/{sid}?IncludeConstraints=true`, its requirements in the domain's model
/// (each field keeps its constraint text).
pub async fn fetch_regulation(
    twilio: &TenantTwilio,
    sid: &str,
) -> Result<SnapshotRegulation, TwilioError> {
    let regulation = twilio.fetch_regulation(sid, true).await?;
    Ok(SnapshotRegulation {
        sid: regulation.sid,
        friendly_name: regulation.friendly_name.unwrap_or_default(),
        iso_country: regulation.iso_country.unwrap_or_default(),
        number_type: regulation.number_type.unwrap_or_default(),
        end_user_type: regulation.end_user_type.unwrap_or_default(),
        requirements: regulation.requirements.into(),
    })
}

/// The snapshot form of an evaluation.
pub fn snapshot_evaluation(evaluation: Evaluation) -> SnapshotEvaluation {
    let status = if evaluation.is_compliant() {
        EvaluationStatus::Compliant
    } else {
        EvaluationStatus::Noncompliant
    };
    SnapshotEvaluation {
        sid: evaluation.sid,
        status,
        results: evaluation
            .results
            .into_iter()
            .map(|result| EvaluationResult {
                friendly_name: result.friendly_name.unwrap_or_default(),
                object_type: result.object_type.unwrap_or_default(),
                passed: result.passed,
                failure_reason: result.failure_reason,
                error_code: result.error_code,
                valid: result.valid.into_iter().map(field_json).collect(),
                invalid: result.invalid.into_iter().map(field_result).collect(),
                requirement_friendly_name: result.requirement_friendly_name.unwrap_or_default(),
                requirement_name: result.requirement_name.unwrap_or_default(),
            })
            .collect(),
    }
}

fn field_result(field: crate::twilio::FieldResult) -> FieldResult {
    FieldResult {
        friendly_name: field.friendly_name.unwrap_or_default(),
        object_field: field.object_field.unwrap_or_default(),
        failure_reason: field.failure_reason,
        error_code: field.error_code,
    }
}

fn field_json(field: crate::twilio::FieldResult) -> Value {
    json!({
        "friendly_name": field.friendly_name,
        "object_field": field.object_field,
        "failure_reason": field.failure_reason,
        "error_code": field.error_code,
    })
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
