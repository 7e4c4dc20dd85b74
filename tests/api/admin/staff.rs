//! Admins create staff accounts; bad input is flagged beside each field.

use crate::harness::{client, spawn_app};
use crate::html::{attr, csrf_token, parse, text, texts};

#[tokio::test]
async fn an_admin_creates_a_support_member_who_signs_in_with_the_password_shown_once() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/staff").await;

    // Act
    let response = app
        .post_form(
            &admin,
            "/admin/staff",
            &[
                ("email", "Sam@ISV.example"),
                ("name", "Sam Support"),
                ("role", "support"),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    // Assert
    assert_eq!(response.status(), 200);
    let page = parse(&response.text().await.unwrap());
    let password = text(&page, ".secret-once");
    assert!(password.len() >= 20);
    assert!(texts(&page, "tbody td").contains(&"sam@isv.example".to_owned()));
    let listed = parse(
        &app.get_with(&admin, "/admin/staff")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        text(&listed, ".secret-once").is_empty(),
        "the password is shown only once"
    );
    let sam = client();
    let form = app
        .get_with(&sam, "/admin/login")
        .await
        .text()
        .await
        .unwrap();
    let signed_in = app
        .post_form(
            &sam,
            "/admin/login",
            &[
                ("email", "sam@isv.example"),
                ("password", &password),
                ("csrf_token", &csrf_token(&form)),
            ],
        )
        .await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(
        app.get_with(&sam, "/admin/staff").await.status(),
        403,
        "support cannot manage staff"
    );
}

#[tokio::test]
async fn bad_staff_input_is_flagged_beside_each_field_and_nothing_typed_is_lost() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/staff").await;

    let response = app
        .post_form(
            &admin,
            "/admin/staff",
            &[
                ("email", "sam at isv"),
                ("name", "  "),
                ("role", "root"),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#email-error").contains("correct format"));
    assert_eq!(text(&page, "#name-error"), "Enter a name");
    assert_eq!(text(&page, "#role-error"), "Choose a role");
    assert_eq!(
        attr(&page, "#email", "value").as_deref(),
        Some("sam at isv")
    );
    assert_eq!(texts(&page, ".error-summary li").len(), 3);
}

#[tokio::test]
async fn a_second_account_with_the_same_email_is_refused_beside_the_email_field() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    super::create_staff(&app.db, "sam@isv.example", "Sam", "support").await;
    let csrf = app.csrf_at(&admin, "/admin/staff").await;

    let response = app
        .post_form(
            &admin,
            "/admin/staff",
            &[
                ("email", "sam@isv.example"),
                ("name", "Sam Two"),
                ("role", "admin"),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#email-error").contains("already exists"));
    assert_eq!(attr(&page, "#name", "value").as_deref(), Some("Sam Two"));
    assert!(attr(&page, "#role option[value=admin]", "selected").is_some());
}
