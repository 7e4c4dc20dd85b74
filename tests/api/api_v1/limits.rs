//! Per-key rate limits and refused keys.

use recomply::domain::api_scope::ApiScope;
use reqwest::Method;

use super::{Api, assert_problem, create_key};
use crate::harness::{spawn_app, spawn_app_with};

#[tokio::test]
async fn a_key_over_its_rate_limit_is_told_when_to_retry_and_other_keys_are_unaffected() {
    let app = spawn_app_with(|config| config.api_requests_per_minute = 3).await;
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    // 7 requests: however they fall across a minute boundary, one minute holds at least 4.
    let mut statuses = Vec::new();
    let mut limited = None;
    for _ in 0..7 {
        let response = api.get("/api/v1/tenants", &key).await;
        statuses.push(response.status);
        if response.status == 429 {
            limited = Some(response);
        }
    }
    assert_eq!(statuses[..3], [200, 200, 200], "{statuses:?}");
    let limited = limited.expect("a 429 among the requests");
    assert_problem(&limited, 429);
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");

    let other = create_key(&app, ApiScope::Read, None).await;
    assert_eq!(api.get("/api/v1/tenants", &other).await.status, 200);
}

#[tokio::test]
async fn missing_malformed_and_wrong_keys_answer_401() {
    let app = spawn_app().await;
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    let none = api
        .send(Method::GET, "/api/v1/tenants", None, None, &[])
        .await;
    assert_problem(&none, 401);
    assert!(
        none.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert_problem(&api.get("/api/v1/tenants", "rk_live_nonsense").await, 401);
    // The right id with another secret.
    let last = if key.ends_with('x') { "y" } else { "x" };
    let forged = format!("{}{last}", &key[..key.len() - 1]);
    assert_problem(&api.get("/api/v1/tenants", &forged).await, 401);
    assert_eq!(api.get("/api/v1/tenants", &key).await.status, 200);
}
