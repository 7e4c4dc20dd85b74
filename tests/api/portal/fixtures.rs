//! Snapshots of the France: Mobile - Business regulation (requirements as the emulator
//! serves them) in the states the page tests need.

use serde_json::{Value, json};

pub const END_USER: &str = "IT0123456789abcdef0123456789abcdef";
pub const EXCERPT: &str = "RD0123456789abcdef0123456789abc001";
pub const ID_CARD: &str = "RD0123456789abcdef0123456789abc002";
pub const COPY: &str = "BU0123456789abcdef0123456789abcdef";

fn requirements() -> Value {
    serde_json::from_str(include_str!(
        "fixtures/fr_mobile_business_requirements.json"
    ))
    .unwrap()
}

fn passed(name: &str, friendly: &str, object_type: &str) -> Value {
    json!({"friendly_name": friendly, "object_type": object_type, "passed": true,
           "failure_reason": null, "error_code": null, "valid": [], "invalid": [],
           "requirement_friendly_name": friendly, "requirement_name": name})
}

fn failed(
    name: &str,
    friendly: &str,
    object_type: &str,
    code: i64,
    reason: &str,
    fields: &[(&str, &str)],
) -> Value {
    let invalid: Vec<Value> = fields
        .iter()
        .map(|(field, label)| {
            json!({"friendly_name": label, "object_field": field,
            "failure_reason": format!("The {label} is missing."), "error_code": 22215})
        })
        .collect();
    json!({"friendly_name": friendly, "object_type": object_type, "passed": false,
           "failure_reason": reason, "error_code": code, "valid": [], "invalid": invalid,
           "requirement_friendly_name": friendly, "requirement_name": name})
}

fn item(sid: &str, item_type: &str, name: &str, attributes: Value) -> Value {
    json!({"sid": sid, "assignment_sid": format!("BV{}", &sid[2..]), "item_type": item_type,
           "friendly_name": name, "attributes": attributes, "status": null,
           "failure_reason": null, "errors": null, "mime_type": null})
}

fn snapshot(
    status: &str,
    results: Vec<Value>,
    end_users: Vec<Value>,
    documents: Vec<Value>,
) -> Value {
    json!({
        "copy_sid": COPY,
        "regulation": {"sid": "RN0123456789abcdef0123456789abcdef", "friendly_name": "France: Mobile - Business",
                       "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
                       "requirements": requirements()},
        "evaluation": {"sid": "EL0123456789abcdef0123456789abcdef", "status": status, "results": results},
        "end_users": end_users,
        "documents": documents,
        "taken_at": "2026-11-28T10:00:00Z"
    })
}

/// The End-User lacks its registration number; the K-bis excerpt lacks the address and the
/// document number; the power of attorney is missing; the rest passes.
pub fn partly_done() -> Value {
    snapshot(
        "noncompliant",
        vec![
            failed(
                "business_info",
                "Business",
                "business",
                22215,
                "The Business Registration Number is missing. Please enter in a Business Registration Number on the Business information.",
                &[(
                    "business_registration_number",
                    "Business Registration Number",
                )],
            ),
            passed(
                "business_name_info",
                "Business Name",
                "commercial_registrar_excerpt",
            ),
            failed(
                "business_address_proof_info",
                "Business Address (Proof of Address)",
                "commercial_registrar_excerpt",
                22219,
                "The Address is missing. Please enter in the address shown on the Excerpt from the commercial register showing French address.",
                &[("address_sids", "Address sid(s)")],
            ),
            failed(
                "business_reg_no_info",
                "Business Registration Number",
                "commercial_registrar_excerpt",
                22217,
                "The Document Number is missing. Please enter in the Document Number shown on the Excerpt from the commercial register (Extrait K-bis).",
                &[("document_number", "Document Number")],
            ),
            passed(
                "name_of_auth_rep_info",
                "Name of Authorized Representative",
                "government_issued_document",
            ),
            failed(
                "power_of_attorney_info",
                "Power of Attorney",
                "power_of_attorney",
                22216,
                "A(n) Executed Copy of Power of Attorney is missing. Please add one to the regulatory bundle.",
                &[],
            ),
            passed(
                "name_in_power_of_attorney_info",
                "Name of Person granted the Power of Attorney",
                "government_issued_document",
            ),
        ],
        vec![item(
            END_USER,
            "business",
            "Acme SAS",
            json!({"business_name": "Acme SAS", "first_name": "Camille", "last_name": "Martin"}),
        )],
        vec![
            item(
                EXCERPT,
                "commercial_registrar_excerpt",
                "Extrait K-bis",
                json!({"business_name": "Acme SAS"}),
            ),
            item(
                ID_CARD,
                "government_issued_document",
                "Carte d'identité",
                json!({"first_name": "Camille", "last_name": "Martin"}),
            ),
        ],
    )
}

/// No End-User at all (only the business requirement fails).
pub fn without_end_user() -> Value {
    let mut value = partly_done();
    value["end_users"] = json!([]);
    value["evaluation"]["results"] = json!([failed(
        "business_info",
        "Business",
        "business",
        22214,
        "A Business End-User is missing. Please add one to the regulatory bundle.",
        &[
            ("business_name", "Business Name"),
            (
                "business_registration_number",
                "Business Registration Number"
            ),
            ("first_name", "First Name"),
            ("last_name", "Last Name")
        ]
    ),]);
    value
}

/// Everything passes.
pub fn compliant() -> Value {
    let mut value = partly_done();
    let results: Vec<Value> = value["evaluation"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            passed(
                r["requirement_name"].as_str().unwrap(),
                r["requirement_friendly_name"].as_str().unwrap(),
                r["object_type"].as_str().unwrap(),
            )
        })
        .collect();
    value["evaluation"] = json!({"sid": "EL0123456789abcdef0123456789abcde2", "status": "compliant", "results": results});
    value
}

/// The End-User's website, work email, phone number and birth date are asked for (Twilio
/// found them missing), with the constraints real regulations give them: presence only for
/// the website and the date, a pattern for the email and the phone.
pub fn with_contact_fields() -> Value {
    let mut value = partly_done();
    let fields = value["regulation"]["requirements"]["end_user"][0]["detailed_fields"]
        .as_array_mut()
        .unwrap();
    for (name, label, constraint) in [
        (
            "business_website",
            "Business Website",
            "business['business_website'] != null",
        ),
        (
            "email",
            "Work Email",
            r"business['email'] =~ '^\S+@\S+\.\S+$'",
        ),
        (
            "phone_number",
            "Phone Number",
            r"business['phone_number'] =~ '^\+[1-9]\d{1,14}$'",
        ),
        ("birth_date", "Birth Date", "business['birth_date'] != null"),
    ] {
        fields.push(
            json!({"machine_name": name, "friendly_name": label, "description": "",
                           "constraint": constraint}),
        );
    }
    value["evaluation"]["results"][0] = failed(
        "business_info",
        "Business",
        "business",
        22215,
        "Some business details are missing.",
        &[
            ("business_website", "Business Website"),
            ("email", "Work Email"),
            ("phone_number", "Phone Number"),
            ("birth_date", "Birth Date"),
        ],
    );
    value
}

/// Twilio's review rejected the copy: its automatic check still passes, but the K-bis
/// excerpt was not accepted.
pub fn compliant_with_rejected_excerpt() -> Value {
    let mut value = compliant();
    value["documents"][0]["status"] = json!("rejected");
    value["documents"][0]["failure_reason"] = json!("The document is not legible.");
    value
}

/// `renewal.rejection` as the lifecycle stores it: the bundle's reason and, when given, the
/// rejected excerpt's.
pub fn rejection(bundle_reason: &str, with_excerpt: bool) -> Value {
    let documents = if with_excerpt {
        json!([{"sid": EXCERPT, "friendly_name": "Extrait K-bis", "type": "commercial_registrar_excerpt",
                "failure_reason": "The document is not legible.", "errors": null}])
    } else {
        json!([])
    };
    json!({"failure_reason": bundle_reason, "documents": documents,
           "rejected_at": "2026-11-30T10:00:00Z"})
}
