//! Recovering from what goes wrong: replacing a rejected document, staff retrying a stuck
//! step, uploading a missing document, and a deadline that passes.

use std::collections::BTreeMap;

use recomply::domain::renewal::RenewalState;
use recomply::lifecycle::{Change, Upload};
use serde_json::json;

use crate::lifecycle::customer;
use crate::lifecycle_support::{Tenant, World};

/// A small but real PDF: what a customer's scanner would produce, minus the pages.
pub fn pdf(title: &str) -> Upload {
    Upload {
        filename: format!("{title}.pdf"),
        content_type: "application/pdf".into(),
        bytes: format!("%PDF-1.4\n% {title}\n%%EOF\n").into_bytes(),
    }
}

/// The VAT number fix every prepared renewal needs.
fn vat_number(end_user_sid: &str) -> Change {
    Change::SetEndUserFields {
        end_user_sid: end_user_sid.to_owned(),
        fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
    }
}

/// Seeds an approved bundle whose address document is named `document_name`, changes the
/// regulation, sweeps and prepares; returns (bundle SID, renewal id).
async fn prepared(world: &World, tenant: &Tenant, document_name: &str) -> (String, uuid::Uuid) {
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle_with_document(tenant, "Acme UK mobile", false, document_name)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let renewal = world.renewal(tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    (bundle_sid, renewal.renewal_id)
}

#[tokio::test]
async fn a_rejected_document_is_replaced_by_an_upload_and_the_resubmitted_copy_completes() {
    // Arrange: the document on file is one Twilio's (automatic) reviewer will reject.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    world.automatic_review(&tenant, 60).await;
    let (bundle_sid, renewal_id) = prepared(&world, &tenant, "Head office (REJECT)").await;
    let snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal_id)
        .await
        .unwrap()
        .unwrap();
    let copy_sid = snapshot.copy_sid.clone();
    let rejected_sid = snapshot.documents[0].sid.clone();
    world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal_id,
            vec![vat_number(&snapshot.end_users[0].sid)],
            &customer(&tenant),
        )
        .await
        .unwrap();
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world.advance_clock(60).await;
    world.wait_for_callback(&copy_sid, "twilio-rejected").await;
    world.settle().await;
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    assert_eq!(
        renewal.rejection.as_ref().unwrap()["documents"][0]["sid"],
        json!(rejected_sid)
    );

    // Act 1: the customer uploads a new proof of address in place of the rejected one.
    let replace = Change::AddDocument {
        document_type: "business_address".into(),
        friendly_name: "Head office lease".into(),
        fields: BTreeMap::from([(
            "address_sids".to_owned(),
            "AD0123456789abcdef0123456789abcdef".to_owned(),
        )]),
        file: Some(pdf("lease")),
        replaces: Some(rejected_sid.clone()),
    };
    let fixed = world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal_id,
            vec![replace],
            &customer(&tenant),
        )
        .await
        .unwrap();

    // Assert 1: only the new document is on the copy, and the copy is compliant again.
    assert!(fixed.is_compliant(), "{:?}", fixed.evaluation);
    assert_eq!(fixed.documents.len(), 1);
    let new_document = &fixed.documents[0];
    assert_ne!(new_document.sid, rejected_sid);
    assert_eq!(new_document.friendly_name, "Head office lease");
    assert_eq!(new_document.mime_type.as_deref(), Some("application/pdf"));
    let copy = world.emulator_bundle(&copy_sid).await.unwrap();
    assert_eq!(copy["status"], "twilio-rejected");
    assert_eq!(copy["documents"][0]["sid"], json!(new_document.sid));

    // Act 2: resubmit; the automatic reviewer approves; recomply finishes.
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world.advance_clock(60).await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;

    // Assert 2: completed, and the original now holds the uploaded document.
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(
        renewal.state,
        RenewalState::Completed,
        "{:?}",
        renewal.attention_reason
    );
    let original = world.emulator_bundle(&bundle_sid).await.unwrap();
    assert_eq!(original["valid_until"], json!(null));
    let names: Vec<_> = original["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["friendly_name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Head office lease"]);
    let timeline = world.timeline(&tenant, renewal_id).await;
    assert!(timeline.contains(&"rejected:submitted->rejected".to_owned()));
    assert_eq!(
        timeline.last().map(String::as_str),
        Some("completed:copy_deleted->completed")
    );
    world.assert_no_failed_jobs().await;
}
