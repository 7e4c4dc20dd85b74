//! The connection form: checked with Twilio on save, a bad SID or refused token keeps the form
//! with a message beside the field (the SID kept, the token never echoed), Twilio down saves it
//! "not verified", and only admins reach any of it.

use super::{PAGE, Setup, create_subaccount};
use crate::harness::spawn_app;
use crate::html::{attr, parse, text};

async fn parent_rows(db: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from parent_account")
        .fetch_one(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_bad_sid_or_a_refused_token_keeps_the_form_with_a_message_beside_the_field() {
    let (setup, _) = Setup::with_subaccounts(&[]).await;
    let sid = setup.parent.account_sid.clone();

    // A malformed SID.
    let response = setup.post_connection("AC123", "some-token").await;
    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#account_sid-error"),
        "The account SID is AC followed by 32 hexadecimal digits"
    );
    assert_eq!(
        attr(&page, "#account_sid", "value").as_deref(),
        Some("AC123")
    );
    assert_eq!(attr(&page, "#auth_token", "value").as_deref(), Some(""));

    // A token Twilio refuses.
    let response = setup.post_connection(&sid, "not-the-token").await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    let page = parse(&body);
    assert!(text(&page, "#auth_token-error").contains("Twilio refused"));
    assert_eq!(attr(&page, "#account_sid", "value"), Some(sid.clone()));
    assert!(!body.contains("not-the-token"), "the token is never echoed");

    // A subaccount's SID and token, given as the parent.
    let sub = create_subaccount(&setup.emulator, &setup.parent, "Acme").await;
    let sub_token = setup.token_of(&sub).await;
    let response = setup.post_connection(&sub, &sub_token).await;
    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#account_sid-error").contains("This is a subaccount"));

    assert_eq!(parent_rows(&setup.app.db).await, 0, "nothing was saved");
}

#[tokio::test]
async fn a_connected_parent_is_verified_and_its_token_never_shown_or_stored_in_clear() {
    let (setup, _) = Setup::with_subaccounts(&[]).await;

    setup.connect().await;

    let body = setup.page().await;
    let page = parse(&body);
    assert!(text(&page, "#notice").contains("Parent account connected"));
    assert!(text(&page, "#connection-status").contains(&setup.parent.account_sid));
    assert!(text(&page, "#connection-status").contains("Verified"));
    assert!(!body.contains(&setup.parent.auth_token));
    let sealed: Vec<u8> = sqlx::query_scalar("select auth_token_sealed from parent_account")
        .fetch_one(&setup.app.db)
        .await
        .unwrap();
    let token = setup.parent.auth_token.as_bytes();
    assert!(!sealed.windows(token.len()).any(|w| w == token));
}

#[tokio::test]
async fn twilio_down_saves_the_connection_marked_not_verified() {
    // Arrange: this app's Twilio is a closed port.
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, PAGE).await;

    // Act
    let form = [
        ("account_sid", "AC0123456789abcdef0123456789abcdef"),
        ("auth_token", "tok"),
        ("csrf_token", csrf.as_str()),
    ];
    let page = app.post_then_follow(&admin, PAGE, &form, PAGE).await;

    // Assert
    let page = parse(&page.text().await.unwrap());
    assert!(text(&page, "#notice").contains("not verified"));
    assert!(text(&page, "#connection-status").contains("Not verified"));
    assert_eq!(parent_rows(&app.db).await, 1);
}

#[tokio::test]
async fn support_staff_cannot_see_or_use_the_parent_account_page() {
    let (setup, _) = Setup::with_subaccounts(&["Acme"]).await;
    setup.connect().await;
    let support = setup.app.staff_client("support").await;
    let csrf = setup.app.csrf_at(&support, "/admin").await;

    assert_eq!(setup.app.get_with(&support, PAGE).await.status(), 403);
    for path in ["", "/discover", "/tenants", "/reviewed"] {
        let form = [
            ("csrf_token", csrf.as_str()),
            ("account_sid", setup.parent.account_sid.as_str()),
            ("auth_token", "x"),
        ];
        let response = setup
            .app
            .post_form(&support, &format!("{PAGE}{path}"), &form)
            .await;
        assert_eq!(response.status(), 403, "POST {PAGE}{path}");
    }
    let dashboard = setup.app.get_with(&support, "/admin").await;
    let dashboard = parse(&dashboard.text().await.unwrap());
    assert!(attr(&dashboard, "a[href='/admin/parent-account']", "href").is_none());
    let jobs: i64 =
        sqlx::query_scalar("select count(*) from job where kind = 'discover_subaccounts'")
            .fetch_one(&setup.app.db)
            .await
            .unwrap();
    assert_eq!(jobs, 0, "support staff started nothing");
}

#[tokio::test]
async fn every_post_of_the_page_needs_the_csrf_token() {
    let (setup, _) = Setup::with_subaccounts(&[]).await;
    let form = [
        ("account_sid", setup.parent.account_sid.as_str()),
        ("auth_token", setup.parent.auth_token.as_str()),
    ];
    for path in ["", "/discover", "/tenants", "/reviewed"] {
        let response = setup
            .app
            .post_form(&setup.admin, &format!("{PAGE}{path}"), &form)
            .await;
        assert_eq!(response.status(), 403, "POST {PAGE}{path}");
    }
    assert_eq!(parent_rows(&setup.app.db).await, 0);
}
