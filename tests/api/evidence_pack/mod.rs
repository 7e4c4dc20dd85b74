//! The evidence pack: a completed renewal's pack (JSON and PDF) holds the SHA-256 of what was
//! uploaded and the chain hashes `recomply audit verify` checks; tenants never see each
//! other's; the staff tenant-range pack and its form; the customer's history of checks.

mod customer_history;
mod isolation;
mod renewal_pack;
mod tenant_range;

use recomply::domain::ids::RenewalId;
use std::collections::BTreeMap;

use recomply::domain::renewal::RenewalState;
use recomply::evidence::EvidencePack;
use recomply::lifecycle::{Change, Upload};
use uuid::Uuid;

use crate::admin::{PASSWORD, create_staff};
use crate::harness::{client, follow_link};
use crate::html::csrf_token;
use crate::lifecycle::customer;
use crate::lifecycle_support::{Tenant, World};

/// What the scenario uploaded and where.
pub struct Completed {
    pub renewal_id: RenewalId,
    pub bundle_sid: String,
    pub upload: Upload,
}

/// The lease the customer uploads: real PDF bytes, distinct per tenant.
fn lease(tenant: &Tenant) -> Upload {
    Upload {
        filename: "head-office-lease.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: format!("%PDF-1.4\n% lease of {}\n%%EOF\n", tenant.user_email).into_bytes(),
    }
}

/// A renewal taken to completion: the document on file is rejected by Twilio's automatic
/// review, the customer uploads a replacement, resubmits, and Twilio approves.
pub async fn completed_with_upload(world: &World, tenant: &Tenant) -> Completed {
    let (bundle_sid, regulation_sid) = approved_bundle(world, tenant).await;
    world.require_vat_number(&regulation_sid).await;
    complete_with_upload(world, tenant, bundle_sid).await
}

/// An approved bundle of `tenant` whose document on file Twilio's review will reject:
/// (bundle SID, regulation SID).
pub async fn approved_bundle(world: &World, tenant: &Tenant) -> (String, String) {
    world.automatic_review(tenant, 60).await;
    world
        .seed_approved_bundle_with_document(tenant, "Acme UK mobile", false, "Old lease (REJECT)")
        .await
}

/// Takes the renewal of `bundle_sid` (after a regulation change) to completion with an upload.
pub async fn complete_with_upload(world: &World, tenant: &Tenant, bundle_sid: String) -> Completed {
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let renewal_id = world.renewal(tenant, &bundle_sid).await.unwrap().renewal_id;
    let snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal_id)
        .await
        .unwrap()
        .unwrap();
    let vat = Change::SetEndUserFields {
        end_user_sid: snapshot.end_users[0].sid.clone(),
        fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
    };
    let actor = customer(tenant);
    let (t, r) = (tenant.tenant_id, renewal_id);
    world
        .engine
        .apply_changes(t, r, vec![vat], &actor)
        .await
        .unwrap();
    world.engine.submit(t, r, &actor).await.unwrap();
    world.advance_clock(60).await;
    world
        .wait_for_callback(&snapshot.copy_sid, "twilio-rejected")
        .await;
    world.settle().await;
    let upload = lease(tenant);
    let replace = Change::AddDocument {
        document_type: "business_address".into(),
        friendly_name: "Head office lease".into(),
        fields: BTreeMap::from([(
            "address_sids".to_owned(),
            "AD0123456789abcdef0123456789abcdef".to_owned(),
        )]),
        file: Some(upload.clone()),
        replaces: Some(snapshot.documents[0].sid.clone()),
    };
    world
        .engine
        .apply_changes(t, r, vec![replace], &actor)
        .await
        .unwrap();
    world.engine.submit(t, r, &actor).await.unwrap();
    world.advance_clock(60).await;
    world
        .wait_for_callback(&snapshot.copy_sid, "twilio-approved")
        .await;
    world.settle().await;
    let renewal = world.renewal(tenant, &bundle_sid).await.unwrap();
    assert_eq!(
        renewal.state,
        RenewalState::Completed,
        "{:?}",
        renewal.attention_reason
    );
    Completed {
        renewal_id,
        bundle_sid,
        upload,
    }
}

/// A client signed in as the tenant's customer through an emailed link.
pub async fn customer_client(world: &World, tenant: &Tenant) -> reqwest::Client {
    let browser = client();
    let login = browser
        .get(format!("{}/login", world.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_token(&login);
    browser
        .post(format!("{}/login", world.address))
        .form(&[("csrf_token", csrf.as_str()), ("email", &tenant.user_email)])
        .send()
        .await
        .unwrap();
    world.run_jobs().await;
    let link = world
        .mailbox
        .links_to(&tenant.user_email)
        .pop()
        .expect("a link was emailed");
    let landed = follow_link(&browser, &link).await;
    assert_eq!(landed.status(), 303, "the link signs in");
    browser
}

/// A client signed in as support staff.
pub async fn staff_client(world: &World) -> reqwest::Client {
    staff_client_as(world, "sam@isv.example", "support").await
}

/// A client signed in as a new staff member with `email` and `role`.
pub async fn staff_client_as(world: &World, email: &str, role: &str) -> reqwest::Client {
    create_staff(&world.db, email, "Sam Support", role).await;
    let browser = client();
    let form = browser
        .get(format!("{}/admin/login", world.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_token(&form);
    let signed_in = browser
        .post(format!("{}/admin/login", world.address))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303, "staff sign-in redirects");
    browser
}

/// GETs `path` and returns the response.
pub async fn get(world: &World, browser: &reqwest::Client, path: &str) -> reqwest::Response {
    browser
        .get(format!("{}{path}", world.address))
        .send()
        .await
        .unwrap()
}

/// Downloads and parses a JSON pack (asserting the download headers).
pub async fn json_pack(world: &World, browser: &reqwest::Client, path: &str) -> EvidencePack {
    let response = get(world, browser, path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"evidence-")
            && disposition.ends_with(".json\""),
        "{disposition}"
    );
    let body = response.bytes().await.unwrap();
    serde_json::from_slice(&body).expect("the JSON pack parses back into EvidencePack")
}

/// The text of a PDF, through `pdftotext` (poppler-utils).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("evidence");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.pdf", Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success(), "pdftotext reads the PDF");
    std::fs::remove_file(&path).ok();
    String::from_utf8(output.stdout).unwrap()
}
