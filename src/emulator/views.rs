//! Wire JSON of each resource, with exactly Twilio's key set (snake_case, ISO timestamps,
//! `url`/`links` on the request's origin).

use serde_json::{Value, json};

use super::clock::format;
use super::model::{Bundle, EndUser, Evaluation, ItemAssignment, SupportingDocument};

/// Path prefix of every Regulatory Compliance resource.
pub const RC: &str = "/v2/RegulatoryCompliance";

/// `{origin}/v2/RegulatoryCompliance/Bundles/{sid}`.
pub fn bundle_url(origin: &str, sid: &str) -> String {
    format!("{origin}{RC}/Bundles/{sid}")
}

/// The fields every bundle-shaped resource shares (Copy and ReplaceItems stop here).
pub fn bundle_fields(bundle: &Bundle) -> Value {
    json!({
        "sid": bundle.sid,
        "account_sid": bundle.account_sid,
        "regulation_sid": bundle.regulation_sid,
        "friendly_name": bundle.friendly_name,
        "status": bundle.status.as_str(),
        "valid_until": bundle.valid_until.map(format),
        "email": bundle.email,
        "status_callback": bundle.status_callback,
        "date_created": format(bundle.date_created),
        "date_updated": format(bundle.date_updated),
    })
}

/// A Bundle: the shared fields plus `url` and `links`.
pub fn bundle(origin: &str, bundle: &Bundle) -> Value {
    let url = bundle_url(origin, &bundle.sid);
    let mut value = bundle_fields(bundle);
    value["links"] = json!({
        "evaluations": format!("{url}/Evaluations"),
        "item_assignments": format!("{url}/ItemAssignments"),
        "bundle_copies": format!("{url}/Copies"),
    });
    value["url"] = Value::String(url);
    value
}

/// A Bundle Clone: `bundle_sid` instead of `sid`, `url` ending in `/Clones`.
pub fn clone(origin: &str, bundle: &Bundle) -> Value {
    let mut value = bundle_fields(bundle);
    if let Some(map) = value.as_object_mut() {
        map.remove("sid");
        map.insert("bundle_sid".into(), json!(bundle.sid));
        map.insert(
            "url".into(),
            json!(format!("{}/Clones", bundle_url(origin, &bundle.sid))),
        );
    }
    value
}

/// An End-User.
pub fn end_user(origin: &str, end_user: &EndUser) -> Value {
    json!({
        "sid": end_user.sid,
        "account_sid": end_user.account_sid,
        "friendly_name": end_user.friendly_name,
        "type": end_user.end_user_type,
        "attributes": end_user.attributes,
        "date_created": format(end_user.date_created),
        "date_updated": format(end_user.date_updated),
        "url": format!("{origin}{RC}/EndUsers/{}", end_user.sid),
    })
}

/// A Supporting Document.
pub fn document(origin: &str, document: &SupportingDocument) -> Value {
    json!({
        "sid": document.sid,
        "account_sid": document.account_sid,
        "friendly_name": document.friendly_name,
        "mime_type": document.mime_type,
        "status": document.status,
        "failure_reason": document.failure_reason,
        "errors": document.errors,
        "type": document.document_type,
        "attributes": document.attributes,
        "date_created": format(document.date_created),
        "date_updated": format(document.date_updated),
        "url": format!("{origin}{RC}/SupportingDocuments/{}", document.sid),
    })
}

/// An Item Assignment (no `date_updated`).
pub fn assignment(origin: &str, assignment: &ItemAssignment) -> Value {
    json!({
        "sid": assignment.sid,
        "bundle_sid": assignment.bundle_sid,
        "account_sid": assignment.account_sid,
        "object_sid": assignment.object_sid,
        "date_created": format(assignment.date_created),
        "url": format!(
            "{}/ItemAssignments/{}",
            bundle_url(origin, &assignment.bundle_sid),
            assignment.sid
        ),
    })
}

/// An Evaluation (no `date_updated`).
pub fn evaluation(origin: &str, evaluation: &Evaluation) -> Value {
    json!({
        "sid": evaluation.sid,
        "account_sid": evaluation.account_sid,
        "regulation_sid": evaluation.regulation_sid,
        "bundle_sid": evaluation.bundle_sid,
        "status": evaluation.status,
        "results": evaluation.results,
        "date_created": format(evaluation.date_created),
        "url": format!(
            "{}/Evaluations/{}",
            bundle_url(origin, &evaluation.bundle_sid),
            evaluation.sid
        ),
    })
}
