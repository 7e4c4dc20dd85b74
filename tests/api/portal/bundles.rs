//! "My bundles": the tenant's bundles, most urgent first, and nothing of other tenants.

use crate::helpers::spawn_app;
use crate::portal::seed::{self, attrs, customer, texts};

#[tokio::test]
async fn bundles_are_listed_most_urgent_first_with_deadline_status_and_renewal_state() {
    let app = spawn_app().await;
    let camille = customer(&app.db, "Acme", "camille@acme.example").await;
    let later = seed::bundle(
        &app.db,
        &camille,
        "Lyon office",
        ("FR", "mobile", "business"),
        "twilio-approved",
        Some(40),
    )
    .await;
    let soon = seed::bundle(
        &app.db,
        &camille,
        "Paris office",
        ("FR", "local", "business"),
        "twilio-approved",
        Some(5),
    )
    .await;
    let done = seed::bundle(
        &app.db,
        &camille,
        "Berlin office",
        ("DE", "local", "business"),
        "twilio-approved",
        None,
    )
    .await;
    let soon_renewal = seed::renewal(&app.db, &camille, soon, "collecting", None).await;
    seed::renewal(&app.db, &camille, later, "in_review", None).await;
    seed::renewal(&app.db, &camille, done, "completed", None).await;
    seed::sign_in(&app, &camille).await;

    let response = app.get("/bundles").await;

    assert_eq!(response.status().as_u16(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, ".bundle-name"),
        ["Paris office", "Lyon office", "Berlin office"]
    );
    assert_eq!(
        texts(&html, ".bundle-regulation"),
        [
            "Local numbers in France, for a business",
            "Mobile numbers in France, for a business",
            "Local numbers in Germany, for a business"
        ]
    );
    assert_eq!(
        texts(&html, "[data-renewal-state]"),
        [
            "Waiting for your information",
            "In review at Twilio",
            "Completed"
        ]
    );
    assert_eq!(texts(&html, ".countdown"), ["5 days left", "40 days left"]);
    assert_eq!(texts(&html, ".countdown.urgent"), ["5 days left"]);
    assert!(
        texts(&html, ".bundle-badges")
            .iter()
            .all(|t| t.contains("Approved by Twilio"))
    );
    assert_eq!(
        attrs(&html, ".bundle-name a", "href")[0],
        format!("/renewals/{soon_renewal}")
    );
    assert_eq!(
        texts(&html, ".bundle-actions .button-primary"),
        ["Update information for Paris office"]
    );
}

#[tokio::test]
async fn a_tenant_without_bundles_sees_a_friendly_empty_state() {
    let app = spawn_app().await;
    let camille = customer(&app.db, "Acme", "camille@acme.example").await;
    seed::sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert_eq!(texts(&html, ".portal-empty h2"), ["Nothing to do"]);
    assert!(texts(&html, ".bundle-card").is_empty());
}

#[tokio::test]
async fn another_tenants_bundles_are_never_listed() {
    let app = spawn_app().await;
    let camille = customer(&app.db, "Acme", "camille@acme.example").await;
    let lee = customer(&app.db, "Globex", "lee@globex.example").await;
    seed::bundle(
        &app.db,
        &camille,
        "Acme main",
        ("FR", "mobile", "business"),
        "twilio-approved",
        Some(9),
    )
    .await;
    seed::bundle(
        &app.db,
        &lee,
        "Globex secret",
        ("GB", "mobile", "business"),
        "twilio-approved",
        Some(3),
    )
    .await;
    seed::sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert_eq!(texts(&html, ".bundle-name"), ["Acme main"]);
    assert!(!html.contains("Globex"));
}

#[tokio::test]
async fn the_bundle_list_needs_a_signed_in_customer() {
    let app = spawn_app().await;

    let response = app.get("/bundles").await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(seed::location(&response), "/login");
}
