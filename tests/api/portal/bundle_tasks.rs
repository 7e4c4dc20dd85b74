//! What "My bundles" asks the customer to do: fill in, or only submit; what a bundle Twilio
//! rejected for good means; how many bundles need them.

use crate::harness::spawn_app;
use crate::html::{attrs, texts};
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::seed::Customer;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// A French mobile business bundle named `name`, due in `days` days, with a renewal in
/// `state` holding `snapshot`.
async fn bundle_with_renewal(
    app: &crate::harness::TestApp,
    camille: &Customer,
    name: &str,
    days: i64,
    state: RenewalState,
    snapshot: serde_json::Value,
) {
    let bundle = app
        .seed()
        .customer_bundle(
            camille,
            name,
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(days),
        )
        .await;
    app.seed()
        .customer_renewal(camille, bundle, state, Some(snapshot))
        .await;
}

#[tokio::test]
async fn a_renewal_that_only_needs_submit_says_ready_to_submit() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    bundle_with_renewal(
        &app,
        &camille,
        "Paris office",
        5,
        RenewalState::Collecting,
        fixtures::partly_done(),
    )
    .await;
    bundle_with_renewal(
        &app,
        &camille,
        "Lyon office",
        9,
        RenewalState::Collecting,
        fixtures::compliant(),
    )
    .await;
    // Twilio's check passes, but its review rejected a document still to replace.
    bundle_with_renewal(
        &app,
        &camille,
        "Nice office",
        12,
        RenewalState::Collecting,
        fixtures::compliant_with_rejected_excerpt(),
    )
    .await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert_eq!(
        texts(&html, ".bundle-name"),
        ["Paris office", "Lyon office", "Nice office"]
    );
    assert_eq!(
        texts(&html, "[data-renewal-state]"),
        [
            "Waiting for your information",
            "Ready to submit",
            "Waiting for your information"
        ]
    );
    assert_eq!(
        texts(&html, ".bundle-actions .button-primary"),
        [
            "Update information for Paris office",
            "Review and submit for Lyon office",
            "Update information for Nice office"
        ]
    );
    // Submit still needs the customer: it counts.
    assert!(texts(&html, ".lead")[0].contains("3 of them need your attention."));
}

#[tokio::test]
async fn the_attention_count_leaves_out_renewals_with_nothing_to_do_yet() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    bundle_with_renewal(
        &app,
        &camille,
        "Paris office",
        5,
        RenewalState::Collecting,
        fixtures::partly_done(),
    )
    .await;
    // Twilio has not evaluated this copy yet: the page says there is nothing to do.
    let mut unevaluated = fixtures::partly_done();
    unevaluated["evaluation"] = serde_json::Value::Null;
    bundle_with_renewal(
        &app,
        &camille,
        "Lyon office",
        9,
        RenewalState::Collecting,
        unevaluated,
    )
    .await;
    bundle_with_renewal(
        &app,
        &camille,
        "Nice office",
        12,
        RenewalState::InReview,
        fixtures::compliant(),
    )
    .await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    assert!(
        texts(&html, ".lead")[0].contains("One of them needs your attention."),
        "{:?}",
        texts(&html, ".lead")
    );
    assert_eq!(
        texts(&html, ".bundle-card.needs-action .bundle-name"),
        ["Paris office"]
    );
}

#[tokio::test]
async fn a_bundle_rejected_with_no_deadline_says_what_that_means_and_whom_to_contact() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let jakarta = app
        .seed()
        .customer_bundle(
            &camille,
            "Jakarta toll-free",
            ("ID", "toll-free", "business"),
            BundleStatus::TwilioRejected,
            None,
        )
        .await;
    app.seed()
        .customer_renewal(&camille, jakarta, RenewalState::Expired, None)
        .await;
    app.seed()
        .customer_bundle(
            &camille,
            "Berlin office",
            ("DE", "local", "business"),
            BundleStatus::TwilioApproved,
            None,
        )
        .await;
    sign_in(&app, &camille).await;

    let html = app.get("/bundles").await.text().await.unwrap();

    let notes = texts(&html, ".bundle-rejected-note");
    assert_eq!(notes.len(), 1, "only the rejected bundle explains itself");
    assert!(
        notes[0].contains("Twilio rejected this bundle"),
        "{notes:?}"
    );
    assert!(notes[0].contains("may stop working"));
    assert_eq!(
        attrs(&html, ".bundle-rejected-note a", "href"),
        ["mailto:support@acme.example"]
    );
    // Nothing to do on the page itself: not counted.
    assert!(!texts(&html, ".lead")[0].contains("attention"));
}
