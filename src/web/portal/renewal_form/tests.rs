//! Building the form from a snapshot and reading posts back.

use serde_json::json;

use super::*;
use crate::domain::requirements::Constraint;
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::twilio_codes;
use crate::lifecycle::{Change, Upload};

const END_USER: &str = "IT0123456789abcdef0123456789abcdef";
pub(super) const EXCERPT: &str = "RD0123456789abcdef0123456789abc001";
pub(super) const ADDRESS: &str = "AD0123456789abcdef0123456789abcdef";

fn field(name: &str, label: &str, constraint: &str) -> serde_json::Value {
    json!({"machine_name": name, "friendly_name": label, "description": "", "constraint": constraint})
}

fn failed(name: &str, object_type: &str, code: u32, fields: &[&str]) -> serde_json::Value {
    let invalid: Vec<_> = fields
        .iter()
        .map(|f| json!({"friendly_name": f, "object_field": f, "failure_reason": "missing", "error_code": 22215}))
        .collect();
    json!({"friendly_name": name, "object_type": object_type, "passed": false,
           "failure_reason": "Not met.", "error_code": code, "valid": [], "invalid": invalid,
           "requirement_friendly_name": name, "requirement_name": name})
}

/// A business End-User missing its registration number, an excerpt missing its address and
/// a power of attorney (or a mandate) not provided; the phone number requirement passes.
pub(super) fn snapshot() -> RenewalSnapshot {
    let requirements = json!({
        "end_user": [{"type": "business", "requirement_name": "business_info",
            "detailed_fields": [
                field("business_name", "Business Name", "business['business_name'] != null"),
                field("business_registration_number", "Registration Number",
                      "business['business_registration_number'] =~ '^[0-9]{9}$'"),
                field("website", "Website", "")]}],
        "supporting_document": [[
            {"requirement_name": "address_proof", "description": "A French address.",
             "accepted_documents": [{"type": "commercial_registrar_excerpt", "name": "K-bis excerpt",
                "detailed_fields": [field("address_sids", "Address", "x['address_sids'] != null")]}]},
            {"requirement_name": "authority",
             "accepted_documents": [
                {"type": "power_of_attorney", "name": "Power of attorney",
                 "detailed_fields": [field("business_name", "Business Name",
                    "p['business_name'] != null")]},
                {"type": "mandate", "name": "Mandate", "fields": ["signatory"]}]}]]
    });
    let item = |sid: &str, item_type: &str, attributes: serde_json::Value| {
        json!({"sid": sid, "assignment_sid": format!("BV{}", &sid[2..]), "item_type": item_type,
               "friendly_name": item_type, "attributes": attributes, "status": null,
               "failure_reason": null, "errors": null, "mime_type": null})
    };
    serde_json::from_value(json!({
        "copy_sid": "BU0123456789abcdef0123456789abcdef",
        "regulation": {"sid": "RN1", "friendly_name": "France: Mobile - Business", "iso_country": "FR",
                       "number_type": "mobile", "end_user_type": "business", "requirements": requirements},
        "evaluation": {"sid": "EL1", "status": "noncompliant", "results": [
            failed("business_info", "business", twilio_codes::END_USER_FIELD_MISSING, &["business_registration_number"]),
            failed("address_proof", "commercial_registrar_excerpt", twilio_codes::DOCUMENT_FIELD_MISSING, &["address_sids"]),
            failed("authority", "power_of_attorney", twilio_codes::DOCUMENT_MISSING, &[]),
            {"friendly_name": "Phone", "object_type": "phone", "passed": true, "failure_reason": null,
             "error_code": null, "valid": [], "invalid": [],
             "requirement_friendly_name": "Phone number", "requirement_name": "phone"}]},
        "end_users": [item(END_USER, "business", json!({"business_name": "Acme SAS"}))],
        "documents": [item(EXCERPT, "commercial_registrar_excerpt", json!({"address_sids": [ADDRESS]}))],
        "taken_at": "2026-11-28T10:00:00Z"
    }))
    .unwrap()
}

pub(super) fn post(values: &[(&str, &str)], files: &[(&str, &[u8])]) -> Submission {
    Submission {
        values: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        files: files
            .iter()
            .map(|(k, bytes)| {
                let upload = Upload {
                    filename: "scan.pdf".into(),
                    content_type: "application/octet-stream".into(),
                    bytes: bytes.to_vec(),
                };
                ((*k).to_owned(), upload)
            })
            .collect(),
    }
}

/// The form with `submission` filled in, and what reading it back gives.
fn read(submission: &Submission) -> (RenewalForm, Option<Vec<Change>>) {
    let mut form = RenewalForm::build(&snapshot(), &Tr::english());
    form.fill(submission);
    let changes = form.changes(submission);
    (form, changes)
}

const NUMBER: &str = "eu.IT0123456789abcdef0123456789abcdef.business_registration_number";
const POA_NAME: &str = "add.authority.power_of_attorney.business_name";
const PDF: &[u8] = b"%PDF-1.4 scan";

#[test]
fn the_form_asks_only_for_what_fails_and_folds_away_what_passes() {
    let form = RenewalForm::build(&snapshot(), &Tr::english());
    assert_eq!(form.done.len(), 1);
    assert_eq!(form.done[0].title, "Phone number");
    let keys: Vec<&str> = form.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["business_info", "address_proof", "authority"]);
    let business = &form.sections[0];
    assert_eq!(business.kind, SectionKind::EditEndUser(END_USER.into()));
    assert_eq!(business.fields.len(), 1, "only the failing field");
    assert_eq!(business.fields[0].name, NUMBER);
    let address = &form.sections[1].fields[0];
    assert_eq!(address.value, ADDRESS, "the copy's value is shown");
    let authority = &form.sections[2];
    assert_eq!(authority.kind, SectionKind::AddDocument);
    assert!(authority.has_choice() && authority.file.is_some());
    assert_eq!(authority.options[0].fields[0].value, "");
    assert_eq!(authority.options[1].fields[0].label, "Signatory");
}

#[test]
fn a_document_field_that_must_match_the_end_user_starts_with_its_value() {
    let mut snapshot = snapshot();
    let poa = &mut snapshot.regulation.requirements.documents[1].accepted[0].fields[0];
    poa.constraint = Constraint::new(Some(
        "p['business_name'] == business['business_name']".into(),
    ));
    let form = RenewalForm::build(&snapshot, &Tr::english());
    assert_eq!(form.sections[2].options[0].fields[0].value, "Acme SAS");

    // The browser posts the pre-filled value back: left as it is, it starts nothing.
    let submission = post(&[(NUMBER, "123456789"), (POA_NAME, "Acme SAS")], &[]);
    let mut form = RenewalForm::build(&snapshot, &Tr::english());
    form.fill(&submission);
    let changes = form.changes(&submission);
    assert!(form.summary().is_empty(), "{:?}", form.summary());
    assert!(matches!(
        changes.as_deref(),
        Some([Change::SetEndUserFields { .. }])
    ));
}

#[test]
fn an_edited_field_becomes_one_change_with_the_trimmed_value() {
    let (form, changes) = read(&post(&[(NUMBER, " 123456789 ")], &[]));
    assert!(form.summary().is_empty());
    let [
        Change::SetEndUserFields {
            end_user_sid,
            fields,
        },
    ] = changes.as_deref().unwrap()
    else {
        panic!("one End-User edit")
    };
    assert_eq!(end_user_sid, END_USER);
    assert_eq!(fields["business_registration_number"], "123456789");
}

#[test]
fn a_post_that_changes_nothing_says_so() {
    let (form, changes) = read(&post(&[], &[]));
    assert!(changes.is_none());
    assert_eq!(form.summary()[0].anchor, "sections");
    assert!(form.form_error.unwrap().starts_with("Nothing was changed"));
}

#[test]
fn a_refused_value_keeps_what_was_typed_and_asks_for_files_again() {
    let submission = post(
        &[
            (NUMBER, "12-34"),
            ("add.authority.type", "power_of_attorney"),
        ],
        &[("add.authority.file", PDF)],
    );
    let (form, changes) = read(&submission);
    assert!(changes.is_none());
    let number = &form.sections[0].fields[0];
    assert_eq!(number.value, "12-34");
    let summary = form.summary();
    assert_eq!(summary[0].anchor, number.id);
    // The summary says what the field says, without the label twice.
    assert_eq!(
        summary[0].message,
        "Registration Number is not in the expected format"
    );
    let file = form.sections[2].file.as_ref().unwrap();
    assert!(
        file.error
            .as_deref()
            .unwrap()
            .starts_with("Please choose the file again")
    );
}

#[test]
fn an_added_document_carries_the_sniffed_type_and_its_details() {
    let submission = post(
        &[
            ("add.authority.type", "power_of_attorney"),
            (POA_NAME, "Acme SAS"),
        ],
        &[("add.authority.file", PDF)],
    );
    let (_, changes) = read(&submission);
    let [
        Change::AddDocument {
            document_type,
            friendly_name,
            fields,
            file,
            replaces,
        },
    ] = changes.as_deref().unwrap()
    else {
        panic!("one new document")
    };
    assert_eq!(document_type, "power_of_attorney");
    assert_eq!(friendly_name, "authority (Power of attorney)");
    assert_eq!(fields["business_name"], "Acme SAS");
    assert_eq!(file.as_ref().unwrap().content_type, "application/pdf");
    assert!(replaces.is_none());
}

#[test]
fn an_added_document_needs_a_type_and_a_readable_file() {
    let (form, changes) = read(&post(&[], &[("add.authority.file", PDF)]));
    assert!(changes.is_none());
    let authority = &form.sections[2];
    assert_eq!(
        authority.choice_error.as_deref(),
        Some("Choose which document you are adding")
    );
    let submission = post(
        &[("add.authority.type", "power_of_attorney")],
        &[("add.authority.file", b"GIF89a")],
    );
    let (form, changes) = read(&submission);
    assert!(changes.is_none());
    let file = form.sections[2].file.as_ref().unwrap();
    assert_eq!(
        file.error.as_deref(),
        Some("The file must be a PDF, JPEG or PNG")
    );
}

#[test]
fn an_accepted_value_can_be_corrected_and_travels_with_the_failing_edit_of_its_item() {
    const NAME: &str = "eu.IT0123456789abcdef0123456789abcdef.business_name";
    let form = RenewalForm::build(&snapshot(), &Tr::english());
    let end_user = &form.corrections[0];
    assert_eq!(end_user.kind, SectionKind::EditEndUser(END_USER.into()));
    let names: Vec<&str> = end_user.fields.iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&NAME), "{names:?}");
    assert!(
        !names.contains(&NUMBER),
        "a failing field is asked once, above"
    );
    assert!(!form.correcting());

    let (form, changes) = read(&post(&[(NAME, "Acme SA"), (NUMBER, "123456789")], &[]));

    assert!(form.correcting());
    let [Change::SetEndUserFields { fields, .. }] = changes.as_deref().unwrap() else {
        panic!("one End-User edit")
    };
    assert_eq!(fields["business_name"], "Acme SA");
    assert_eq!(fields["business_registration_number"], "123456789");
}
