//! What the renewal page shows of the stored snapshot: the latest Evaluation (Twilio's
//! `results[]` shape, docs/emulator-fidelity.md "Evaluations") and the copy's items. Read leniently: a field
//! missing from the JSON is shown as missing, never an error.

use serde_json::Value;

/// The latest Evaluation of the copy.
#[derive(Debug, Clone)]
pub struct EvaluationView {
    /// `EL…`.
    pub sid: String,
    /// `compliant` or `noncompliant`.
    pub status: String,
    /// One per requirement of the regulation.
    pub results: Vec<RequirementView>,
}

/// One requirement's result.
#[derive(Debug, Clone)]
pub struct RequirementView {
    /// e.g. "Business".
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// Twilio's reason, when it failed.
    pub failure_reason: String,
    /// Twilio's error code, when it failed.
    pub error_code: String,
    /// The failing fields.
    pub invalid: Vec<FieldView>,
}

/// A failing field of a requirement.
#[derive(Debug, Clone)]
pub struct FieldView {
    /// e.g. "Business Name".
    pub friendly_name: String,
    /// e.g. `business_name`.
    pub object_field: String,
    /// Twilio's reason.
    pub failure_reason: String,
}

/// An End-User or Supporting Document assigned to the copy.
#[derive(Debug, Clone)]
pub struct ItemView {
    /// `IT…` or `RD…`.
    pub sid: String,
    /// "End-User" or "Supporting document".
    pub kind: &'static str,
    /// Type (e.g. `business`, `commercial_registrar_excerpt`).
    pub item_type: String,
    /// Its friendly name.
    pub friendly_name: String,
    /// Documents: Twilio's review status.
    pub status: String,
    /// Documents: why Twilio rejected it.
    pub failure_reason: String,
    /// Attribute name and value, sorted by name.
    pub attributes: Vec<(String, String)>,
}

fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The evaluation in `snapshot` (key `evaluation`), if there is one.
pub fn evaluation(snapshot: &Value) -> Option<EvaluationView> {
    let evaluation = snapshot.get("evaluation").filter(|v| v.is_object())?;
    let results = array(evaluation, "results")
        .iter()
        .map(|result| RequirementView {
            name: Some(text(result, "requirement_friendly_name"))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| text(result, "friendly_name")),
            passed: result
                .get("passed")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            failure_reason: text(result, "failure_reason"),
            error_code: text(result, "error_code"),
            invalid: array(result, "invalid")
                .iter()
                .map(|field| FieldView {
                    friendly_name: text(field, "friendly_name"),
                    object_field: text(field, "object_field"),
                    failure_reason: text(field, "failure_reason"),
                })
                .collect(),
        })
        .collect();
    Some(EvaluationView {
        sid: text(evaluation, "sid"),
        status: text(evaluation, "status"),
        results,
    })
}

/// The items in `snapshot`: `end_users` and `documents` (see `domain::snapshot`).
pub fn items(snapshot: &Value) -> Vec<ItemView> {
    ["end_users", "documents"]
        .iter()
        .flat_map(|key| array(snapshot, key))
        .map(|item| {
            let sid = Some(text(item, "sid"))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| text(item, "object_sid"));
            let mut attributes: Vec<(String, String)> = item
                .get("attributes")
                .and_then(Value::as_object)
                .map(|map| {
                    map.iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            attributes.sort();
            ItemView {
                kind: if sid.starts_with("IT") {
                    "End-User"
                } else {
                    "Supporting document"
                },
                sid,
                item_type: Some(text(item, "item_type"))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| text(item, "type")),
                status: text(item, "status"),
                failure_reason: text(item, "failure_reason"),
                friendly_name: text(item, "friendly_name"),
                attributes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noncompliant_evaluation_lists_its_failing_fields() {
        let snapshot = serde_json::json!({
            "evaluation": {"sid": "EL1", "status": "noncompliant", "results": [
                {"friendly_name": "Business", "passed": false, "failure_reason": "Missing",
                 "error_code": 22214, "invalid": [{"friendly_name": "Business Name",
                 "object_field": "business_name", "failure_reason": "The Business Name is missing."}],
                 "requirement_friendly_name": "Business"},
                {"friendly_name": "Address", "passed": true, "invalid": []}]},
            "end_users": [{"sid": "ITabc", "item_type": "business", "friendly_name": "Acme",
                           "attributes": {"business_name": "Acme", "vat": 12}}]
        });
        let evaluation = evaluation(&snapshot).unwrap();
        assert_eq!(evaluation.status, "noncompliant");
        assert_eq!(evaluation.results[0].error_code, "22214");
        assert_eq!(
            evaluation.results[0].invalid[0].object_field,
            "business_name"
        );
        assert!(evaluation.results[1].passed);
        let items = items(&snapshot);
        assert_eq!(items[0].kind, "End-User");
        assert_eq!(items[0].attributes[1], ("vat".to_owned(), "12".to_owned()));
    }
}
