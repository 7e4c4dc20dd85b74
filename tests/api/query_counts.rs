//! Pages cost a small, fixed number of database queries however much data there is: each
//! response reports its count in `Server-Timing` (on in tests), and these tests grow the data
//! between two views of the same page and expect the same count.

use recomply::domain::ids::TenantId;
use recomply::telemetry::query_count;
use reqwest::Response;

use crate::harness::{TestApp, spawn_app};
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::seed::Customer;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// The query count a response reports.
fn queries(response: &Response) -> u32 {
    let header = response
        .headers()
        .get("server-timing")
        .expect("a Server-Timing header")
        .to_str()
        .unwrap();
    query_count::parse(header).expect("a query count")
}

/// `count` more bundles for `customer`'s tenant, each with an open renewal.
async fn more_bundles(app: &TestApp, customer: &Customer, count: usize) {
    for i in 0..count {
        let bundle = app
            .seed()
            .customer_bundle(
                customer,
                &format!("Branch {i}"),
                ("FR", "local", "business"),
                BundleStatus::TwilioApproved,
                Some(20),
            )
            .await;
        app.seed()
            .customer_renewal(customer, bundle, RenewalState::Collecting, None)
            .await;
    }
}

/// `count` stored callbacks for `tenant`.
async fn callbacks(app: &TestApp, tenant: TenantId, count: i32) {
    sqlx::query(
        "insert into webhook_event (tenant_id, account_sid, bundle_sid, status, payload, dedupe_key)
         select $1, 'AC' || md5($1::text), 'BU' || md5(i::text), 'twilio-approved', '{}',
                'k' || i || '-' || $1::text
         from generate_series(1, $2) i",
    )
    .bind(tenant)
    .bind(count)
    .execute(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_bundle_list_costs_the_same_queries_for_one_bundle_and_for_sixty() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    more_bundles(&app, &camille, 1).await;
    sign_in(&app, &camille).await;

    let small = queries(&app.get("/bundles").await);
    more_bundles(&app, &camille, 59).await;
    let large = queries(&app.get("/bundles").await);

    assert_eq!(small, large, "no query per bundle");
    // Session, user, brand, the page of bundles and its counts.
    assert!(
        // 6 with the account's addresses the address choices offer, 7 with the other open
        // renewals that the fix-once offers name (one query, whatever their number).
        (1..=7).contains(&large),
        "{large} queries for the bundle list"
    );
}

#[tokio::test]
async fn the_renewal_page_costs_a_small_fixed_number_of_queries() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(12),
        )
        .await;
    let renewal = app
        .seed()
        .customer_renewal(
            &camille,
            bundle,
            RenewalState::Collecting,
            Some(fixtures::partly_done()),
        )
        .await;
    sign_in(&app, &camille).await;
    let path = format!("/renewals/{renewal}");

    let first = app.get(&path).await;
    assert_eq!(first.status(), 200);
    let small = queries(&first);
    more_bundles(&app, &camille, 30).await;
    let large = queries(&app.get(&path).await);

    assert_eq!(small, large, "other renewals cost nothing here");
    assert!(
        // 6 with the account's addresses the address choices offer, 7 with the other open
        // renewals that the fix-once offers name (one query, whatever their number).
        (1..=7).contains(&large),
        "{large} queries for the renewal page"
    );
}

#[tokio::test]
async fn the_dashboard_costs_the_same_queries_with_thousands_of_callbacks() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, _, _) = seed
        .one_renewal("Acme", 9.0, RenewalState::Collecting)
        .await;
    let staff = app.staff_client("admin").await;

    let small = queries(&app.get_with(&staff, "/admin").await);
    callbacks(&app, tenant, 3_000).await;
    for i in 0..20 {
        let (bundle, _) = seed
            .bundle(tenant, &format!("Line {i}"), "DE", Some(30.0))
            .await;
        seed.renewal(tenant, bundle, RenewalState::InReview).await;
    }
    let response = app.get_with(&staff, "/admin").await;
    assert_eq!(response.status(), 200);
    let large = queries(&response);

    assert_eq!(small, large, "no query per row");
    assert!(
        (1..=12).contains(&large),
        "{large} queries for the dashboard"
    );
}
