//! United Kingdom mobile business: formats of emails and phone numbers, enumerations, addresses.

use serde_json::{Value, json};

use super::*;

fn uk_business(email: &str, phone: &str) -> Value {
    json!({"business_name": "Acme Ltd", "business_registration_identifier": "UK:CRN",
           "business_registration_number": "01234567", "business_website": "https://acme.example",
           "first_name": "Ada", "last_name": "Lovelace", "phone_number": phone, "email": email,
           "business_identity": "DIRECT_CUSTOMER", "is_subassigned": "NO"})
}

#[test]
fn uk_mobile_business_rejects_malformed_email_and_phone() {
    let gb = regulation("GB", "mobile", "business");
    let outcome = Bundle::default()
        .end_user("business", uk_business("ada-at-acme", "07700900123"))
        .document("business_address", json!({"address_sids": ["AD1"]}))
        .evaluate(&gb);
    assert!(!outcome.compliant);
    let r = result(&outcome, "business_info");
    assert_eq!(r["error_code"], 22215);
    let invalid: Vec<_> = r["invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["object_field"].clone())
        .collect();
    assert_eq!(invalid, [json!("phone_number"), json!("email")]);
    assert_eq!(
        r["invalid"][1]["failure_reason"],
        "The Authorized Representative's Work Email is invalid. Please enter in a valid Authorized Representative's Work Email on the Business information."
    );
    assert_eq!(
        r["valid"].as_array().unwrap().len(),
        8,
        "comments is optional and not reported"
    );
    assert_eq!(result(&outcome, "business_address")["passed"], true);
}

#[test]
fn uk_mobile_business_with_valid_values_is_compliant() {
    let gb = regulation("GB", "mobile", "business");
    let outcome = Bundle::default()
        .end_user("business", uk_business("ada@acme.example", "+447700900123"))
        .document("business_address", json!({"address_sids": ["AD1"]}))
        .evaluate(&gb);
    assert!(outcome.compliant, "{:#?}", outcome.results);
    assert_eq!(codes(&outcome), [Value::Null, Value::Null]);
}

#[test]
fn uk_enumeration_values_outside_the_list_fail() {
    let gb = regulation("GB", "mobile", "business");
    let mut attributes = uk_business("ada@acme.example", "+447700900123");
    attributes["is_subassigned"] = json!("yes");
    let outcome = Bundle::default()
        .end_user("business", attributes)
        .document("business_address", json!({"address_sids": ["AD1"]}))
        .evaluate(&gb);
    let r = result(&outcome, "business_info");
    assert_eq!(r["invalid"][0]["object_field"], "is_subassigned");
}

#[test]
fn empty_address_sids_fail_with_22219() {
    let gb = regulation("GB", "mobile", "individual");
    let outcome = Bundle::default()
        .end_user(
            "individual",
            json!({"first_name": "Ada", "last_name": "Lovelace",
            "email": "ada@example.com", "phone_number": "+447700900123"}),
        )
        .document(
            "passport",
            json!({"first_name": "Ada", "last_name": "Lovelace"}),
        )
        .document("individual_address", json!({"address_sids": []}))
        .evaluate(&gb);
    assert_eq!(result(&outcome, "proof_of_identity")["passed"], true);
    let r = result(&outcome, "individual_address_info");
    assert_eq!(r["error_code"], 22219);
    assert_eq!(
        r["failure_reason"],
        "The Address is missing. Please enter in the address shown on the Individual Address."
    );
    assert_eq!(r["invalid"][0]["friendly_name"], "Individual Address Sid");
}

#[test]
fn any_accepted_document_type_satisfies_a_requirement() {
    let de = regulation("DE", "local", "business");
    let business = json!({"business_name": "Muster GmbH", "business_registration_number": "HRB 12345",
        "business_website": "https://muster.example", "first_name": "Max", "last_name": "Muster",
        "email": "max@muster.example"});
    let outcome = Bundle::default()
        .end_user("business", business)
        .document(
            "tax_document",
            json!({"business_registration_number": "HRB 12345"}),
        )
        .document(
            "trade_license",
            json!({"business_name": "Muster GmbH", "address_sids": ["AD1"]}),
        )
        .evaluate(&de);
    assert!(outcome.compliant, "{:#?}", outcome.results);
    assert_eq!(
        result(&outcome, "business_name_info")["object_type"],
        "trade_license"
    );
    assert_eq!(
        result(&outcome, "business_registration_number_info")["object_type"],
        "tax_document"
    );
}
