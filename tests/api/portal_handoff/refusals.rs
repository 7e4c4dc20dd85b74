//! Forged, expired, replayed, other-tenant and otherwise wrong hand-offs are refused, logged
//! with their reason (never the signature), and sign nobody in.

use recomply::db::handoff_settings;
use recomply::domain::ids::TenantId;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{SECRET, Spec, configure, signed_in};
use crate::harness::{TestApp, captured_logs, client, spawn_app};
use recomply::domain::renewal::RenewalState;

/// GETs `path` in a fresh browser: asserts the refusal's status and page, that nobody is
/// signed in, and that the log names `reason` without the signature.
async fn assert_refused(app: &TestApp, path: &str, status: u16, reason: &str) {
    let browser = client();
    let response = app.get_with(&browser, path).await;
    assert_eq!(response.status(), status, "{reason}");
    let html = response.text().await.unwrap();
    assert!(html.contains("This link can"), "{reason}: the refusal page");
    for detail in ["bad_signature", "unknown", "nonce", "tenant", "renewal_not"] {
        assert!(!html.contains(detail), "{reason}: the page gives no detail");
    }
    assert!(
        !signed_in(app, &browser).await,
        "{reason}: nobody is signed in"
    );
    let signature = path.rsplit("signature=").next().unwrap();
    assert!(
        !html.contains(signature),
        "{reason}: nothing of the URL is echoed"
    );
    let tenant = path
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("tenant="))
        .filter(|t| t.parse::<Uuid>().is_ok())
        .unwrap_or("");
    let logs = captured_logs();
    assert!(
        logs.lines().any(|line| line.contains("hand-off refused")
            && line.contains(&format!("\"{reason}\""))
            && line.contains(tenant)),
        "the log says {reason}"
    );
    assert!(!logs.contains(signature), "the signature is never logged");
}

#[tokio::test]
async fn a_forged_signature_is_refused() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;

    let forged = Spec::new(customer.tenant_id, &customer.email).signed_with("a-guessed-secret");
    assert_refused(&app, &forged, 403, "bad_signature").await;

    // Changing a signed field breaks the signature too.
    let genuine = Spec::new(customer.tenant_id, "someone@acme.example").signed_with(SECRET);
    let altered = genuine.replace("someone%40acme.example", "camille%40acme.example");
    assert_ne!(altered, genuine);
    assert_refused(&app, &altered, 403, "bad_signature").await;
}

#[tokio::test]
async fn an_expired_hand_off_is_gone() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;
    let mut spec = Spec::new(customer.tenant_id, &customer.email);
    spec.expires_in = -5;

    assert_refused(&app, &spec.signed_with(SECRET), 410, "expired").await;
}

#[tokio::test]
async fn an_expiry_more_than_five_minutes_ahead_is_refused() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;
    let mut spec = Spec::new(customer.tenant_id, &customer.email);
    spec.expires_in = 600;

    assert_refused(&app, &spec.signed_with(SECRET), 403, "expiry_too_far_ahead").await;
}

#[tokio::test]
async fn a_replayed_nonce_is_gone() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;
    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    assert_eq!(app.get_with(&client(), &path).await.status(), 303);

    assert_refused(&app, &path, 410, "replayed_nonce").await;
}

#[tokio::test]
async fn a_renewal_of_another_tenant_is_refused() {
    let app = spawn_app().await;
    let mine = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    let theirs = app.seed().customer("Globex", "hank@globex.example").await;
    let their_renewal = app
        .seed()
        .renewal_without_snapshot(&theirs, RenewalState::Collecting)
        .await;
    configure(&app, SECRET, true).await;

    let path = Spec::new(mine.tenant_id, &mine.email)
        .landing_on(their_renewal)
        .signed_with(SECRET);
    assert_refused(&app, &path, 403, "renewal_not_in_tenant").await;

    // Nor can a user of one tenant be sent into another tenant.
    let path = Spec::new(theirs.tenant_id, &mine.email).signed_with(SECRET);
    let browser = client();
    assert_eq!(app.get_with(&browser, &path).await.status(), 303);
    let html = app
        .get_with(&browser, "/bundles")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Globex") && !html.contains("Acme Telecom"));
}

#[tokio::test]
async fn an_unknown_user_is_refused_while_creation_is_off() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;

    let path = Spec::new(customer.tenant_id, "stranger@acme.example").signed_with(SECRET);
    assert_refused(&app, &path, 403, "unknown_user").await;

    let count: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1, "no user was created");
}

#[tokio::test]
async fn an_unknown_tenant_is_refused() {
    let app = spawn_app().await;
    configure(&app, SECRET, true).await;

    let path = Spec::new(TenantId::random(), "camille@acme.example").signed_with(SECRET);
    assert_refused(&app, &path, 403, "unknown_tenant").await;
}

#[tokio::test]
async fn hand_offs_are_refused_while_disabled_or_never_configured() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    assert_refused(&app, &path, 403, "disabled").await;

    configure(&app, SECRET, false).await;
    handoff_settings::set_options(&app.db, false, false, "test")
        .await
        .unwrap();
    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    assert_refused(&app, &path, 403, "disabled").await;
}

#[tokio::test]
async fn a_malformed_hand_off_is_refused_without_an_error_page_detail() {
    let app = spawn_app().await;
    configure(&app, SECRET, false).await;

    assert_refused(
        &app,
        "/handoff?tenant=acme&signature=f00dfacef00d",
        403,
        "malformed",
    )
    .await;
}

#[tokio::test]
async fn a_refused_hand_off_signs_out_whoever_was_signed_in() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;
    let browser = client();
    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    app.get_with(&browser, &path).await;
    assert!(signed_in(&app, &browser).await);

    let expired = Spec::new(customer.tenant_id, &customer.email);
    let expires = OffsetDateTime::now_utc().unix_timestamp() - 1;
    let response = app
        .get_with(&browser, &expired.path(expires, &"0".repeat(64)))
        .await;

    assert_eq!(response.status(), 403);
    assert!(!signed_in(&app, &browser).await);
}
