//! The status page in each state, and the bundle history.

use serde_json::json;

use crate::harness::spawn_app;
use crate::html::{attrs, form_values, location, texts};
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::uploads::multipart;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

async fn status_page(state: RenewalState, extra_sql: &str) -> String {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let renewal = app
        .seed()
        .customer_renewal(&camille, bundle, state, Some(fixtures::compliant()))
        .await;
    if !extra_sql.is_empty() {
        sqlx::query(extra_sql)
            .bind(renewal)
            .execute(&app.db)
            .await
            .unwrap();
    }
    sign_in(&app, &camille).await;
    let response = app.get(&format!("/renewals/{renewal}/status")).await;
    assert_eq!(response.status().as_u16(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn in_review_explains_what_happens_next_and_how_long_it_takes() {
    let html = status_page(
        RenewalState::InReview,
        "update renewal set submitted_at = now() where renewal_id = $1",
    )
    .await;

    assert_eq!(
        texts(&html, "#status-title"),
        ["Twilio is reviewing your update"]
    );
    assert!(texts(&html, ".next-steps")[0].contains("24 business hours"));
    assert_eq!(texts(&html, ".stepper li.current"), ["Twilio review"]);
}

#[tokio::test]
async fn a_rejection_shows_twilios_reasons_for_the_bundle_and_each_document_with_a_way_to_fix() {
    let html = status_page(
        RenewalState::Collecting,
        r#"update renewal set rejection = '{"failure_reason": "The business name does not match the registration document.",
            "documents": [{"sid": "RD1", "friendly_name": "Extrait K-bis", "type": "commercial_registrar_excerpt",
                           "failure_reason": "The document is older than three months."}]}'::jsonb
           where renewal_id = $1"#,
    )
    .await;

    assert_eq!(texts(&html, "#status-title"), ["Twilio asked for changes"]);
    assert!(html.contains("The business name does not match the registration document."));
    assert_eq!(
        texts(&html, ".rejected-documents li"),
        ["Extrait K-bis: The document is older than three months."]
    );
    assert_eq!(
        texts(&html, ".status-card .button-primary"),
        ["Fix and resubmit"]
    );
}

#[tokio::test]
async fn a_rejected_renewal_page_shows_the_reasons_above_the_forms() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let mut snapshot = fixtures::partly_done();
    snapshot["documents"][0]["status"] = json!("rejected");
    snapshot["documents"][0]["failure_reason"] = json!("The excerpt is unreadable.");
    let renewal = app
        .seed()
        .customer_renewal(&camille, bundle, RenewalState::Collecting, Some(snapshot))
        .await;
    sqlx::query(r#"update renewal set rejection = '{"failure_reason": "Documents unreadable.", "documents": []}'::jsonb where renewal_id = $1"#)
        .bind(renewal)
        .execute(&app.db)
        .await
        .unwrap();
    sign_in(&app, &camille).await;

    let html = app
        .get(&format!("/renewals/{renewal}"))
        .await
        .text()
        .await
        .unwrap();

    assert_eq!(texts(&html, ".rejection h2"), ["Twilio asked for changes"]);
    assert!(texts(&html, ".rejection")[0].contains("Documents unreadable."));
    assert!(
        texts(&html, "#req-business_address_proof_info .alert-danger")[0]
            .contains("The excerpt is unreadable.")
    );
}

#[tokio::test]
async fn completed_says_when() {
    let html = status_page(RenewalState::Completed, "update renewal set completed_at = '2026-11-20T09:30:00Z', closed_at = completed_at where renewal_id = $1").await;

    assert_eq!(texts(&html, "#status-title"), ["All done"]);
    assert!(texts(&html, ".status-card .lead")[0].contains("20 November 2026, 09:30 UTC"));
    assert_eq!(texts(&html, ".stepper li.done").len(), 5);
}

#[tokio::test]
async fn expired_says_what_to_do_and_whom_to_contact() {
    let html = status_page(RenewalState::Expired, "").await;

    assert_eq!(texts(&html, "#status-title"), ["The deadline has passed"]);
    assert_eq!(
        attrs(&html, ".status-card a.button", "href"),
        ["mailto:support@acme.example"]
    );
}

#[tokio::test]
async fn needs_attention_tells_the_customer_we_are_on_it() {
    let html = status_page(RenewalState::NeedsAttention, "update renewal set attention_reason = 'Twilio 22228: internal detail' where renewal_id = $1").await;

    assert_eq!(texts(&html, "#status-title"), ["We're on it"]);
    assert!(
        !html.contains("22228"),
        "internal reasons are not shown to customers"
    );
}

#[tokio::test]
async fn a_submitted_renewal_opens_on_its_status() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let renewal = app
        .seed()
        .customer_renewal(
            &camille,
            bundle,
            RenewalState::Submitted,
            Some(fixtures::compliant()),
        )
        .await;
    sign_in(&app, &camille).await;

    let response = app.get(&format!("/renewals/{renewal}")).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), format!("/renewals/{renewal}/status"));
}

#[tokio::test]
async fn the_history_lists_past_renewals_with_outcome_and_dates() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let old = app
        .seed()
        .customer_renewal(&camille, bundle, RenewalState::Completed, None)
        .await;
    sqlx::query("update renewal set created_at = '2025-03-01T10:00:00Z', submitted_at = '2025-03-04T10:00:00Z', completed_at = '2025-03-06T10:00:00Z' where renewal_id = $1")
        .bind(old)
        .execute(&app.db)
        .await
        .unwrap();
    app.seed()
        .customer_renewal(&camille, bundle, RenewalState::Collecting, None)
        .await;
    sign_in(&app, &camille).await;

    let html = app
        .get(&format!("/bundles/{bundle}/history"))
        .await
        .text()
        .await
        .unwrap();

    assert_eq!(texts(&html, "h1"), ["History of Paris office"]);
    assert_eq!(
        texts(&html, "[data-outcome]"),
        ["Waiting for your information", "Completed"]
    );
    let last_row = texts(&html, "tbody tr").pop().unwrap();
    assert!(last_row.starts_with("1 March 2025"), "{last_row}");
    assert!(last_row.contains("4 March 2025") && last_row.contains("6 March 2025"));
}

#[tokio::test]
async fn a_rejected_document_that_passes_the_evaluation_can_still_be_replaced() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let mut snapshot = fixtures::compliant();
    snapshot["evaluation"]["status"] = json!("noncompliant");
    snapshot["documents"][1]["status"] = json!("rejected");
    snapshot["documents"][1]["failure_reason"] = json!("The ID card has expired.");
    let renewal = app
        .seed()
        .customer_renewal(&camille, bundle, RenewalState::Collecting, Some(snapshot))
        .await;
    sign_in(&app, &camille).await;
    let path = format!("/renewals/{renewal}");
    let html = app.get(&path).await.text().await.unwrap();

    assert_eq!(texts(&html, ".requirement h2"), ["Carte d'identité"]);
    assert!(texts(&html, ".requirement .alert-danger")[0].contains("The ID card has expired."));
    let file = format!("replace.{}.file", fixtures::ID_CARD);
    assert_eq!(attrs(&html, "input[type=file]", "name"), vec![file.clone()]);
    assert_eq!(
        attrs(
            &html,
            &format!("#f-doc-{}-first_name", fixtures::ID_CARD),
            "value"
        ),
        ["Camille"]
    );

    // A replacement must be a real PDF, JPEG or PNG.
    let values = form_values(&html, "form#sections");
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .multipart(multipart(
            &values,
            &[],
            vec![(file.as_str(), "id.png", b"GIF89a".to_vec())],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(
            &html,
            &format!("#f-replace-{}-file-error", fixtures::ID_CARD)
        ),
        ["Error: The file must be a PDF, JPEG or PNG"]
    );
}
