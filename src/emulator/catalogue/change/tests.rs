//! Regulation change tests: each change makes a new version that existing data fails.

use serde_json::{Value, json};

use super::*;
use crate::emulator::catalogue::Catalogue;
use crate::emulator::evaluation::{EvalDocument, EvalEndUser, EvaluationOutcome, evaluate};

fn french_mobile_business(c: &Catalogue) -> String {
    c.find_regulation("FR", "mobile", "business")
        .unwrap()
        .sid
        .clone()
}

fn business() -> Value {
    json!({"business_name": "Boulangerie Dupont SAS", "business_registration_number": "552 100 554",
           "first_name": "Marie", "last_name": "Dupont"})
}

fn documents() -> Vec<(&'static str, Value)> {
    vec![
        (
            "commercial_registrar_excerpt",
            json!({"business_name": "Boulangerie Dupont SAS",
            "address_sids": ["AD1"], "document_number": "552"}),
        ),
        (
            "government_issued_document",
            json!({"first_name": "Marie", "last_name": "Dupont"}),
        ),
        ("power_of_attorney", json!({})),
    ]
}

fn run(c: &Catalogue, sid: &str, end_user: &Value, docs: &[(&str, Value)]) -> EvaluationOutcome {
    let end_users = [EvalEndUser {
        end_user_type: "business",
        attributes: end_user,
    }];
    let docs: Vec<_> = docs
        .iter()
        .map(|(t, a)| EvalDocument {
            document_type: t,
            attributes: a,
        })
        .collect();
    evaluate(c.regulation(sid).unwrap(), &end_users, &docs)
}

fn result<'o>(outcome: &'o EvaluationOutcome, name: &str) -> &'o Value {
    outcome
        .results
        .iter()
        .find(|r| r["requirement_name"] == name)
        .unwrap()
}

fn change(value: Value) -> RegulationChange {
    serde_json::from_value(value).expect("change deserialises")
}

#[test]
fn changes_deserialise_from_tagged_json() {
    let c = change(
        json!({"kind": "add_end_user_field", "machine_name": "vat_number", "friendly_name": "VAT Number"}),
    );
    assert!(matches!(
        c,
        RegulationChange::AddEndUserField {
            constraint: None,
            ..
        }
    ));
    let c = change(
        json!({"kind": "add_document_requirement", "requirement_name": "x_info", "name": "X",
        "accepted_documents": [{"name": "Utility bill", "type": "utility_bill"}]}),
    );
    let RegulationChange::AddDocumentRequirement {
        accepted_documents,
        description,
        ..
    } = c
    else {
        panic!("wrong variant");
    };
    assert!(accepted_documents[0].fields.is_empty() && description.is_empty());
}

#[test]
fn add_end_user_field_bumps_the_version_and_fails_until_provided() {
    let mut c = Catalogue::seeded();
    let sid = french_mobile_business(&c);
    assert!(run(&c, &sid, &business(), &documents()).compliant);

    let version = c
        .apply_change(
            &sid,
            &change(
                json!({"kind": "add_end_user_field", "machine_name": "vat_number",
            "friendly_name": "VAT Number", "description": "Intra-community VAT number"}),
            ),
        )
        .unwrap();

    assert_eq!(version, 2);
    assert_eq!(c.regulation(&sid).unwrap().version, 2);
    let json = c.regulation(&sid).unwrap().to_json("http://e", true);
    let eu = &json["requirements"]["end_user"][0];
    assert_eq!(eu["fields"][4], "vat_number");
    assert_eq!(
        eu["detailed_fields"][4],
        json!({"machine_name": "vat_number", "friendly_name": "VAT Number",
               "description": "Intra-community VAT number", "constraint": "business['vat_number'] != null"})
    );
    assert!(c.end_user_type("business").unwrap().has_field("vat_number"));

    let outcome = run(&c, &sid, &business(), &documents());
    assert!(!outcome.compliant);
    let r = result(&outcome, "business_info");
    assert_eq!(r["error_code"], 22215);
    assert_eq!(r["invalid"][0]["object_field"], "vat_number");

    let mut updated = business();
    updated["vat_number"] = json!("FR12552100554");
    assert!(run(&c, &sid, &updated, &documents()).compliant);
    // The seed is untouched by changes to a copy.
    assert_eq!(Catalogue::seeded().regulation(&sid).unwrap().version, 1);
}

#[test]
fn add_end_user_field_with_a_custom_constraint_enforces_it() {
    let mut c = Catalogue::seeded();
    let sid = french_mobile_business(&c);
    c.apply_change(
        &sid,
        &change(
            json!({"kind": "add_end_user_field", "machine_name": "vat_number",
        "friendly_name": "VAT Number", "constraint": "business['vat_number'] =~ '^FR[0-9]{11}$'"}),
        ),
    )
    .unwrap();
    let mut eu = business();
    eu["vat_number"] = json!("DE123");
    assert!(!run(&c, &sid, &eu, &documents()).compliant);
    eu["vat_number"] = json!("FR12552100554");
    assert!(run(&c, &sid, &eu, &documents()).compliant);
}

#[test]
fn add_document_field_with_match_requires_the_end_user_value() {
    let mut c = Catalogue::seeded();
    let sid = french_mobile_business(&c);
    let version = c
        .apply_change(&sid, &change(json!({"kind": "add_document_field", "requirement_name": "business_reg_no_info",
            "machine_name": "business_registration_number", "friendly_name": "Business Registration Number",
            "must_match_end_user": true})))
        .unwrap();
    assert_eq!(version, 2);
    let reg = c.regulation(&sid).unwrap();
    let doc = &reg.requirements().supporting_document[0][2].accepted_documents[0];
    assert_eq!(
        doc.fields,
        ["document_number", "business_registration_number"]
    );
    assert_eq!(
        doc.detailed_fields[1].constraint.as_deref(),
        Some(
            "commercial_registrar_excerpt['business_registration_number'] != null && \
              commercial_registrar_excerpt['business_registration_number'] == business['business_registration_number']"
        )
    );
    assert_eq!(
        doc.constraint.as_deref(),
        Some("business != null && commercial_registrar_excerpt != null")
    );

    let outcome = run(&c, &sid, &business(), &documents());
    let r = result(&outcome, "business_reg_no_info");
    assert_eq!(r["error_code"], 22217);
    assert_eq!(
        r["invalid"][0]["object_field"],
        "business_registration_number"
    );
    assert!(
        r["failure_reason"]
            .as_str()
            .unwrap()
            .contains("does not match")
    );

    let mut docs = documents();
    docs[0].1["business_registration_number"] = json!("552 100 999");
    assert!(!run(&c, &sid, &business(), &docs).compliant);
    docs[0].1["business_registration_number"] = json!("552 100 554");
    assert!(run(&c, &sid, &business(), &docs).compliant);
}

#[test]
fn add_document_field_without_match_requires_presence_and_extends_the_type() {
    let mut c = Catalogue::seeded();
    let sid = french_mobile_business(&c);
    assert!(
        !c.supporting_document_type("power_of_attorney")
            .unwrap()
            .has_field("issue_date")
    );
    c.apply_change(
        &sid,
        &change(
            json!({"kind": "add_document_field", "requirement_name": "power_of_attorney_info",
        "machine_name": "issue_date", "friendly_name": "Issue Date"}),
        ),
    )
    .unwrap();
    assert!(
        c.supporting_document_type("power_of_attorney")
            .unwrap()
            .has_field("issue_date")
    );
    let outcome = run(&c, &sid, &business(), &documents());
    let r = result(&outcome, "power_of_attorney_info");
    assert_eq!(r["error_code"], 22217);
    assert_eq!(
        r["failure_reason"],
        "The Issue Date is missing. Please enter in the Issue Date shown on the Executed Copy of Power of Attorney."
    );
    let mut docs = documents();
    docs[2].1 = json!({"issue_date": "2026-01-15"});
    assert!(run(&c, &sid, &business(), &docs).compliant);
}

#[test]
fn add_document_requirement_appends_to_every_set_and_fails_until_a_document_is_assigned() {
    let mut c = Catalogue::seeded();
    let jp = c
        .find_regulation("JP", "local", "business")
        .unwrap()
        .sid
        .clone();
    c.apply_change(&jp, &change(json!({"kind": "add_document_requirement", "requirement_name": "application_form_info",
        "name": "Completed Japan Regulatory Bundle Application", "description": "Signed application form",
        "accepted_documents": [{"name": "Signed application", "type": "letter_of_authorization",
                                "fields": ["first_name", "last_name"]}]})))
        .unwrap();
    let reg = c.regulation(&jp).unwrap();
    for set in &reg.requirements().supporting_document {
        let last = set.last().unwrap();
        assert_eq!(last.requirement_name, "application_form_info");
        assert_eq!(
            last.accepted_documents[0].detailed_fields[0].friendly_name,
            "First Name"
        );
        assert_eq!(
            last.accepted_documents[0].url,
            "{base}/v2/RegulatoryCompliance/SupportingDocumentTypes/letter_of_authorization"
        );
    }

    let sid = french_mobile_business(&c);
    c.apply_change(&sid, &change(json!({"kind": "add_document_requirement", "requirement_name": "proof_of_activity_info",
        "name": "Proof of Activity", "accepted_documents": [{"name": "Utility bill", "type": "utility_bill",
        "fields": ["address_sids"]}, {"name": "Tax notice", "type": "tax_document", "fields": ["address_sids"]}]})))
        .unwrap();
    let outcome = run(&c, &sid, &business(), &documents());
    assert_eq!(outcome.results.len(), 8);
    let r = result(&outcome, "proof_of_activity_info");
    assert_eq!(r["error_code"], 22216);
    assert_eq!(
        r["failure_reason"],
        "A Utility bill is missing. Please add one to the regulatory bundle."
    );
    let mut docs = documents();
    docs.push(("tax_document", json!({"address_sids": ["AD9"]})));
    assert!(run(&c, &sid, &business(), &docs).compliant);
}

#[test]
fn invalid_changes_are_refused_and_change_nothing() {
    let mut c = Catalogue::seeded();
    let sid = french_mobile_business(&c);
    let before = c.regulation(&sid).unwrap().requirements().clone();
    let refused = [
        json!({"kind": "add_end_user_field", "machine_name": "business_name", "friendly_name": "Business Name"}),
        json!({"kind": "add_end_user_field", "machine_name": "vat number", "friendly_name": "VAT"}),
        json!({"kind": "add_end_user_field", "machine_name": "vat", "friendly_name": "VAT", "constraint": "business['vat' != null"}),
        json!({"kind": "add_document_field", "requirement_name": "nope_info", "machine_name": "x", "friendly_name": "X"}),
        json!({"kind": "add_document_field", "requirement_name": "business_name_info", "machine_name": "business_name", "friendly_name": "Business Name"}),
        json!({"kind": "add_document_field", "requirement_name": "business_name_info", "machine_name": "vat_number",
               "friendly_name": "VAT", "must_match_end_user": true}),
        json!({"kind": "add_document_requirement", "requirement_name": "business_name_info", "name": "Dup",
               "accepted_documents": [{"name": "Passport", "type": "passport"}]}),
        json!({"kind": "add_document_requirement", "requirement_name": "new_info", "name": "New", "accepted_documents": []}),
        json!({"kind": "add_document_requirement", "requirement_name": "new_info", "name": "New",
               "accepted_documents": [{"name": "Passport", "type": "passport", "fields": ["first_name"]},
                                      {"name": "Moon rock", "type": "moon_rock"}]}),
    ];
    for value in refused {
        let err = c.apply_change(&sid, &change(value.clone()));
        assert!(err.is_err(), "{value}");
    }
    assert_eq!(c.regulation(&sid).unwrap().version, 1);
    assert_eq!(c.regulation(&sid).unwrap().requirements(), &before);
    assert!(!c.end_user_type("business").unwrap().has_field("vat"));
    assert!(
        c.apply_change(
            "RN00000000000000000000000000000000",
            &change(json!({"kind": "add_end_user_field",
            "machine_name": "x", "friendly_name": "X"}))
        )
        .unwrap_err()
        .contains("unknown regulation")
    );
}

#[test]
fn successive_changes_keep_counting_versions() {
    let mut c = Catalogue::seeded();
    let sid = french_mobile_business(&c);
    for (i, name) in ["a_field", "b_field", "c_field"].iter().enumerate() {
        let v = c
            .apply_change(&sid, &change(json!({"kind": "add_end_user_field", "machine_name": name, "friendly_name": name})))
            .unwrap();
        assert_eq!(v as usize, i + 2);
    }
}
