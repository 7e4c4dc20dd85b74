//! Evaluation tests: the published Twilio example and rules derived from the constraints.

use serde_json::{Value, json};

use super::*;
use crate::emulator::catalogue::Catalogue;

mod japan;
mod uk;

/// Twilio's published Evaluation example (numbers v2 / TrustHub docs), verbatim.
const TWILIO_EXAMPLE: &str = include_str!("../twilio_example_fr_mobile_business.json");

fn regulation(iso: &str, number_type: &str, end_user_type: &str) -> Regulation {
    Catalogue::seeded()
        .find_regulation(iso, number_type, end_user_type)
        .cloned()
        .expect("seeded regulation")
}

/// Owned items, borrowed into the `Eval*` views for a call.
#[derive(Default)]
struct Bundle {
    end_users: Vec<(String, Value)>,
    documents: Vec<(String, Value)>,
}

impl Bundle {
    fn end_user(mut self, end_user_type: &str, attributes: Value) -> Self {
        self.end_users.push((end_user_type.into(), attributes));
        self
    }

    fn document(mut self, document_type: &str, attributes: Value) -> Self {
        self.documents.push((document_type.into(), attributes));
        self
    }

    fn evaluate(&self, regulation: &Regulation) -> EvaluationOutcome {
        let end_users: Vec<_> = self
            .end_users
            .iter()
            .map(|(t, a)| EvalEndUser {
                end_user_type: t,
                attributes: a,
            })
            .collect();
        let documents: Vec<_> = self
            .documents
            .iter()
            .map(|(t, a)| EvalDocument {
                document_type: t,
                attributes: a,
            })
            .collect();
        evaluate(regulation, &end_users, &documents)
    }
}

fn result<'o>(outcome: &'o EvaluationOutcome, requirement_name: &str) -> &'o Value {
    outcome
        .results
        .iter()
        .find(|r| r["requirement_name"] == requirement_name)
        .unwrap_or_else(|| panic!("no result for {requirement_name}: {:#?}", outcome.results))
}

fn codes(outcome: &EvaluationOutcome) -> Vec<Value> {
    outcome
        .results
        .iter()
        .map(|r| r["error_code"].clone())
        .collect()
}

fn french_business() -> Value {
    json!({"business_name": "Boulangerie Dupont SAS", "business_registration_number": "552 100 554",
           "first_name": "Marie", "last_name": "Dupont"})
}

fn compliant_french_bundle() -> Bundle {
    Bundle::default()
        .end_user("business", french_business())
        .document(
            "commercial_registrar_excerpt",
            json!({"business_name": "Boulangerie Dupont SAS"}),
        )
        .document(
            "commercial_registrar_excerpt",
            json!({"address_sids": ["AD00000000000000000000000000000001"]}),
        )
        .document(
            "commercial_registrar_excerpt",
            json!({"document_number": "552 100 554 R.C.S. Paris"}),
        )
        .document(
            "government_issued_document",
            json!({"first_name": "Marie", "last_name": "Dupont"}),
        )
        .document(
            "government_issued_document",
            json!({"first_name": "Jean", "last_name": "Martin"}),
        )
        .document("power_of_attorney", json!({}))
}

#[test]
fn empty_french_mobile_business_bundle_yields_exactly_the_twilio_example() {
    let fr = regulation("FR", "mobile", "business");
    let outcome = Bundle::default().evaluate(&fr);
    let expected: Vec<Value> = serde_json::from_str(TWILIO_EXAMPLE).unwrap();
    assert!(!outcome.compliant);
    assert_eq!(outcome.results.len(), 7);
    for (got, want) in outcome.results.iter().zip(&expected) {
        assert_eq!(got, want);
    }
    assert_eq!(outcome.results, expected);
    // Key order as on the wire.
    let keys: Vec<_> = outcome.results[0]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "friendly_name",
            "object_type",
            "passed",
            "failure_reason",
            "error_code",
            "valid",
            "invalid",
            "requirement_friendly_name",
            "requirement_name"
        ]
    );
}

#[test]
fn complete_french_mobile_business_bundle_is_compliant() {
    let fr = regulation("FR", "mobile", "business");
    let outcome = compliant_french_bundle().evaluate(&fr);
    assert!(outcome.compliant, "{:#?}", outcome.results);
    assert_eq!(outcome.results.len(), 7);
    for r in &outcome.results {
        assert_eq!(r["passed"], true);
        assert_eq!(r["failure_reason"], Value::Null);
        assert_eq!(r["error_code"], Value::Null);
        assert_eq!(r["invalid"], json!([]));
    }
    assert_eq!(
        result(&outcome, "business_info")["valid"][0],
        json!({"friendly_name": "Business Name", "object_field": "business_name",
               "failure_reason": null, "error_code": null})
    );
    assert_eq!(
        result(&outcome, "business_info")["valid"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        result(&outcome, "power_of_attorney_info")["valid"],
        json!([])
    );
}

#[test]
fn one_document_may_satisfy_several_requirements() {
    let fr = regulation("FR", "mobile", "business");
    let outcome = Bundle::default()
        .end_user("business", french_business())
        .document(
            "commercial_registrar_excerpt",
            json!({"business_name": "Boulangerie Dupont SAS",
            "address_sids": ["AD1"], "document_number": "552"}),
        )
        .document(
            "government_issued_document",
            json!({"first_name": "Marie", "last_name": "Dupont"}),
        )
        .document("power_of_attorney", json!({}))
        .evaluate(&fr);
    assert!(outcome.compliant, "{:#?}", outcome.results);
}

#[test]
fn business_name_mismatch_fails_with_22217_on_that_field() {
    let fr = regulation("FR", "mobile", "business");
    let mut bundle = compliant_french_bundle();
    bundle.documents[0].1 = json!({"business_name": "Boulangerie Dupont"});
    let outcome = bundle.evaluate(&fr);
    assert!(!outcome.compliant);
    let r = result(&outcome, "business_name_info");
    assert_eq!(r["passed"], false);
    assert_eq!(r["error_code"], 22217);
    assert_eq!(r["object_type"], "commercial_registrar_excerpt");
    assert_eq!(r["invalid"].as_array().unwrap().len(), 1);
    assert_eq!(r["invalid"][0]["object_field"], "business_name");
    assert_eq!(r["invalid"][0]["error_code"], 22217);
    assert_eq!(r["failure_reason"], r["invalid"][0]["failure_reason"]);
    assert!(
        r["failure_reason"]
            .as_str()
            .unwrap()
            .contains("does not match the Business Name")
    );
    // Everything else still passes.
    assert_eq!(
        outcome
            .results
            .iter()
            .filter(|r| r["passed"] == false)
            .count(),
        1
    );
}

#[test]
fn representative_name_mismatch_fails_but_the_attorney_name_is_presence_only() {
    let fr = regulation("FR", "mobile", "business");
    let mut bundle = compliant_french_bundle();
    bundle.documents[3].1 = json!({"first_name": "Marie", "last_name": "Durand"});
    let outcome = bundle.evaluate(&fr);
    let r = result(&outcome, "name_of_auth_rep_info");
    assert_eq!(r["passed"], false);
    assert_eq!(r["valid"][0]["object_field"], "first_name");
    assert_eq!(r["invalid"][0]["object_field"], "last_name");
    // The other ID (Jean Martin) still satisfies the presence-only requirement.
    assert_eq!(
        result(&outcome, "name_in_power_of_attorney_info")["passed"],
        true
    );
}

#[test]
fn missing_end_user_field_fails_with_22215_and_lists_the_valid_ones() {
    let fr = regulation("FR", "mobile", "business");
    let mut bundle = compliant_french_bundle();
    bundle.end_users[0].1 = json!({"business_name": "Boulangerie Dupont SAS", "business_registration_number": "",
                                   "first_name": "Marie", "last_name": "Dupont"});
    let outcome = bundle.evaluate(&fr);
    assert!(!outcome.compliant);
    let r = result(&outcome, "business_info");
    assert_eq!(r["error_code"], 22215);
    assert_eq!(
        r["invalid"],
        json!([{"friendly_name": "Business Registration Number", "object_field": "business_registration_number",
                "failure_reason": "The Business Registration Number is missing. Please enter in a Business Registration Number on the Business information.",
                "error_code": 22215}])
    );
    assert_eq!(r["valid"].as_array().unwrap().len(), 3);
}

#[test]
fn end_user_of_the_other_type_counts_as_missing() {
    let fr = regulation("FR", "mobile", "business");
    let outcome = Bundle::default()
        .end_user(
            "individual",
            json!({"first_name": "Marie", "last_name": "Dupont"}),
        )
        .evaluate(&fr);
    assert_eq!(result(&outcome, "business_info")["error_code"], 22214);
}

#[test]
fn without_an_end_user_matching_document_fields_fail() {
    let fr = regulation("FR", "mobile", "business");
    let mut bundle = compliant_french_bundle();
    bundle.end_users.clear();
    let outcome = bundle.evaluate(&fr);
    assert_eq!(result(&outcome, "business_info")["error_code"], 22214);
    assert_eq!(result(&outcome, "business_name_info")["error_code"], 22217);
    assert_eq!(result(&outcome, "business_reg_no_info")["passed"], true);
}

#[test]
fn best_candidate_is_reported_when_no_document_passes() {
    let fr = regulation("FR", "mobile", "business");
    let outcome = Bundle::default()
        .end_user("business", french_business())
        // Neither name matches; the second has both names present but one wrong.
        .document("government_issued_document", json!({}))
        .document(
            "government_issued_document",
            json!({"first_name": "Marie", "last_name": "Durand"}),
        )
        .evaluate(&fr);
    let r = result(&outcome, "name_of_auth_rep_info");
    assert_eq!(r["passed"], false);
    assert_eq!(r["valid"].as_array().unwrap().len(), 1);
    assert_eq!(r["invalid"].as_array().unwrap().len(), 1);
    // The presence-only requirement is satisfied by the second document.
    assert_eq!(
        result(&outcome, "name_in_power_of_attorney_info")["passed"],
        true
    );
}

#[test]
fn documents_of_unaccepted_types_are_ignored() {
    let fr = regulation("FR", "mobile", "business");
    let outcome = Bundle::default()
        .document(
            "passport",
            json!({"first_name": "Marie", "last_name": "Dupont"}),
        )
        .evaluate(&fr);
    assert_eq!(
        result(&outcome, "name_of_auth_rep_info")["error_code"],
        22216
    );
}
