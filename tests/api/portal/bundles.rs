//! "My bundles": the tenant's bundles, most urgent first, and nothing of other tenants.

use crate::harness::spawn_app;
use crate::html::{attrs, location, texts};
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::seed::Customer;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

#[tokio::test]
async fn bundles_are_listed_most_urgent_first_with_deadline_status_and_renewal_state() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let later = app
        .seed()
        .customer_bundle(
            &camille,
            "Lyon office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(40),
        )
        .await;
    let soon = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "local", "business"),
            BundleStatus::TwilioApproved,
            Some(5),
        )
        .await;
    let done = app
        .seed()
        .customer_bundle(
            &camille,
            "Berlin office",
            ("DE", "local", "business"),
            BundleStatus::TwilioApproved,
            None,
        )
        .await;
    let soon_renewal = app
        .seed()
        .customer_renewal(
            &camille,
            soon,
            RenewalState::Collecting,
            Some(fixtures::partly_done()),
        )
        .await;
    app.seed()
        .customer_renewal(&camille, later, RenewalState::InReview, None)
        .await;
    app.seed()
        .customer_renewal(&camille, done, RenewalState::Completed, None)
        .await;
    sign_in(&app, &camille).await;

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
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert_eq!(texts(&html, ".portal-empty h2"), ["Nothing to do"]);
    assert!(texts(&html, ".bundle-card").is_empty());
}

#[tokio::test]
async fn another_tenants_bundles_are_never_listed() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let lee = app.seed().customer("Globex", "lee@globex.example").await;
    app.seed()
        .customer_bundle(
            &camille,
            "Acme main",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(9),
        )
        .await;
    app.seed()
        .customer_bundle(
            &lee,
            "Globex secret",
            ("GB", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert_eq!(texts(&html, ".bundle-name"), ["Acme main"]);
    assert!(!html.contains("Globex"));
}

#[tokio::test]
async fn the_bundle_list_needs_a_signed_in_customer() {
    let app = spawn_app().await;

    let response = app.get("/bundles").await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/login");
}

#[tokio::test]
async fn bundles_waiting_for_the_customer_come_before_closer_deadlines_that_need_nothing() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let reviewing = app
        .seed()
        .customer_bundle(
            &camille,
            "In review soon",
            ("FR", "local", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let rejected = app
        .seed()
        .customer_bundle(
            &camille,
            "Rejected later",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(60),
        )
        .await;
    app.seed()
        .customer_renewal(&camille, reviewing, RenewalState::InReview, None)
        .await;
    app.seed()
        .customer_renewal(
            &camille,
            rejected,
            RenewalState::Rejected,
            Some(fixtures::partly_done()),
        )
        .await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert_eq!(
        texts(&html, ".bundle-name"),
        ["Rejected later", "In review soon"]
    );
    assert!(texts(&html, ".lead")[0].contains("One of them needs your attention."));
}

/// `count` French bundles named "Office 01"… for `customer`, due in 10 + i days.
async fn many_bundles(app: &crate::harness::TestApp, customer: &Customer, count: i64) {
    for i in 1..=count {
        app.seed()
            .customer_bundle(
                customer,
                &format!("Office {i:02}"),
                ("FR", "local", "business"),
                BundleStatus::TwilioApproved,
                Some(10 + i),
            )
            .await;
    }
}

#[tokio::test]
async fn a_long_list_is_paged_fifty_at_a_time_and_an_absurd_page_is_not_an_error() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    many_bundles(&app, &camille, 60).await;
    sign_in(&app, &camille).await;

    let first = app.get("/bundles").await.text().await.unwrap();
    let names = texts(&first, ".bundle-name");
    assert_eq!(names.len(), 50);
    assert_eq!(
        (names[0].as_str(), names[49].as_str()),
        ("Office 01", "Office 50")
    );
    assert!(
        texts(&first, ".pagination")
            .join(" ")
            .contains("Bundles 1–50 of 60")
    );
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        ["/bundles?page=2"]
    );

    let second = app.get("/bundles?page=2").await.text().await.unwrap();
    assert_eq!(texts(&second, ".bundle-name").len(), 10);
    assert_eq!(texts(&second, ".bundle-name")[9], "Office 60");
    assert_eq!(
        attrs(&second, ".pagination a[rel=prev]", "href"),
        ["/bundles?page=1"]
    );

    for absurd in ["9223372036854775807", "99999999999999999999", "-1", "x"] {
        let response = app.get(&format!("/bundles?page={absurd}")).await;
        assert_eq!(response.status().as_u16(), 200, "page={absurd}");
    }
}

#[tokio::test]
async fn the_search_finds_a_bundle_by_name_keeps_what_was_typed_and_never_another_tenants() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let lee = app.seed().customer("Globex", "lee@globex.example").await;
    many_bundles(&app, &camille, 12).await;
    many_bundles(&app, &lee, 12).await;
    app.seed()
        .customer_bundle(
            &lee,
            "Office Secret",
            ("GB", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles?q=office%200").await.text().await.unwrap();
    assert_eq!(texts(&html, ".bundle-name").len(), 9, "Office 01–09");
    assert_eq!(attrs(&html, "#bundle-q", "value"), ["office 0"]);

    let html = app.get("/bundles?q=secret").await.text().await.unwrap();
    assert!(texts(&html, ".bundle-name").is_empty());
    assert!(!html.contains("Office Secret"));
    assert_eq!(
        texts(&html, ".portal-empty h2"),
        ["No bundle matches “secret”"]
    );

    // Wildcards typed into the box are dropped: "%" is an empty search, not an error.
    let html = app.get("/bundles?q=%25").await.text().await.unwrap();
    assert_eq!(texts(&html, ".bundle-name").len(), 12);
}
