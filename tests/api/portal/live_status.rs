//! The status page follows a renewal that moves on by itself (Twilio's review, finishing):
//! its live block is served alone for `static/js/live.js` to poll, a refresh link works
//! without JavaScript, and it says how long Twilio's review usually takes here.

use recomply::domain::ids::RenewalId;
use sqlx::PgPool;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attrs, texts};
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::seed::{Customer, Seed};
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// A submitted renewal of `customer` (submitted an hour ago).
async fn submitted(app: &TestApp, customer: &Customer) -> RenewalId {
    let bundle = app
        .seed()
        .customer_bundle(
            customer,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(10),
        )
        .await;
    let renewal = app
        .seed()
        .customer_renewal(
            customer,
            bundle,
            RenewalState::Submitted,
            Some(fixtures::compliant()),
        )
        .await;
    sqlx::query(
        "update renewal set submitted_at = now() - interval '1 hour' where renewal_id = $1",
    )
    .bind(renewal)
    .execute(&app.db)
    .await
    .unwrap();
    renewal
}

/// Past reviews on this deployment: one completed renewal per entry, submitted `hours` before
/// Twilio's decision (`approved` or `rejected`).
pub async fn past_reviews(db: &PgPool, customer: &Customer, reviews: &[(f64, RenewalState)]) {
    for (hours, decision) in reviews {
        let bundle = Seed::new(db)
            .customer_bundle(
                customer,
                "Old line",
                ("FR", "mobile", "business"),
                BundleStatus::TwilioApproved,
                None,
            )
            .await;
        let renewal = Seed::new(db)
            .customer_renewal(customer, bundle, RenewalState::Completed, None)
            .await;
        let decided = time::OffsetDateTime::now_utc() - time::Duration::days(2);
        let submitted = decided - time::Duration::seconds_f64(hours * 3600.0);
        for (from, to, at) in [
            (RenewalState::Collecting, RenewalState::Submitted, submitted),
            (RenewalState::InReview, *decision, decided),
        ] {
            sqlx::query(
                "insert into renewal_event (tenant_id, renewal_id, from_state, to_state, cause, actor, created_at)
                 values ($1, $2, $3, $4, 'job', 'test', $5)",
            )
            .bind(customer.tenant_id)
            .bind(renewal)
            .bind(from)
            .bind(to)
            .bind(at)
            .execute(db)
            .await
            .unwrap();
        }
    }
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

#[tokio::test]
async fn a_submitted_renewal_is_followed_live_until_twilio_decides() {
    // Arrange
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = submitted(&app, &camille).await;
    sign_in(&app, &camille).await;
    let status = format!("/renewals/{renewal}/status");
    let live = format!("{status}/live");

    // Act
    let (code, html) = page(&app, &status).await;

    // Assert: the page marks its live block for polling and offers a refresh link.
    assert_eq!(code, 200);
    assert_eq!(
        attrs(&html, "#status-live", "data-live-src"),
        [live.as_str()]
    );
    assert_eq!(attrs(&html, "#live-note a", "href"), [status.as_str()]);
    assert!(html.contains("/static/js/live.js"));

    // The fragment alone is the same block, still followed.
    let (code, fragment) = page(&app, &live).await;
    assert_eq!(code, 200);
    assert_eq!(texts(&fragment, "#status-title"), ["Submitted to Twilio"]);
    assert_eq!(
        attrs(&fragment, "#status-live", "data-live-src"),
        [live.as_str()]
    );
    assert!(
        texts(&fragment, ".portal-footer-links").is_empty(),
        "only the live block, not the whole page"
    );

    // Twilio approves and recomply finishes: the fragment says so and stops asking to be polled.
    sqlx::query("update renewal set state = $2, completed_at = now() where renewal_id = $1")
        .bind(renewal)
        .bind(RenewalState::Completed)
        .execute(&app.db)
        .await
        .unwrap();
    let (_, done) = page(&app, &live).await;
    assert_eq!(texts(&done, "#status-title"), ["All done"]);
    assert!(attrs(&done, "#status-live", "data-live-src").is_empty());
    assert!(texts(&done, "#live-note").is_empty());
}

#[tokio::test]
async fn a_renewal_the_customer_must_act_on_is_not_polled() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = submitted(&app, &camille).await;
    app.seed()
        .set_state(renewal, RenewalState::NeedsAttention)
        .await;
    sign_in(&app, &camille).await;

    let (_, html) = page(&app, &format!("/renewals/{renewal}/status")).await;

    assert_eq!(texts(&html, "#status-title"), ["We're on it"]);
    assert!(attrs(&html, "#status-live", "data-live-src").is_empty());
}

#[tokio::test]
async fn the_status_page_says_how_long_reviews_have_recently_taken_here() {
    // Arrange: no history yet, then three reviews (the slow one does not move the median).
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = submitted(&app, &camille).await;
    sign_in(&app, &camille).await;
    let status = format!("/renewals/{renewal}/status");
    let (_, before) = page(&app, &status).await;
    past_reviews(
        &app.db,
        &camille,
        &[
            (5.0, RenewalState::Approved),
            (4.6, RenewalState::Rejected),
            (90.0, RenewalState::Approved),
        ],
    )
    .await;

    // Act
    let (_, after) = page(&app, &status).await;
    let (_, french) = page(&app, &format!("{status}?lang=fr")).await;

    // Assert
    assert!(
        texts(&before, "#review-time")[0].contains("24 business hours"),
        "with too little history, Twilio's own figure"
    );
    assert!(
        texts(&after, "#review-time")[0].contains("usually taken about 5 hours"),
        "{:?}",
        texts(&after, "#review-time")
    );
    assert!(texts(&french, "#review-time")[0].contains("environ 5 heures"));
}

#[tokio::test]
async fn another_tenants_live_status_is_not_found() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let lee = app.seed().customer("Globex", "lee@globex.example").await;
    let theirs = submitted(&app, &lee).await;
    sign_in(&app, &camille).await;

    let (code, body) = page(&app, &format!("/renewals/{theirs}/status/live")).await;

    assert_eq!(code, 404);
    assert!(!body.contains("Paris office"));
}

#[tokio::test]
async fn the_live_fragment_needs_a_signed_in_customer() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = submitted(&app, &camille).await;

    let response = app.get(&format!("/renewals/{renewal}/status/live")).await;

    assert_ne!(response.status().as_u16(), 200);
    let body = response.text().await.unwrap();
    assert!(!body.contains("status-live"));
}
