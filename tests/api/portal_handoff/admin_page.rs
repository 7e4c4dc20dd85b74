//! `/admin/hand-off`: admins only, CSRF on both forms, the secret shown once and never again.

use super::{Spec, signed_in};
use crate::harness::{TestApp, client, spawn_app};
use crate::html::{attr, parse, text};

const PAGE: &str = "/admin/hand-off";

/// Generates a secret on the page as `admin` does; returns it as shown.
async fn generate(app: &TestApp, admin: &reqwest::Client) -> String {
    let csrf = app.csrf_at(admin, PAGE).await;
    let response = app
        .post_form(admin, "/admin/hand-off/secret", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(response.status(), 200);
    let page = parse(&response.text().await.unwrap());
    text(&page, "#secret-created code")
}

/// Saves the options form.
async fn save(
    app: &TestApp,
    admin: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf_at(admin, PAGE).await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(fields);
    app.post_form(admin, PAGE, &form).await
}

#[tokio::test]
async fn the_page_and_its_forms_are_for_admins_only() {
    let app = spawn_app().await;
    let support = app.staff_client("support").await;
    let csrf = app.csrf_at(&support, "/admin").await;

    assert_eq!(app.get_with(&support, PAGE).await.status(), 403);
    let post = app
        .post_form(&support, "/admin/hand-off/secret", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(post.status(), 403);
    let post = app
        .post_form(&support, PAGE, &[("csrf_token", &csrf), ("enabled", "on")])
        .await;
    assert_eq!(post.status(), 403);
    let settings = recomply::db::handoff_settings::get(&app.db).await.unwrap();
    assert!(!settings.has_secret && !settings.enabled);

    let dashboard = app.get_with(&support, "/admin").await.text().await.unwrap();
    assert!(
        !dashboard.contains("href=\"/admin/hand-off\""),
        "no link for support"
    );
    let anonymous = client();
    let response = app.get_with(&anonymous, PAGE).await;
    assert_eq!(response.status(), 303, "anonymous visitors sign in first");
}

#[tokio::test]
async fn both_forms_need_the_csrf_token() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let secret = app
        .post_form(
            &admin,
            "/admin/hand-off/secret",
            &[("csrf_token", "forged")],
        )
        .await;
    let options = app
        .post_form(&admin, PAGE, &[("csrf_token", "forged"), ("enabled", "on")])
        .await;

    assert_eq!(secret.status(), 403);
    assert_eq!(options.status(), 403);
    let settings = recomply::db::handoff_settings::get(&app.db).await.unwrap();
    assert!(!settings.has_secret && !settings.enabled);
}

#[tokio::test]
async fn the_secret_is_shown_once_stored_sealed_and_works_for_hand_offs() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;

    let secret = generate(&app, &admin).await;
    assert_eq!(secret.len(), 43, "{secret}");

    let later = app.get_with(&admin, PAGE).await.text().await.unwrap();
    assert!(!later.contains(&secret), "never shown again");
    assert!(text(&parse(&later), "#secret-status").contains("A secret is set"));
    let sealed: Vec<u8> = sqlx::query_scalar("select secret_sealed from handoff_settings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(!sealed.windows(secret.len()).any(|w| w == secret.as_bytes()));
    assert!(
        !crate::harness::captured_logs().contains(&secret),
        "never logged"
    );

    // Off until enabled; then the shown secret signs hand-offs.
    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(&secret);
    assert_eq!(app.get_with(&client(), &path).await.status(), 403);
    let saved = save(&app, &admin, &[("enabled", "on")]).await;
    assert_eq!(saved.status(), 303);
    let notice = app.get_with(&admin, PAGE).await.text().await.unwrap();
    assert!(text(&parse(&notice), "#notice").contains("Hand-offs are on"));
    let browser = client();
    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(&secret);
    assert_eq!(app.get_with(&browser, &path).await.status(), 303);
    assert!(signed_in(&app, &browser).await);
}

#[tokio::test]
async fn rotating_the_secret_stops_the_old_one_at_once() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    let old = generate(&app, &admin).await;
    save(&app, &admin, &[("enabled", "on")]).await;
    let page = app.get_with(&admin, PAGE).await.text().await.unwrap();
    assert_eq!(
        text(
            &parse(&page),
            "form[action='/admin/hand-off/secret'] button"
        ),
        "Rotate secret"
    );

    let new = generate(&app, &admin).await;

    assert_ne!(old, new);
    let with_old = Spec::new(customer.tenant_id, &customer.email).signed_with(&old);
    assert_eq!(app.get_with(&client(), &with_old).await.status(), 403);
    let with_new = Spec::new(customer.tenant_id, &customer.email).signed_with(&new);
    assert_eq!(app.get_with(&client(), &with_new).await.status(), 303);
}

#[tokio::test]
async fn enabling_without_a_secret_is_refused_beside_the_field_keeping_the_input() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let response = save(&app, &admin, &[("enabled", "on"), ("create_users", "on")]).await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#enabled-error").contains("Generate a secret first"));
    assert!(attr(&page, "#enabled", "checked").is_some(), "input kept");
    assert!(
        attr(&page, "#create_users", "checked").is_some(),
        "input kept"
    );
    let settings = recomply::db::handoff_settings::get(&app.db).await.unwrap();
    assert!(!settings.enabled && !settings.create_users);
}

#[tokio::test]
async fn the_create_users_option_is_saved_and_shown() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    generate(&app, &admin).await;

    let saved = save(&app, &admin, &[("enabled", "on"), ("create_users", "on")]).await;
    assert_eq!(saved.status(), 303);
    let page = parse(&app.get_with(&admin, PAGE).await.text().await.unwrap());
    assert!(attr(&page, "#create_users", "checked").is_some());

    save(&app, &admin, &[]).await;
    let page = parse(&app.get_with(&admin, PAGE).await.text().await.unwrap());
    assert!(attr(&page, "#enabled", "checked").is_none());
    assert!(text(&page, "#notice").contains("Hand-offs are off"));
}
