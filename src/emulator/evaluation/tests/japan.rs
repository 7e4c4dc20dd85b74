//! Japan: alternative sets of requirements, and the individual wording.

use serde_json::{Value, json};

use super::*;

fn japanese_business() -> Value {
    json!({"business_name": "株式会社テスト", "business_description": "Software",
           "first_name": "Taro", "last_name": "Yamada", "birth_date": "1980-01-01"})
}

fn japanese_company_documents(bundle: Bundle) -> Bundle {
    bundle.document(
        "corporate_registry",
        json!({"business_name": "株式会社テスト",
        "address_sids": ["AD1"], "business_description": "Software"}),
    )
}

#[test]
fn japan_without_items_reports_the_first_alternative_set() {
    let jp = regulation("JP", "local", "business");
    let outcome = Bundle::default().evaluate(&jp);
    assert!(!outcome.compliant);
    let names: Vec<_> = outcome
        .results
        .iter()
        .map(|r| r["requirement_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "business_info",
            "business_name_info",
            "business_address_proof_info",
            "business_desc_info",
            "name_of_auth_rep_info",
            "birth_date_of_auth_rep_info",
            "address_of_auth_rep_proof_info",
            "auth_of_rep_info"
        ]
    );
    assert_eq!(
        result(&outcome, "name_of_auth_rep_info")["object_type"],
        "drivers_license"
    );
}

#[test]
fn japan_first_set_met_is_compliant() {
    let jp = regulation("JP", "local", "business");
    let outcome =
        japanese_company_documents(Bundle::default().end_user("business", japanese_business()))
            .document(
                "passport",
                json!({"first_name": "Taro", "last_name": "Yamada",
            "birth_date": "1980-01-01", "address_sids": ["AD2"]}),
            )
            .document("power_of_attorney", json!({}))
            .evaluate(&jp);
    assert!(outcome.compliant, "{:#?}", outcome.results);
    assert_eq!(outcome.results.len(), 8);
}

#[test]
fn japan_second_alternative_set_alone_is_compliant_and_reported() {
    let jp = regulation("JP", "local", "business");
    let outcome =
        japanese_company_documents(Bundle::default().end_user("business", japanese_business()))
            .document("shareholders_registry", json!({}))
            .document(
                "residence_permit",
                json!({"first_name": "Kenji", "last_name": "Sato", "address_sids": ["AD3"]}),
            )
            .evaluate(&jp);
    assert!(outcome.compliant, "{:#?}", outcome.results);
    let names: Vec<_> = outcome
        .results
        .iter()
        .map(|r| r["requirement_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "business_info",
            "business_name_info",
            "business_address_proof_info",
            "business_desc_info",
            "ben_ownership_and_identity_info",
            "name_of_ben_owner_info",
            "address_of_ben_owner_proof_info"
        ]
    );
}

#[test]
fn japan_partially_met_sets_report_the_first_set() {
    let jp = regulation("JP", "local", "business");
    let outcome =
        japanese_company_documents(Bundle::default().end_user("business", japanese_business()))
            .document("shareholders_registry", json!({}))
            .evaluate(&jp);
    assert!(!outcome.compliant);
    assert_eq!(outcome.results.len(), 8);
    assert_eq!(result(&outcome, "auth_of_rep_info")["error_code"], 22216);
    assert_eq!(result(&outcome, "business_name_info")["passed"], true);
}

#[test]
fn individual_end_user_missing_uses_the_individual_wording() {
    let au = regulation("AU", "local", "individual");
    let outcome = Bundle::default().evaluate(&au);
    let r = result(&outcome, "individual_info");
    assert_eq!(
        r["failure_reason"],
        "An Individual End-User is missing. Please add one to the regulatory bundle."
    );
    assert_eq!(
        r["invalid"][0]["failure_reason"],
        "The First Name is missing. Please enter in a First Name on the Individual information."
    );
    assert_eq!(
        result(&outcome, "proof_of_address")["friendly_name"],
        "Address Validation"
    );
}

#[test]
fn every_seeded_regulation_evaluates_one_result_per_requirement() {
    for r in Catalogue::seeded().regulations() {
        let outcome = Bundle::default().evaluate(r);
        let expected =
            r.requirements().end_user.len() + r.requirements().supporting_document[0].len();
        assert_eq!(outcome.results.len(), expected, "{}", r.friendly_name);
        assert!(!outcome.compliant);
        assert_eq!(outcome.results[0]["error_code"], 22214);
        assert!(
            outcome.results[1..]
                .iter()
                .all(|x| x["error_code"] == 22216),
            "{}",
            r.friendly_name
        );
    }
}
