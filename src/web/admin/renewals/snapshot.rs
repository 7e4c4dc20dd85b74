//! What the renewal page shows of the stored snapshot (already decoded by `db::snapshot`):
//! the latest Evaluation, one line per requirement, and the copy's items.

use crate::db::addresses::StoredAddress;
use crate::domain::snapshot::{RenewalSnapshot, SnapshotItem};

/// The latest Evaluation of the copy.
#[derive(Debug, Clone)]
pub struct EvaluationView {
    /// `EL…`.
    pub sid: String,
    /// Whether Twilio found the copy compliant.
    pub compliant: bool,
    /// `compliant` or `noncompliant`, as Twilio says it.
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
    /// The addresses its `address_sids` name, by street (see [`name_addresses`]).
    pub addresses: Vec<AddressLine>,
}

/// An address a document names, as staff read it.
#[derive(Debug, Clone)]
pub struct AddressLine {
    /// `AD…`.
    pub sid: String,
    /// "1 Rue de Rivoli, 75001 Paris, Île-de-France, FR"; empty when the last sweep did not
    /// see it.
    pub line: String,
    /// The person or business at the address.
    pub customer_name: String,
}

/// Puts each item's addresses by street (from the tenant's mirrored `addresses`).
pub fn name_addresses(items: &mut [ItemView], addresses: &[StoredAddress]) {
    for item in items {
        let Some((_, sids)) = item.attributes.iter().find(|(k, _)| k == "address_sids") else {
            continue;
        };
        let sids = sids
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| s.len() == 34 && s.starts_with("AD"));
        item.addresses = sids
            .map(|sid| {
                let known = addresses.iter().find(|a| a.sid.eq_ignore_ascii_case(sid));
                AddressLine {
                    sid: sid.to_owned(),
                    line: known.map(|a| a.postal().one_line()).unwrap_or_default(),
                    customer_name: known.map(|a| a.customer_name.clone()).unwrap_or_default(),
                }
            })
            .collect();
    }
}

fn or_empty(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

/// The snapshot's latest evaluation, if there is one.
pub fn evaluation(snapshot: &RenewalSnapshot) -> Option<EvaluationView> {
    let evaluation = snapshot.evaluation.as_ref()?;
    let results = evaluation
        .results
        .iter()
        .map(|result| RequirementView {
            name: Some(result.requirement_friendly_name.clone())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| result.friendly_name.clone()),
            passed: result.passed,
            failure_reason: or_empty(&result.failure_reason),
            error_code: result.error_code.map(|c| c.to_string()).unwrap_or_default(),
            invalid: result
                .invalid
                .iter()
                .map(|field| FieldView {
                    friendly_name: field.friendly_name.clone(),
                    object_field: field.object_field.clone(),
                    failure_reason: or_empty(&field.failure_reason),
                })
                .collect(),
        })
        .collect();
    Some(EvaluationView {
        sid: evaluation.sid.to_string(),
        compliant: evaluation.is_compliant(),
        status: evaluation.status.to_string(),
        results,
    })
}

/// The copy's End-Users, then its Supporting Documents.
pub fn items(snapshot: &RenewalSnapshot) -> Vec<ItemView> {
    let end_users = snapshot.end_users.iter().map(|i| item("End-User", i));
    let documents = snapshot
        .documents
        .iter()
        .map(|i| item("Supporting document", i));
    end_users.chain(documents).collect()
}

fn item(kind: &'static str, item: &SnapshotItem) -> ItemView {
    let mut attributes: Vec<(String, String)> = item
        .attributes
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            )
        })
        .collect();
    attributes.sort();
    ItemView {
        sid: item.sid.clone(),
        kind,
        item_type: item.item_type.clone(),
        friendly_name: item.friendly_name.clone(),
        status: item.status.map(|s| s.to_string()).unwrap_or_default(),
        failure_reason: or_empty(&item.failure_reason),
        attributes,
        addresses: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::snapshot::{
        EvaluationResult, EvaluationStatus, FieldResult, SnapshotEvaluation, SnapshotRegulation,
    };

    fn snapshot() -> RenewalSnapshot {
        let failing = EvaluationResult {
            friendly_name: "Business".into(),
            object_type: "business".into(),
            passed: false,
            failure_reason: Some("Missing".into()),
            error_code: Some(22214),
            valid: vec![],
            invalid: vec![FieldResult {
                friendly_name: "Business Name".into(),
                object_field: "business_name".into(),
                failure_reason: Some("The Business Name is missing.".into()),
                error_code: None,
            }],
            requirement_friendly_name: String::new(),
            requirement_name: "business_info".into(),
        };
        let passing = EvaluationResult {
            friendly_name: "Address".into(),
            passed: true,
            failure_reason: None,
            error_code: None,
            invalid: vec![],
            ..failing.clone()
        };
        let attributes = serde_json::json!({"business_name": "Acme", "vat": 12});
        RenewalSnapshot {
            copy_sid: "BU1".into(),
            regulation: SnapshotRegulation {
                sid: "RN1".into(),
                friendly_name: "France: Mobile - Business".into(),
                iso_country: "FR".into(),
                number_type: "mobile".into(),
                end_user_type: "business".into(),
                requirements: Default::default(),
            },
            evaluation: Some(SnapshotEvaluation {
                sid: "EL1".into(),
                status: EvaluationStatus::Noncompliant,
                results: vec![failing, passing],
            }),
            end_users: vec![SnapshotItem {
                sid: "ITabc".into(),
                assignment_sid: "BV1".into(),
                item_type: "business".into(),
                friendly_name: "Acme".into(),
                attributes: attributes.as_object().unwrap().clone(),
                status: None,
                failure_reason: None,
                errors: None,
                mime_type: None,
            }],
            documents: vec![],
            taken_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_noncompliant_evaluation_lists_its_failing_fields() {
        let snapshot = snapshot();
        let evaluation = evaluation(&snapshot).unwrap();
        assert!(!evaluation.compliant);
        assert_eq!(evaluation.results[0].name, "Business");
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
