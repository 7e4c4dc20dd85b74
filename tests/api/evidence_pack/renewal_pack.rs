//! A completed renewal's pack: the uploaded bytes' SHA-256, chain hashes a third party can
//! recompute, and a PDF a person can read.

use recomply::domain::renewal::RenewalState;
use recomply::domain::timeline_chain::{ChainRow, verify_excerpt};
use recomply::domain::uploaded_document::sha256_hex;
use recomply::evidence::pack::{ActorKind, PackScope};
use sha2::{Digest, Sha256};

use super::{completed_with_upload, customer_client, get, json_pack, pdf_text, staff_client};
use crate::lifecycle_support::World;

#[tokio::test]
async fn the_evidence_pack_of_a_completed_renewal_contains_the_document_hashes_of_what_was_uploaded_and_parses_back()
 {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let done = completed_with_upload(&world, &tenant).await;
    let browser = customer_client(&world, &tenant).await;
    let path = format!("/renewals/{}/evidence.json", done.renewal_id);

    // Act
    let pack = json_pack(&world, &browser, &path).await;

    // Assert: the hash of exactly the uploaded bytes, with its name, type and size.
    let expected: String = Sha256::digest(&done.upload.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha256_hex(&done.upload.bytes), expected);
    assert_eq!(pack.format_version, 1);
    assert_eq!(
        pack.scope,
        PackScope::Renewal {
            renewal_id: done.renewal_id
        }
    );
    let renewal = &pack.renewals[0];
    assert_eq!(renewal.bundle_sid, done.bundle_sid);
    assert_eq!(renewal.state, RenewalState::Completed);
    assert_eq!(renewal.documents.len(), 1, "{:?}", renewal.documents);
    let document = &renewal.documents[0];
    assert_eq!(document.sha256, expected);
    assert_eq!(document.size_bytes as usize, done.upload.bytes.len());
    assert_eq!(document.file_name, "head-office-lease.pdf");
    assert_eq!(document.mime_type, "application/pdf");
    assert_eq!(document.document_type, "business_address");
    assert_eq!(document.actor_kind, ActorKind::Customer);
    assert_eq!(document.actor, tenant.user_email);
    // The hash is on the chained timeline too.
    assert!(
        renewal
            .timeline
            .iter()
            .any(|e| e.event == "changes_saved" && e.row.details_text.contains(&expected)),
        "the upload's hash is in a chained row"
    );
    // Every evaluation, who did what, and Twilio's decisions with the reason.
    assert!(
        renewal.evaluations.len() >= 4,
        "{}",
        renewal.evaluations.len()
    );
    let kinds: Vec<_> = renewal.timeline.iter().map(|e| e.actor_kind).collect();
    assert!(kinds.contains(&ActorKind::Customer) && kinds.contains(&ActorKind::System));
    let decisions: Vec<_> = renewal
        .twilio_decisions
        .iter()
        .map(|d| d.decision.as_str())
        .collect();
    assert!(
        decisions.contains(&"rejected") && decisions.contains(&"approved"),
        "{decisions:?}"
    );
    let rejected = renewal
        .twilio_decisions
        .iter()
        .find(|d| d.decision == "rejected")
        .unwrap();
    assert!(
        rejected
            .reasons
            .iter()
            .any(|r| r.contains("Old lease (REJECT)")),
        "{:?}",
        rejected.reasons
    );
    let values = &renewal.values_submitted;
    assert!(
        values
            .iter()
            .any(|v| v.fields.get("vat_number").map(String::as_str) == Some("GB123456789"))
    );

    // Assert: the chain recomputes from the JSON alone and ends at `audit verify`'s head.
    let rows: Vec<ChainRow> = renewal.timeline.iter().map(|e| e.row.clone()).collect();
    assert_eq!(verify_excerpt(&rows), None);
    let reports = recomply::lifecycle::audit::verify_all(&world.db)
        .await
        .unwrap();
    let report = reports
        .iter()
        .find(|r| r.tenant_id == tenant.tenant_id)
        .unwrap();
    assert_eq!(report.check.first_break, None);
    assert_eq!(pack.chain.head_hash, report.check.head_hash);
    assert_eq!(rows.last().unwrap().row_hash, report.check.head_hash);
    assert_eq!(pack.chain.tenant_rows as usize, report.check.rows);
    // A row edited in the file no longer verifies.
    let mut tampered = rows.clone();
    tampered[1].actor = Some("someone-else@example.com".into());
    assert!(verify_excerpt(&tampered).is_some());
}

#[tokio::test]
async fn the_pdf_pack_is_a_real_pdf_whose_text_names_the_bundle_and_the_document_hash() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let done = completed_with_upload(&world, &tenant).await;
    let hash = recomply::domain::uploaded_document::sha256_hex(&done.upload.bytes);

    // Act: the customer's and the staff's PDF.
    let customer = customer_client(&world, &tenant).await;
    let response = get(
        &world,
        &customer,
        &format!("/renewals/{}/evidence.pdf", done.renewal_id),
    )
    .await;
    let staff = staff_client(&world).await;
    let staff_pdf = get(
        &world,
        &staff,
        &format!("/admin/renewals/{}/evidence.pdf", done.renewal_id),
    )
    .await;

    // Assert
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains(&format!("evidence-{}-", done.bundle_sid)),
        "{disposition}"
    );
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    // Long values wrap; compare without the layout's spaces and line breaks.
    let flat: String = text.split_whitespace().collect();
    assert!(
        text.contains(&done.bundle_sid),
        "the bundle SID is in the text"
    );
    assert!(
        flat.contains(&hash),
        "the document's SHA-256 is in the text"
    );
    for heading in [
        "Evidence pack",
        "Summary",
        "Timeline",
        "Evaluations",
        "Values submitted",
        "Documents uploaded",
        "Twilio's decisions",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    assert!(text.contains("Page 1 of"), "pages are numbered");
    assert!(text.contains("Tenant acme"));
    assert_eq!(staff_pdf.status(), 200);
    let staff_text = pdf_text(&staff_pdf.bytes().await.unwrap());
    assert!(staff_text.contains(&done.bundle_sid));
    std::fs::create_dir_all("target/evidence").ok();
    std::fs::write("target/evidence/renewal.pdf", &pdf).ok();
}
