//! Recovering from what goes wrong: replacing a rejected document, staff retrying a stuck
//! step, uploading a missing document, and a deadline that passes.

use recomply::domain::ids::RenewalId;
use recomply::domain::ids::TenantId;
use std::collections::BTreeMap;

use recomply::domain::renewal::RenewalState;
use recomply::lifecycle::{Actor, Change, Upload};
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
async fn prepared(world: &World, tenant: &Tenant, document_name: &str) -> (String, RenewalId) {
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

#[tokio::test]
async fn staff_retry_reruns_the_stuck_replace_items_and_completes_once_its_cause_is_gone() {
    // Arrange: the regulation changes again after submission, so ReplaceItems fails (22228).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("insert into staff_user (email, name, password_hash, role) values ('sam@isv.example', 'Sam', 'x', 'support')")
        .execute(&world.db)
        .await
        .unwrap();
    let (bundle_sid, renewal_id) = prepared(&world, &tenant, "Head office").await;
    let prepared_snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal_id)
        .await
        .unwrap()
        .unwrap();
    let snapshot = world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal_id,
            vec![vat_number(&prepared_snapshot.end_users[0].sid)],
            &customer(&tenant),
        )
        .await
        .unwrap();
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world
        .control(
            "POST",
            &format!("/regulations/{}/changes", snapshot.regulation.sid),
            json!({"change": {"kind": "add_end_user_field", "machine_name": "tax_office",
                              "friendly_name": "Tax office"}}),
        )
        .await;
    world
        .review(&snapshot.copy_sid, json!({"decision": "approve"}))
        .await;
    world
        .wait_for_callback(&snapshot.copy_sid, "twilio-approved")
        .await;
    world.settle().await;
    let stuck = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(stuck.state, RenewalState::NeedsAttention);
    let staff = Actor::Staff { name: "Sam".into() };
    world.clear_requests().await;

    // Act 1: staff retry while the cause is still there.
    world
        .engine
        .retry(tenant.tenant_id, renewal_id, &staff)
        .await
        .unwrap();
    world.run_jobs().await;

    // Assert 1: ReplaceItems really ran again, and the renewal is back with the same reason.
    assert_eq!(world.calls(), ["POST /Bundles/BU/ReplaceItems"]);
    let again = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(again.state, RenewalState::NeedsAttention);
    assert_eq!(again.attention_reason, stuck.attention_reason);
    let timeline = world.timeline(&tenant, renewal_id).await;
    assert_eq!(
        timeline[timeline.len() - 3..],
        [
            "resumed:needs_attention->approved",
            "retry_requested:approved->approved",
            "attention_needed:approved->needs_attention",
        ]
    );
    let alerts = world
        .emails(renewal_id)
        .await
        .into_iter()
        .filter(|e| e.0 == "staff_alert")
        .count();
    assert_eq!(alerts, 2, "each time it gets stuck, staff hear of it");
    let alert_tenants: Vec<Option<TenantId>> =
        sqlx::query_scalar("select tenant_id from email_outbox where kind = 'staff_alert'")
            .fetch_all(&world.db)
            .await
            .unwrap();
    assert_eq!(
        alert_tenants,
        [Some(tenant.tenant_id), Some(tenant.tenant_id)],
        "staff alerts name the tenant they are about"
    );

    // Act 2: the copy is evaluated against the current regulation version (what the emulator's
    // 22228 checks), then staff retry again.
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    twilio.create_evaluation(&snapshot.copy_sid).await.unwrap();
    world
        .engine
        .retry(tenant.tenant_id, renewal_id, &staff)
        .await
        .unwrap();
    world.run_jobs().await;

    // Assert 2
    let done = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(
        done.state,
        RenewalState::Completed,
        "{:?}",
        done.attention_reason
    );
    assert!(world.emulator_bundle(&snapshot.copy_sid).await.is_none());
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_missing_document_is_uploaded_on_a_collecting_renewal() {
    // Arrange: Twilio now also requires a business registration document.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world
        .control(
            "POST",
            &format!("/regulations/{regulation_sid}/changes"),
            json!({"change": {"kind": "add_document_requirement",
                              "requirement_name": "business_registration_info",
                              "name": "Business registration",
                              "accepted_documents": [{"name": "Certificate of incorporation",
                                  "type": "business_registration", "fields": ["business_name"]}]},
                   "valid_until_days": 30}),
        )
        .await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    let before = renewal.snapshot().unwrap().unwrap();
    let missing = before
        .evaluation
        .as_ref()
        .unwrap()
        .results
        .iter()
        .find(|r| !r.passed)
        .expect("one requirement fails");
    assert_eq!(missing.requirement_name, "business_registration_info");
    assert_eq!(missing.error_code, Some(22216));
    let upload = pdf("certificate");
    let size = upload.bytes.len();

    // Act
    let after = world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal.renewal_id,
            vec![Change::AddDocument {
                document_type: "business_registration".into(),
                friendly_name: "Certificate of incorporation".into(),
                fields: BTreeMap::from([("business_name".to_owned(), "Acme Ltd".to_owned())]),
                file: Some(upload),
                replaces: None,
            }],
            &customer(&tenant),
        )
        .await
        .unwrap();

    // Assert: both documents are on the copy, the new one with its file; nothing is missing.
    assert!(after.is_compliant(), "{:?}", after.evaluation);
    assert_eq!(after.documents.len(), 2);
    let added = after
        .documents
        .iter()
        .find(|d| d.item_type == "business_registration")
        .unwrap();
    assert_eq!(added.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(added.attributes["business_name"], "Acme Ltd");
    let copy = world.emulator_bundle(&after.copy_sid).await.unwrap();
    let stored = copy["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["sid"] == json!(added.sid))
        .unwrap()
        .clone();
    assert_eq!(stored["file_size"], json!(size));
    let events =
        recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal.renewal_id)
            .await
            .unwrap();
    let saved = events
        .iter()
        .rfind(|e| e.event() == "changes_saved")
        .unwrap();
    assert_eq!(saved.details["changes"][0]["change"], "add_document");
    assert_eq!(saved.details["changes"][0]["file"], true);
}

#[tokio::test]
async fn a_renewal_whose_deadline_passes_expires_the_customer_is_told_and_its_copy_is_deleted() {
    // Arrange: a renewal the customer never completes.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id) = prepared(&world, &tenant, "Head office").await;
    let copy_sid = world
        .renewal(&tenant, &bundle_sid)
        .await
        .unwrap()
        .copy_sid
        .unwrap();

    // Act: Twilio's clock passes valid_until (30 days): the original becomes twilio-rejected and
    // its status callback reaches recomply.
    world.advance_clock(31 * 86_400).await;
    world
        .wait_for_callback(&bundle_sid, "twilio-rejected")
        .await;
    world.settle().await;

    // Assert
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Expired);
    let events = recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
        .await
        .unwrap();
    let expired = events.iter().rfind(|e| e.event() == "expired").unwrap();
    assert_eq!(
        (
            expired.event(),
            expired.from_state.map(|s| s.as_str()),
            expired.to_state.as_str()
        ),
        ("expired", Some("collecting"), "expired")
    );
    assert_eq!(expired.cause, "webhook");
    assert_eq!(expired.details["bundle_status"], "twilio-rejected");
    let emails = world.emails(renewal_id).await;
    let notice: Vec<_> = emails.iter().filter(|e| e.0 == "expired").collect();
    assert_eq!(notice.len(), 1, "{emails:?}");
    assert_eq!(notice[0].1, tenant.user_email);
    assert!(notice[0].2.contains("Deadline passed"), "{}", notice[0].2);
    assert!(notice[0].3.contains("Acme UK mobile"), "{}", notice[0].3);
    assert!(
        world.emulator_bundle(copy_sid.as_str()).await.is_none(),
        "the unused draft copy no longer sits in the customer's account"
    );
    let discarded: Vec<_> = events
        .iter()
        .filter(|e| e.event() == "copy_discarded")
        .collect();
    assert_eq!(discarded.len(), 1, "recorded once");
    assert_eq!(discarded[0].details["copy_sid"], copy_sid.as_str());
    world.assert_no_failed_jobs().await;
}
