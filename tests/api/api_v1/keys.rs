//! The admin page for API keys: creating one (shown once), its last use, revoking it while it
//! is in use.

use recomply::domain::api_scope::ApiScope;

use super::{Api, assert_problem};
use crate::harness::{captured_logs, spawn_app};
use crate::html::{attr, parse, text, texts};

#[tokio::test]
async fn a_bad_create_form_says_what_is_wrong_beside_each_field_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/api-keys").await;
    let tenant = customer.tenant_id.to_string();
    let response = app
        .post_form(
            &admin,
            "/admin/api-keys",
            &[
                ("name", "   "),
                ("scope", "superuser"),
                ("tenant_id", &tenant),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(text(&page, "#name-error"), "Enter a name for the key");
    assert_eq!(text(&page, "#scope-error"), "Choose what the key may do");
    assert_eq!(
        attr(&page, "#tenant_id option[selected]", "value").as_deref(),
        Some(tenant.as_str()),
        "the chosen tenant is kept"
    );
    assert!(texts(&page, "#key-created").is_empty());

    let too_long = "k".repeat(101);
    let response = app
        .post_form(
            &admin,
            "/admin/api-keys",
            &[
                ("name", &too_long),
                ("scope", "read_write"),
                ("tenant_id", "not-a-tenant"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(text(&page, "#name-error"), "Use at most 100 characters");
    assert_eq!(attr(&page, "#name", "value"), Some(too_long));
    assert_eq!(
        attr(&page, "#scope option[selected]", "value").as_deref(),
        Some("read_write")
    );
    assert!(text(&page, "#tenant_id-error").starts_with("Choose a tenant"));
    let keys: i64 = sqlx::query_scalar("select count(*) from api_key")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(keys, 0);
}

#[tokio::test]
async fn a_key_is_shown_once_stored_hashed_and_stops_working_when_revoked_mid_use() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/api-keys").await;
    let created = app
        .post_form(
            &admin,
            "/admin/api-keys",
            &[
                ("name", "Billing backend"),
                ("scope", "read"),
                ("tenant_id", ""),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(created.status(), 200);
    let page = parse(&created.text().await.unwrap());
    let key = text(&page, "#key-created code");
    assert!(key.starts_with("rk_live_"), "{key}");

    // Shown once: the list no longer has it, and the database holds only a hash.
    let list = app
        .get_with(&admin, "/admin/api-keys")
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains(&key));
    assert!(list.contains("Billing backend"));
    let stored: String = sqlx::query_scalar("select row_to_json(k)::text from api_key k")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let secret = &key["rk_live_".len() + 33..];
    assert_eq!(secret.len(), 43);
    assert!(!stored.contains(secret));
    assert_eq!(text(&parse(&list), "#api-keys .last-used"), "Never");

    let api = Api::new(&app).await;
    let path = format!("/api/v1/tenants/{}", customer.tenant_id);
    assert_eq!(api.get(&path, &key).await.status, 200);
    let list = parse(
        &app.get_with(&admin, "/admin/api-keys")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_ne!(
        text(&list, "#api-keys .last-used"),
        "Never",
        "last use is shown"
    );

    let key_id = attr(&list, "#api-keys tr[data-key-id]", "data-key-id").unwrap();
    let revoke = format!("/admin/api-keys/{key_id}/revoke");
    let refused = app
        .post_form(&admin, &revoke, &[("csrf_token", "forged")])
        .await;
    assert_eq!(refused.status(), 403, "CSRF is checked");
    assert_eq!(api.get(&path, &key).await.status, 200);
    let after = app
        .post_then_follow(&admin, &revoke, &[("csrf_token", &csrf)], "/admin/api-keys")
        .await;
    let after = parse(&after.text().await.unwrap());
    assert!(text(&after, "#notice").contains("revoked"));
    assert!(text(&after, "#api-keys").contains("Revoked"));
    assert_problem(&api.get(&path, &key).await, 401);
    assert!(!captured_logs().contains(secret), "the key is never logged");
}

#[tokio::test]
async fn support_staff_cannot_manage_api_keys() {
    let app = spawn_app().await;
    let support = app.staff_client("support").await;
    assert_eq!(
        app.get_with(&support, "/admin/api-keys").await.status(),
        403
    );
    let key = super::create_key(&app, ApiScope::Read, None).await;
    let key_id = &key["rk_live_".len().."rk_live_".len() + 32];
    let csrf = app.csrf_at(&support, "/admin").await;
    let revoke = format!("/admin/api-keys/{key_id}/revoke");
    let refused = app
        .post_form(&support, &revoke, &[("csrf_token", &csrf)])
        .await;
    assert_eq!(refused.status(), 403);
    let revoked: Option<time::OffsetDateTime> =
        sqlx::query_scalar("select revoked_at from api_key")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(revoked.is_none());
}
