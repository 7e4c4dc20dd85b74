//! Staff sign-in: good and bad input, and rate limiting.

use super::{PASSWORD, create_staff};
use crate::harness::{client, spawn_app};
use crate::html::{csrf_token, parse, text};

#[tokio::test]
async fn a_staff_member_signs_in_with_email_and_password_and_sees_the_dashboard() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada Lovelace", "admin").await;
    let staff = client();

    let response = app.staff_login(&staff, "ADA@isv.example").await;
    let dashboard = app.get_with(&staff, "/admin").await;

    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/admin");
    assert_eq!(dashboard.status(), 200);
    let page = parse(&dashboard.text().await.unwrap());
    assert_eq!(text(&page, "h1"), "Dashboard");
    assert_eq!(text(&page, ".staff-name"), "Ada Lovelace");
    let last_login: Option<time::OffsetDateTime> =
        sqlx::query_scalar("select last_login_at from staff_user where email = 'ada@isv.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(last_login.is_some());
}

async fn attempt(
    app: &crate::harness::TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    attempt_from(app, client, None, email, password).await
}

/// A sign-in attempt from the client address `from` (told by the test's trusted local proxy).
pub async fn attempt_from(
    app: &crate::harness::TestApp,
    client: &reqwest::Client,
    from: Option<&str>,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = csrf_token(
        &app.get_with(client, "/admin/login")
            .await
            .text()
            .await
            .unwrap(),
    );
    let mut request = client.post(format!("{}/admin/login", app.address)).form(&[
        ("email", email),
        ("password", password),
        ("csrf_token", &csrf),
    ]);
    if let Some(from) = from {
        request = request.header("x-forwarded-for", from);
    }
    request.send().await.unwrap()
}

/// Lets every running sign-in wait run out, as if the client had waited.
pub async fn wait_out_throttle(app: &crate::harness::TestApp) {
    sqlx::query("update staff_sign_in_throttle set next_allowed_at = now()")
        .execute(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_a_clear_message_and_the_email_kept() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();

    let response = attempt(&app, &staff, "ada@isv.example", "wrong password").await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("email address or password is not right"));
    assert_eq!(
        crate::html::attr(&page, "#email", "value").as_deref(),
        Some("ada@isv.example")
    );
    assert_eq!(
        crate::html::attr(&page, "#password", "value"),
        None,
        "passwords are never echoed"
    );
    assert_eq!(app.get_with(&staff, "/admin").await.status(), 303);
}

#[tokio::test]
async fn an_unknown_email_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;

    let response = attempt(&app, &client(), "nobody@isv.example", PASSWORD).await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("email address or password is not right"));
}

#[tokio::test]
async fn missing_or_malformed_fields_are_flagged_beside_each_field() {
    let app = spawn_app().await;

    let response = attempt(&app, &client(), "not-an-email", "").await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#email-error").contains("correct format"));
    assert_eq!(text(&page, "#password-error"), "Enter your password");
    assert_eq!(
        crate::html::attr(&page, "#email", "value").as_deref(),
        Some("not-an-email")
    );
    assert_eq!(crate::html::texts(&page, ".error-summary li").len(), 2);
}

#[tokio::test]
async fn failures_aimed_at_a_staff_address_from_one_client_do_not_lock_out_its_owner() {
    // Arrange: an attacker fails five times for Ada's address (waiting out each delay).
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let attacker = client();
    for _ in 0..5 {
        let response = attempt_from(
            &app,
            &attacker,
            Some("203.0.113.9"),
            "ada@isv.example",
            "guess",
        )
        .await;
        assert_eq!(response.status(), 422);
        wait_out_throttle(&app).await;
    }
    let staff = client();

    // Act: Ada signs in from her own network.
    let response = attempt_from(
        &app,
        &staff,
        Some("198.51.100.7"),
        "ada@isv.example",
        PASSWORD,
    )
    .await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/admin");
    assert_eq!(app.get_with(&staff, "/admin").await.status(), 200);
}

#[tokio::test]
async fn each_failure_makes_the_same_client_wait_longer_and_the_form_says_how_long() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();
    let from = Some("198.51.100.7");

    for expected in ["1 second", "2 seconds", "4 seconds", "8 seconds"] {
        let failed = attempt_from(&app, &staff, from, "ada@isv.example", "guess").await;
        assert_eq!(failed.status(), 422);
        // Act: the right password at once, before the wait ran out.
        let early = attempt_from(&app, &staff, from, "ada@isv.example", PASSWORD).await;

        // Assert: refused unchecked, with the wait beside the form and the email kept.
        assert_eq!(early.status(), 429, "after a failure the next try waits");
        assert!(early.headers().contains_key("retry-after"));
        let page = parse(&early.text().await.unwrap());
        assert_eq!(
            text(&page, "#login-problem"),
            format!("Too many failed sign-in attempts. Try again in {expected}.")
        );
        assert_eq!(
            crate::html::attr(&page, "#email", "value").as_deref(),
            Some("ada@isv.example")
        );
        wait_out_throttle(&app).await;
    }
    assert_eq!(app.get_with(&staff, "/admin").await.status(), 303);

    let after_the_wait = attempt_from(&app, &staff, from, "ada@isv.example", PASSWORD).await;
    assert_eq!(
        after_the_wait.status(),
        303,
        "the right password once the wait is over"
    );
    let left: i64 = sqlx::query_scalar("select count(*) from staff_sign_in_throttle")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0, "a sign-in forgets this client's failures");
}

#[tokio::test]
async fn the_delay_stops_growing_at_fifteen_minutes() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();
    sqlx::query(
        "insert into staff_sign_in_throttle (email, client, failures, last_failure_at, next_allowed_at)
         values ('ada@isv.example', '127.0.0.1', 30, now(), now())",
    )
    .execute(&app.db)
    .await
    .unwrap();

    attempt(&app, &staff, "ada@isv.example", "guess").await;
    let response = attempt(&app, &staff, "ada@isv.example", PASSWORD).await;

    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "900");
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("Try again in 15 minutes"));
}

#[tokio::test]
async fn one_client_guessing_many_emails_is_locked_out() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let attacker = client();
    for i in 0..20 {
        attempt(&app, &attacker, &format!("guess{i}@isv.example"), "guess").await;
    }

    let response = attempt(&app, &attacker, "ada@isv.example", PASSWORD).await;

    assert_eq!(response.status(), 429);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("Try again in 15 minutes"));
    let elsewhere = attempt_from(
        &app,
        &client(),
        Some("198.51.100.7"),
        "ada@isv.example",
        PASSWORD,
    )
    .await;
    assert_eq!(elsewhere.status(), 303, "other clients are not capped");
}

#[tokio::test]
async fn the_login_form_refuses_a_post_without_its_csrf_token() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();

    let response = app
        .post_form(
            &staff,
            "/admin/login",
            &[("email", "ada@isv.example"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(response.status(), 403);
}
