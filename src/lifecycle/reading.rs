//! Reading a copy from Twilio into a [`RenewalSnapshot`]: evaluate it, list its assignments,
//! fetch each End-User and document, and (once per renewal) the regulation with constraints.

use crate::domain::sid::{BundleSid, EndUserSid, SupportingDocumentSid};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::domain::snapshot::{
    EvaluationResult, FieldResult, RenewalSnapshot, SnapshotEvaluation, SnapshotItem,
    SnapshotRegulation,
};
use crate::twilio::{Evaluation, ItemKind, TenantTwilio, TwilioError};

/// Evaluates `copy_sid` and reads its items. `regulation` is reused when given (it does not
/// change during a renewal); otherwise it is fetched with `IncludeConstraints=true`.
pub async fn read_copy(
    twilio: &TenantTwilio,
    copy_sid: &BundleSid,
    regulation: Option<SnapshotRegulation>,
) -> Result<RenewalSnapshot, TwilioError> {
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
                end_users.push(SnapshotItem {
                    sid: end_user.sid.into_string(),
                    assignment_sid: assignment.sid,
                    item_type: end_user.end_user_type.unwrap_or_default(),
                    friendly_name: end_user.friendly_name.unwrap_or_default(),
                    attributes: object(end_user.attributes),
                    status: None,
                    failure_reason: None,
                    errors: None,
                    mime_type: None,
                });
            }
            ItemKind::SupportingDocument => {
                let document = twilio
                    .fetch_supporting_document(&SupportingDocumentSid::from_trusted(
                        assignment.object_sid.as_str(),
                    ))
                    .await?;
                documents.push(SnapshotItem {
                    sid: document.sid.into_string(),
                    assignment_sid: assignment.sid,
                    item_type: document.document_type.unwrap_or_default(),
                    friendly_name: document.friendly_name.unwrap_or_default(),
                    attributes: object(document.attributes),
                    status: document.status.map(|s| kebab(&format!("{s:?}"))),
                    failure_reason: document.failure_reason,
                    errors: document.errors.map(Value::Array),
                    mime_type: document.mime_type,
                });
            }
            ItemKind::Other => {}
        }
    }
    let regulation = match regulation {
        Some(regulation) => regulation,
        None => {
            let sid = evaluation.regulation_sid.as_deref().unwrap_or_default();
            fetch_regulation(twilio, sid).await?
        }
    };
    Ok(RenewalSnapshot {
        copy_sid: copy_sid.clone(),
        regulation,
        evaluation: Some(snapshot_evaluation(evaluation)),
        end_users,
        documents,
        taken_at: OffsetDateTime::now_utc(),
    })
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
        "compliant"
    } else {
        "noncompliant"
    };
    SnapshotEvaluation {
        sid: evaluation.sid,
        status: status.to_owned(),
        results: evaluation
            .results
            .into_iter()
            .map(|result| EvaluationResult {
                friendly_name: result.friendly_name.unwrap_or_default(),
                object_type: result.object_type.unwrap_or_default(),
                passed: result.passed,
                failure_reason: result.failure_reason,
                error_code: result.error_code.map(i64::from),
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
        error_code: field.error_code.map(i64::from),
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

/// `PendingReview` → `pending-review` (the document status words on the wire).
fn kebab(debug_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug_name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_status_names_are_the_wire_words() {
        assert_eq!(kebab("PendingReview"), "pending-review");
        assert_eq!(kebab("Rejected"), "rejected");
    }
}
