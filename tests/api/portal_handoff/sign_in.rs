//! A valid hand-off signs the user in and lands where it says.

use super::{SECRET, Spec, configure, signed_in};
use crate::harness::{client, spawn_app};
use crate::html::location;
use recomply::domain::ids::TenantId;
use recomply::domain::renewal::RenewalState;

#[tokio::test]
async fn a_valid_hand_off_lands_on_the_renewal_signed_in() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    let renewal = app
        .seed()
        .renewal_without_snapshot(&customer, RenewalState::Collecting)
        .await;
    configure(&app, SECRET, false).await;
    let browser = client();

    let path = Spec::new(customer.tenant_id, "Camille@Acme.example")
        .landing_on(renewal)
        .signed_with(SECRET);
    let response = app.get_with(&browser, &path).await;

    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("/renewals/{renewal}"));
    let page = app
        .get_with(&browser, &format!("/renewals/{renewal}"))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("camille@acme.example"),
        "the header names the user"
    );
}

#[tokio::test]
async fn without_a_renewal_the_hand_off_lands_on_the_bundle_list() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;
    let browser = client();

    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    let response = app.get_with(&browser, &path).await;

    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/bundles");
    assert!(signed_in(&app, &browser).await);
}

#[tokio::test]
async fn with_creation_on_an_unknown_address_becomes_a_user_of_that_tenant_only() {
    let app = spawn_app().await;
    let acme = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    let other = app.seed().customer("Globex", "hank@globex.example").await;
    configure(&app, SECRET, true).await;
    let browser = client();

    let path = Spec::new(acme.tenant_id, "new.person@acme.example").signed_with(SECRET);
    let response = app.get_with(&browser, &path).await;

    assert_eq!(response.status(), 303);
    assert!(signed_in(&app, &browser).await);
    let tenants: Vec<TenantId> = sqlx::query_scalar(
        "select tenant_id from app_user where email = 'new.person@acme.example'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        tenants,
        [acme.tenant_id],
        "created in the named tenant only"
    );
    let html = app
        .get_with(&browser, "/bundles")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Acme Telecom") && !html.contains("Globex"));

    // A second hand-off of the same address signs the same user in again.
    let again = client();
    let path = Spec::new(acme.tenant_id, "new.person@acme.example").signed_with(SECRET);
    assert_eq!(app.get_with(&again, &path).await.status(), 303);
    let count: i64 =
        sqlx::query_scalar("select count(*) from app_user where email = 'new.person@acme.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(count, 1);
    let _ = other;
}

#[tokio::test]
async fn a_hand_off_replaces_whoever_was_signed_in_before() {
    let app = spawn_app().await;
    let first = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    let second = app.seed().customer("Globex", "hank@globex.example").await;
    configure(&app, SECRET, false).await;
    let browser = client();
    let path = Spec::new(first.tenant_id, &first.email).signed_with(SECRET);
    app.get_with(&browser, &path).await;

    let path = Spec::new(second.tenant_id, &second.email).signed_with(SECRET);
    assert_eq!(app.get_with(&browser, &path).await.status(), 303);

    let html = app
        .get_with(&browser, "/bundles")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("hank@globex.example") && !html.contains("camille@acme.example"));
}
