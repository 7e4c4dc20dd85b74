//! The fix-once rule; the snapshots here are shared with the lifecycle's fix-once tests.

use serde_json::Map;
use time::OffsetDateTime;
use uuid::Uuid;

use super::*;
use crate::domain::ids::RenewalId;
use crate::domain::requirements::{
    AcceptedDocument, DocumentRequirement, EndUserRequirement, Requirements,
};
use crate::domain::sid::{BundleSid, EvaluationSid, ItemAssignmentSid, RegulationSid};
use crate::domain::snapshot::{
    DocumentStatus, EvaluationResult, EvaluationStatus, FieldResult, SnapshotEvaluation,
    SnapshotRegulation,
};

pub(crate) fn item(sid: &str, item_type: &str, status: Option<DocumentStatus>) -> SnapshotItem {
    SnapshotItem {
        sid: sid.into(),
        assignment_sid: ItemAssignmentSid::from_trusted("BV1"),
        item_type: item_type.into(),
        friendly_name: item_type.into(),
        attributes: Map::new(),
        status,
        failure_reason: None,
        errors: None,
        mime_type: None,
    }
}

pub(crate) fn failing(requirement: &str, object_type: &str, fields: &[&str]) -> EvaluationResult {
    EvaluationResult {
        friendly_name: object_type.into(),
        object_type: object_type.into(),
        passed: false,
        failure_reason: Some("missing".into()),
        error_code: None,
        valid: vec![],
        invalid: fields
            .iter()
            .map(|f| FieldResult {
                friendly_name: (*f).into(),
                object_field: (*f).into(),
                failure_reason: None,
                error_code: None,
            })
            .collect(),
        requirement_friendly_name: requirement.into(),
        requirement_name: requirement.into(),
    }
}

/// A UK business copy with an End-User; `results` are the evaluation's failing results.
pub(crate) fn snapshot(
    results: Vec<EvaluationResult>,
    documents: Vec<SnapshotItem>,
) -> RenewalSnapshot {
    RenewalSnapshot {
        copy_sid: BundleSid::from_trusted("BU1"),
        regulation: SnapshotRegulation {
            sid: RegulationSid::from_trusted("RN1"),
            friendly_name: "United Kingdom: Mobile - Business".into(),
            iso_country: "GB".into(),
            number_type: "mobile".into(),
            end_user_type: "business".into(),
            requirements: Requirements {
                end_users: vec![EndUserRequirement {
                    requirement_name: Some("business_info".into()),
                    name: Some("Business".into()),
                    end_user_type: Some("business".into()),
                    fields: vec![],
                }],
                documents: vec![DocumentRequirement {
                    requirement_name: Some("proof_of_premises_info".into()),
                    name: Some("Proof of Premises".into()),
                    description: String::new(),
                    accepted: vec![AcceptedDocument {
                        document_type: "utility_bill".into(),
                        name: Some("Utility bill".into()),
                        fields: vec![],
                    }],
                }],
            },
        },
        evaluation: Some(SnapshotEvaluation {
            sid: EvaluationSid::from_trusted("EL1"),
            status: if results.is_empty() {
                EvaluationStatus::Compliant
            } else {
                EvaluationStatus::Noncompliant
            },
            results,
        }),
        end_users: vec![item("IT1", "business", None)],
        documents,
        taken_at: OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
    }
}

pub(crate) fn vat() -> Need {
    Need::EndUserField {
        end_user_type: "business".into(),
        field: "vat_number".into(),
    }
}

pub(crate) fn missing_vat() -> RenewalSnapshot {
    snapshot(
        vec![failing("business_info", "business", &["vat_number"])],
        vec![],
    )
}

fn candidate<'a>(id: u128, name: &'a str, snapshot: &'a RenewalSnapshot) -> Candidate<'a> {
    Candidate {
        renewal_id: RenewalId::from_uuid(Uuid::from_u128(id)),
        bundle_name: name,
        snapshot,
    }
}

#[test]
fn a_failing_end_user_field_and_a_missing_document_are_needs() {
    let both = snapshot(
        vec![
            failing("business_info", "business", &["vat_number"]),
            failing("proof_of_premises_info", "utility_bill", &[]),
        ],
        vec![],
    );
    let needs = needs(&both);
    assert!(needs.contains(&vat()));
    assert!(needs.contains(&Need::Document("utility_bill".into())));
    assert_eq!(needs.len(), 2);
}

#[test]
fn a_rejected_document_is_a_need_of_its_type() {
    let rejected = snapshot(
        vec![],
        vec![item(
            "RD1",
            "business_address",
            Some(DocumentStatus::Rejected),
        )],
    );
    assert_eq!(
        needs(&rejected),
        BTreeSet::from([Need::Document("business_address".into())])
    );
    assert_eq!(
        rejected_document_of_type(&rejected, "business_address").map(|d| d.sid.as_str()),
        Some("RD1")
    );
}

#[test]
fn a_field_of_an_end_user_not_on_the_copy_is_no_need() {
    let mut without = missing_vat();
    without.end_users.clear();
    assert!(needs(&without).is_empty());
}

#[test]
fn the_offer_names_only_the_other_renewals_that_still_need_the_field() {
    let current = missing_vat();
    let (also_missing, fixed) = (missing_vat(), snapshot(vec![], vec![]));
    let others = [
        candidate(1, "Current", &current),
        candidate(2, "Bundle A", &also_missing),
        candidate(3, "Bundle B", &fixed),
    ];
    let offers = offers(RenewalId::from_uuid(Uuid::from_u128(1)), &current, &others);
    let targets = &offers[&vat()];
    assert_eq!(
        targets
            .iter()
            .map(|t| t.bundle_name.as_str())
            .collect::<Vec<_>>(),
        ["Bundle A"]
    );
    assert_eq!(offers.len(), 1);
}

#[test]
fn a_different_field_or_end_user_type_is_not_the_same_need() {
    let current = missing_vat();
    let other_field = snapshot(
        vec![failing("business_info", "business", &["business_website"])],
        vec![],
    );
    let others = [candidate(2, "Bundle A", &other_field)];
    assert!(offers(RenewalId::from_uuid(Uuid::from_u128(1)), &current, &others).is_empty());
}

#[test]
fn nothing_is_offered_when_no_other_renewal_needs_it() {
    let current = missing_vat();
    assert!(
        offers(
            RenewalId::from_uuid(Uuid::from_u128(1)),
            &current,
            &[candidate(1, "Me", &current)]
        )
        .is_empty()
    );
}

#[test]
fn checkbox_names_say_what_is_shared() {
    assert_eq!(vat().checkbox_name(), "also.eu.business.vat_number");
    assert_eq!(
        Need::Document("utility_bill".into()).checkbox_name(),
        "also.doc.utility_bill"
    );
}
