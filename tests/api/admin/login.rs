//! Staff sign-in: good and bad input, and rate limiting.

use super::{PASSWORD, create_staff, csrf_of, html, text};
use crate::helpers::{client, spawn_app};

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
    let page = html(&dashboard.text().await.unwrap());
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
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = csrf_of(
        &app.get_with(client, "/admin/login")
            .await
            .text()
            .await
            .unwrap(),
    );
    app.post_form(
        client,
        "/admin/login",
        &[
            ("email", email),
            ("password", password),
            ("csrf_token", &csrf),
        ],
    )
    .await
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_a_clear_message_and_the_email_kept() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();

    let response = attempt(&app, &staff, "ada@isv.example", "wrong password").await;

    assert_eq!(response.status(), 422);
    let page = html(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("email address or password is not right"));
    assert_eq!(
        super::attr(&page, "#email", "value").as_deref(),
        Some("ada@isv.example")
    );
    assert_eq!(
        super::attr(&page, "#password", "value"),
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
    let page = html(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("email address or password is not right"));
}

#[tokio::test]
async fn missing_or_malformed_fields_are_flagged_beside_each_field() {
    let app = spawn_app().await;

    let response = attempt(&app, &client(), "not-an-email", "").await;

    assert_eq!(response.status(), 422);
    let page = html(&response.text().await.unwrap());
    assert!(text(&page, "#email-error").contains("correct format"));
    assert_eq!(text(&page, "#password-error"), "Enter your password");
    assert_eq!(
        super::attr(&page, "#email", "value").as_deref(),
        Some("not-an-email")
    );
    assert_eq!(super::texts(&page, ".error-summary li").len(), 2);
}

#[tokio::test]
async fn repeated_failures_lock_the_email_even_for_the_right_password() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();
    for _ in 0..5 {
        assert_eq!(
            attempt(&app, &staff, "ada@isv.example", "guess")
                .await
                .status(),
            422
        );
    }

    let response = attempt(&app, &staff, "ada@isv.example", PASSWORD).await;

    assert_eq!(response.status(), 429);
    let page = html(&response.text().await.unwrap());
    assert!(text(&page, "#login-problem").contains("Too many failed sign-in attempts"));
    assert_eq!(app.get_with(&staff, "/admin").await.status(), 303);
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
