//! The staff sign-in audit page and the CSRF token's rotation at sign-in.

use super::login::{attempt_from, wait_out_throttle};
use super::{PASSWORD, create_staff};
use crate::harness::{client, spawn_app};
use crate::html::{parse, text, texts};

#[tokio::test]
async fn every_sign_in_attempt_is_listed_newest_first_for_admins() {
    // Arrange: a wrong password, a throttled retry, then the right password.
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada Lovelace", "admin").await;
    let ada = client();
    let from = Some("198.51.100.7");
    attempt_from(&app, &ada, from, "ada@isv.example", "guess").await;
    attempt_from(&app, &ada, from, "ada@isv.example", PASSWORD).await;
    wait_out_throttle(&app).await;
    let response = attempt_from(&app, &ada, from, "ada@isv.example", PASSWORD).await;
    assert_eq!(response.status(), 303);

    // Act
    let page = app.get_with(&ada, "/admin/sign-ins").await;

    // Assert
    assert_eq!(page.status(), 200);
    let page = parse(&page.text().await.unwrap());
    assert_eq!(
        texts(&page, ".sign-ins-table tbody td:nth-child(3)"),
        ["Signed in", "Throttled", "Wrong password"]
    );
    assert_eq!(
        texts(&page, ".sign-in-client"),
        ["198.51.100.7", "198.51.100.7", "198.51.100.7"]
    );
    assert!(text(&page, ".sign-in-email").contains("ada@isv.example"));
    assert!(text(&page, ".sign-in-email").contains("Ada Lovelace"));
    assert!(texts(&page, "nav a").iter().any(|t| t == "Sign-ins"));
}

#[tokio::test]
async fn the_browser_and_an_unknown_address_are_recorded_too() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let stranger = reqwest::Client::builder()
        .cookie_store(true)
        .user_agent("Mozilla/5.0 (AuditTest)")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    attempt_from(
        &app,
        &stranger,
        Some("203.0.113.9"),
        "nobody@isv.example",
        "guess",
    )
    .await;

    let page = parse(
        &app.get_with(&admin, "/admin/sign-ins")
            .await
            .text()
            .await
            .unwrap(),
    );

    assert_eq!(text(&page, ".sign-in-email"), "nobody@isv.example");
    assert_eq!(text(&page, ".sign-in-agent"), "Mozilla/5.0 (AuditTest)");
    assert_eq!(text(&page, ".sign-in-client"), "203.0.113.9");
}

#[tokio::test]
async fn the_audit_page_pages_through_many_attempts() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    sqlx::query(
        "insert into staff_sign_in (email, client, outcome, created_at)
         select 'guess' || n || '@isv.example', '203.0.113.9', 'wrong_password',
                now() - make_interval(mins => n)
         from generate_series(1, 60) n",
    )
    .execute(&app.db)
    .await
    .unwrap();

    let first = parse(
        &app.get_with(&admin, "/admin/sign-ins")
            .await
            .text()
            .await
            .unwrap(),
    );
    let second = parse(
        &app.get_with(&admin, "/admin/sign-ins?page=2")
            .await
            .text()
            .await
            .unwrap(),
    );

    assert_eq!(text(&first, "#result-count"), "1–50 of 61");
    assert!(
        text(&first, ".sign-in-email").contains("Ada Admin"),
        "the admin's own sign-in is newest"
    );
    assert_eq!(texts(&second, ".sign-in-email").len(), 11);
    assert_eq!(
        texts(&second, ".sign-in-email").last().unwrap(),
        "guess60@isv.example"
    );
    assert_eq!(
        app.get_with(&admin, "/admin/sign-ins?page=x")
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn a_support_staff_member_cannot_see_the_sign_in_audit() {
    let app = spawn_app().await;
    let support = app.staff_client("support").await;

    let response = app.get_with(&support, "/admin/sign-ins").await;
    let dashboard = parse(&app.get_with(&support, "/admin").await.text().await.unwrap());

    assert_eq!(response.status(), 403);
    assert!(!texts(&dashboard, "nav a").iter().any(|t| t == "Sign-ins"));
}

#[tokio::test]
async fn signing_in_replaces_the_sessions_csrf_token() {
    // Arrange: a session that already holds a CSRF token (signed in once).
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let ada = client();
    let login_token = app.csrf_at(&ada, "/admin/login").await;
    let fields = [
        ("email", "ada@isv.example"),
        ("password", PASSWORD),
        ("csrf_token", login_token.as_str()),
    ];
    app.post_form(&ada, "/admin/login", &fields).await;
    let before = app.csrf_at(&ada, "/admin").await;

    // Act: signing in again in the same browser.
    let again = app.post_form(&ada, "/admin/login", &fields).await;
    assert_eq!(again.status(), 303);
    let after = app.csrf_at(&ada, "/admin").await;

    // Assert: the old token no longer works for a signed-in form.
    assert_ne!(before, after);
    let stale = app
        .post_form(&ada, "/admin/logout", &[("csrf_token", &before)])
        .await;
    assert_eq!(stale.status(), 403);
}
