use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::domain::fix_once::tests::{failing, item, missing_vat, snapshot, vat};
use crate::domain::snapshot::DocumentStatus;
use crate::lifecycle::Upload;

fn set_vat(sid: &str) -> Change {
    Change::SetEndUserFields {
        end_user_sid: sid.into(),
        fields: BTreeMap::from([
            ("vat_number".to_owned(), "GB123456789".to_owned()),
            ("business_name".to_owned(), "Acme Ltd".to_owned()),
        ]),
    }
}

fn bill() -> Change {
    Change::AddDocument {
        document_type: "utility_bill".into(),
        friendly_name: "Proof of Premises (Utility bill)".into(),
        fields: BTreeMap::new(),
        file: Some(Upload {
            filename: "bill.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
        }),
        replaces: None,
    }
}

#[test]
fn a_ticked_field_goes_to_the_other_copys_end_user_of_the_same_type_alone() {
    let current = missing_vat();
    let mut target = missing_vat();
    target.end_users[0].sid = "IT2".into();

    let carried = carry(
        &[set_vat("IT1")],
        &current,
        &target,
        &BTreeSet::from([vat()]),
    );

    assert_eq!(
        carried,
        [Change::SetEndUserFields {
            end_user_sid: "IT2".into(),
            fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
        }],
        "only the shared need travels, to the target's own End-User"
    );
}

#[test]
fn nothing_is_carried_unticked_or_to_a_copy_that_no_longer_needs_it() {
    let current = missing_vat();
    let fixed = snapshot(vec![], vec![]);
    assert!(
        carry(
            &[set_vat("IT1")],
            &current,
            &missing_vat(),
            &BTreeSet::new()
        )
        .is_empty()
    );
    assert!(
        carry(
            &[set_vat("IT1")],
            &current,
            &fixed,
            &BTreeSet::from([vat()])
        )
        .is_empty()
    );
}

#[test]
fn an_upload_replaces_the_other_copys_rejected_document_of_the_same_type() {
    let needs_bill = |documents| {
        snapshot(
            vec![failing("proof_of_premises_info", "utility_bill", &[])],
            documents,
        )
    };
    let current = needs_bill(vec![]);
    let target = needs_bill(vec![item(
        "RD9",
        "utility_bill",
        Some(DocumentStatus::Rejected),
    )]);
    let ticked = BTreeSet::from([Need::Document("utility_bill".into())]);

    let carried = carry(&[bill()], &current, &target, &ticked);

    let [Change::AddDocument { replaces, file, .. }] = carried.as_slice() else {
        panic!("one document: {carried:?}")
    };
    assert_eq!(replaces.as_deref(), Some("RD9"));
    assert!(file.is_some());
}
