//! A key restricted to one tenant sees that tenant only; another tenant looks absent.

use recomply::domain::api_scope::ApiScope;
use serde_json::json;

use super::{Api, assert_problem, create_key};
use crate::harness::spawn_app;
use crate::portal::session::outbox_count;
use recomply::domain::renewal::RenewalState;

#[tokio::test]
async fn a_tenant_restricted_key_cannot_see_or_touch_another_tenant() {
    let app = spawn_app().await;
    let mine = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let theirs = app.seed().customer("Globex", "hank@globex.example").await;
    let my_renewal = app
        .seed()
        .renewal_without_snapshot(&mine, RenewalState::Collecting)
        .await;
    let their_renewal = app
        .seed()
        .renewal_without_snapshot(&theirs, RenewalState::Collecting)
        .await;
    let key = create_key(&app, ApiScope::ReadWrite, Some(mine.tenant_id)).await;
    let api = Api::new(&app).await;

    let tenants = api.get("/api/v1/tenants", &key).await;
    let names: Vec<&str> = tenants.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Acme SAS"]);
    let (me, them) = (mine.tenant_id, theirs.tenant_id);
    assert_eq!(
        api.get(&format!("/api/v1/tenants/{me}"), &key).await.status,
        200
    );
    assert_eq!(
        api.get(&format!("/api/v1/tenants/{me}/renewals/{my_renewal}"), &key)
            .await
            .status,
        200
    );

    for path in [
        format!("/api/v1/tenants/{them}"),
        format!("/api/v1/tenants/{them}/users"),
        format!("/api/v1/tenants/{them}/users/{}", theirs.app_user_id),
        format!("/api/v1/tenants/{them}/bundles"),
        format!("/api/v1/tenants/{them}/renewals"),
        format!("/api/v1/tenants/{them}/renewals/{their_renewal}"),
        // Their renewal through my tenant's path is not there either.
        format!("/api/v1/tenants/{me}/renewals/{their_renewal}"),
        format!("/api/v1/tenants/{me}/users/{}", theirs.app_user_id),
    ] {
        assert_problem(&api.get(&path, &key).await, 404);
    }
    let link = api
        .post(
            &format!("/api/v1/tenants/{them}/renewals/{their_renewal}/links"),
            &key,
            &json!({"user_id": theirs.app_user_id}),
        )
        .await;
    assert_problem(&link, 404);
    let my_user_their_renewal = api
        .post(
            &format!("/api/v1/tenants/{me}/renewals/{my_renewal}/links"),
            &key,
            &json!({"user_id": theirs.app_user_id}),
        )
        .await;
    assert_problem(&my_user_their_renewal, 422);
    let sync = api
        .post(&format!("/api/v1/tenants/{them}/syncs"), &key, &json!({}))
        .await;
    assert_problem(&sync, 404);

    // A key for every tenant sees both.
    let global = create_key(&app, ApiScope::Read, None).await;
    let all = api.get("/api/v1/tenants", &global).await;
    assert_eq!(all.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(outbox_count(&app).await, 0);
}
