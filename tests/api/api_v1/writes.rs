//! Minting renewal links and starting syncs: read-write keys only, idempotent with an
//! `Idempotency-Key`.

use recomply::domain::api_scope::ApiScope;
use recomply::domain::ids::{ApiKeyId, TenantId, UserId};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::{Api, assert_problem, create_key};
use crate::harness::{client, follow_link, spawn_app};
use crate::html::location;
use crate::portal::session::outbox_count;
use recomply::domain::renewal::RenewalState;

async fn links_of(db: &PgPool, app_user_id: UserId) -> i64 {
    sqlx::query_scalar("select count(*) from magic_link where app_user_id = $1")
        .bind(app_user_id)
        .fetch_one(db)
        .await
        .unwrap()
}

async fn sweeps_of(db: &PgPool, tenant_id: TenantId) -> i64 {
    sqlx::query_scalar(
        "select count(*) from job where kind = 'sweep_tenant' and tenant_id = $1 and status = 'pending'",
    )
    .bind(tenant_id)
    .fetch_one(db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_minted_link_signs_the_user_into_the_renewal_and_is_on_its_timeline() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&customer, RenewalState::Collecting)
        .await;
    let key = create_key(&app, ApiScope::ReadWrite, None).await;
    let api = Api::new(&app).await;
    let path = format!(
        "/api/v1/tenants/{}/renewals/{renewal_id}/links",
        customer.tenant_id
    );
    let minted = api
        .post(&path, &key, &json!({"user_id": customer.app_user_id}))
        .await;
    assert_eq!(minted.status, 201, "{:?}", minted.body);
    assert_eq!(minted.body["renewal_id"], renewal_id.to_string());
    let url = minted.body["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/login/", app.address)));
    // Nothing was emailed: the ISV sends it through its own channel.
    assert_eq!(outbox_count(&app).await, 0);

    let browser = client();
    let landed = follow_link(&browser, url).await;
    assert_eq!(location(&landed), format!("/renewals/{renewal_id}"));
    // A renewal link, like the emailed ones: a second device can open it too.
    let again = follow_link(&client(), url).await;
    assert_eq!(location(&again), format!("/renewals/{renewal_id}"));
    let expires_at = time::OffsetDateTime::parse(
        minted.body["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(
        expires_at > time::OffsetDateTime::now_utc() + time::Duration::days(29),
        "it works as long as the emailed renewal links (30 days by default)"
    );

    let detail = api
        .get(
            &format!(
                "/api/v1/tenants/{}/renewals/{renewal_id}",
                customer.tenant_id
            ),
            &key,
        )
        .await;
    let last = detail.body["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["event"], "sign_in_link_created");
    assert_eq!(last["actor"], "API key \"Test backend\"");
    assert!(
        !last.to_string().contains(url),
        "the link is never on the timeline"
    );

    let stranger = api
        .post(&path, &key, &json!({"user_id": Uuid::new_v4()}))
        .await;
    assert_problem(&stranger, 422);
    let malformed = api.post(&path, &key, &json!({"user": "x"})).await;
    assert_problem(&malformed, 422);
}

#[tokio::test]
async fn a_sync_request_queues_one_sweep_of_the_tenant() {
    let app = spawn_app().await;
    let customer = app.seed().customer("Globex", "ops@globex.example").await;
    let key = create_key(&app, ApiScope::ReadWrite, None).await;
    let api = Api::new(&app).await;
    let path = format!("/api/v1/tenants/{}/syncs", customer.tenant_id);
    let started = api.post(&path, &key, &json!({})).await;
    assert_eq!(started.status, 202);
    assert_eq!(started.body["status"], "queued");
    assert_eq!(sweeps_of(&app.db, customer.tenant_id).await, 1);
    api.post(&path, &key, &json!({})).await;
    assert_eq!(
        sweeps_of(&app.db, customer.tenant_id).await,
        1,
        "collapses with the sweep already waiting"
    );
}

#[tokio::test]
async fn a_read_key_cannot_post_and_nothing_happens() {
    let app = spawn_app().await;
    let customer = app.seed().customer("Initech", "bill@initech.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&customer, RenewalState::Collecting)
        .await;
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    let sync = api
        .post(
            &format!("/api/v1/tenants/{}/syncs", customer.tenant_id),
            &key,
            &json!({}),
        )
        .await;
    assert_problem(&sync, 403);
    let link = api
        .post(
            &format!(
                "/api/v1/tenants/{}/renewals/{renewal_id}/links",
                customer.tenant_id
            ),
            &key,
            &json!({"user_id": customer.app_user_id}),
        )
        .await;
    assert_problem(&link, 403);
    assert_eq!(sweeps_of(&app.db, customer.tenant_id).await, 0);
    assert_eq!(links_of(&app.db, customer.app_user_id).await, 0);
}

#[tokio::test]
async fn a_retried_post_replays_its_first_answer_and_a_reused_key_is_refused() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&customer, RenewalState::Collecting)
        .await;
    let key = create_key(&app, ApiScope::ReadWrite, None).await;
    let api = Api::new(&app).await;
    let path = format!(
        "/api/v1/tenants/{}/renewals/{renewal_id}/links",
        customer.tenant_id
    );
    let body = json!({"user_id": customer.app_user_id});
    let first = api.post_idempotent(&path, &key, "order-42", &body).await;
    assert_eq!(first.status, 201);
    assert!(!first.headers.contains_key("idempotent-replayed"));
    let retry = api.post_idempotent(&path, &key, "order-42", &body).await;
    assert_eq!(retry.status, 201);
    assert_eq!(retry.body, first.body, "the same link, not a new one");
    assert_eq!(retry.headers["idempotent-replayed"], "true");
    assert_eq!(links_of(&app.db, customer.app_user_id).await, 1);

    let other_user =
        recomply::db::users::add_user(&app.db, customer.tenant_id, "second@acme.example", "")
            .await
            .unwrap();
    let reused = api
        .post_idempotent(
            &path,
            &key,
            "order-42",
            &json!({"user_id": other_user.app_user_id}),
        )
        .await;
    assert_problem(&reused, 422);
    assert_eq!(links_of(&app.db, other_user.app_user_id).await, 0);

    // Another key's idempotency keys are its own.
    let other_key = create_key(&app, ApiScope::ReadWrite, None).await;
    let fresh = api
        .post_idempotent(&path, &other_key, "order-42", &body)
        .await;
    assert_eq!(fresh.status, 201);
    assert_ne!(fresh.body["url"], first.body["url"]);
    let bad = api.post_idempotent(&path, &key, "two words", &body).await;
    assert_problem(&bad, 400);
}

#[tokio::test]
async fn an_oversized_body_is_refused_as_a_problem_before_anything_is_done() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&customer, RenewalState::Collecting)
        .await;
    let key = create_key(&app, ApiScope::ReadWrite, None).await;
    let api = Api::new(&app).await;
    let path = format!(
        "/api/v1/tenants/{}/renewals/{renewal_id}/links",
        customer.tenant_id
    );
    let padding = "x".repeat(100 * 1024);
    let body = json!({"user_id": customer.app_user_id, "padding": padding});
    assert_problem(&api.post(&path, &key, &body).await, 413);
    assert_problem(&api.post_idempotent(&path, &key, "big-1", &body).await, 413);
    assert_eq!(links_of(&app.db, customer.app_user_id).await, 0);
}

#[tokio::test]
async fn a_retry_while_the_first_request_is_still_running_is_told_to_wait() {
    let app = spawn_app().await;
    let customer = app.seed().customer("Globex", "ops@globex.example").await;
    let key = create_key(&app, ApiScope::ReadWrite, None).await;
    let api_key_id: ApiKeyId = key["rk_live_".len().."rk_live_".len() + 32]
        .parse()
        .unwrap();
    let api = Api::new(&app).await;
    let path = format!("/api/v1/tenants/{}/syncs", customer.tenant_id);
    let body = json!({});
    // The first request with this key has claimed it and not answered yet.
    let hash = recomply::web::api::idempotency::fingerprint(
        &reqwest::Method::POST,
        &path,
        &serde_json::to_vec(&body).unwrap(),
    );
    let claimed = recomply::db::api_idempotency::claim(&app.db, api_key_id, "sync-1", &hash)
        .await
        .unwrap();
    assert!(claimed.is_none());
    let retry = api.post_idempotent(&path, &key, "sync-1", &body).await;
    assert_problem(&retry, 409);
    assert_eq!(sweeps_of(&app.db, customer.tenant_id).await, 0);
}
