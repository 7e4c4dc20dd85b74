//! Reading tenants, users, bundles and renewals, and paging through lists.

use std::collections::HashSet;

use recomply::domain::api_scope::ApiScope;
use serde_json::Value;

use super::{Api, assert_problem, create_key};
use crate::harness::spawn_app;
use crate::portal::fixtures;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

#[tokio::test]
async fn each_resource_lists_and_fetches_with_what_the_isv_needs_to_know() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let bundle_id = app
        .seed()
        .customer_bundle(
            &customer,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(20),
        )
        .await;
    let renewal_id = app
        .seed()
        .customer_renewal(
            &customer,
            bundle_id,
            RenewalState::Collecting,
            Some(fixtures::partly_done()),
        )
        .await;
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    let tenant = customer.tenant_id;

    let tenants = api.get("/api/v1/tenants", &key).await;
    assert_eq!(tenants.status, 200);
    assert_eq!(tenants.body["data"][0]["name"], "Acme SAS");
    assert_eq!(tenants.body["next_cursor"], Value::Null);
    let one = api.get(&format!("/api/v1/tenants/{tenant}"), &key).await;
    assert_eq!(one.body["id"], tenant.to_string());

    let users = api
        .get(&format!("/api/v1/tenants/{tenant}/users"), &key)
        .await;
    assert_eq!(users.body["data"][0]["email"], "camille@acme.example");
    let user_path = format!("/api/v1/tenants/{tenant}/users/{}", customer.app_user_id);
    assert_eq!(
        api.get(&user_path, &key).await.body["name"],
        "Camille Martin"
    );

    let bundles = api
        .get(&format!("/api/v1/tenants/{tenant}/bundles"), &key)
        .await;
    assert_eq!(bundles.body["data"][0]["name"], "Paris office");
    let bundle = api
        .get(
            &format!("/api/v1/tenants/{tenant}/bundles/{bundle_id}"),
            &key,
        )
        .await;
    assert_eq!(bundle.body["iso_country"], "FR");
    assert!(bundle.body["valid_until"].is_string());

    let renewals = api
        .get(&format!("/api/v1/tenants/{tenant}/renewals"), &key)
        .await;
    let listed = &renewals.body["data"][0];
    assert_eq!(listed["state"], "collecting");
    assert_eq!(listed["waiting_for_customer"], true);
    assert_eq!(listed["compliant"], false);
    assert!(listed["deadline"].is_string());
    assert!(
        listed["submit_by"].as_str().expect("a submit-by date")
            < listed["deadline"].as_str().unwrap(),
        "the submit-by date comes before the deadline: {listed}"
    );
    let renewal = api
        .get(
            &format!("/api/v1/tenants/{tenant}/renewals/{renewal_id}"),
            &key,
        )
        .await;
    let missing: Vec<&str> = renewal.body["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["description"].as_str().unwrap())
        .collect();
    assert_eq!(missing.len(), 4, "{missing:?}");
    assert!(missing.contains(&"Business: Business Registration Number is missing or not valid."));
    assert!(
        missing
            .iter()
            .any(|m| m.starts_with("Power of Attorney: A(n) Executed Copy"))
    );
    assert!(renewal.body["timeline"].as_array().unwrap().is_empty());
    assert_eq!(api.checked_count(), 8, "every response was checked");
}

#[tokio::test]
async fn a_renewal_shows_its_timeline_and_nothing_missing_before_evaluation() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal_id, _) = seed
        .one_renewal("Globex", 12.0, RenewalState::Detected)
        .await;
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    let renewal = api
        .get(
            &format!("/api/v1/tenants/{tenant}/renewals/{renewal_id}"),
            &key,
        )
        .await;
    assert_eq!(renewal.body["state"], "detected");
    assert_eq!(renewal.body["compliant"], Value::Null);
    assert_eq!(renewal.body["missing"], serde_json::json!([]));
    let timeline = renewal.body["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0]["to_state"], "detected");
    assert_eq!(timeline[0]["cause"], "sweep");
    assert_eq!(timeline[0]["summary"], "valid_until found");
}

#[tokio::test]
async fn lists_page_through_every_row_once_with_an_opaque_cursor() {
    let app = spawn_app().await;
    let customer = app.seed().customer("Initech", "u0@initech.example").await;
    for n in 1..5 {
        recomply::db::users::add_user(
            &app.db,
            customer.tenant_id,
            &format!("u{n}@initech.example"),
            "",
        )
        .await
        .unwrap();
    }
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    let base = format!("/api/v1/tenants/{}/users", customer.tenant_id);
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    let mut path = format!("{base}?limit=2");
    loop {
        let page = api.get(&path, &key).await;
        assert_eq!(page.status, 200);
        let data = page.body["data"].as_array().unwrap();
        sizes.push(data.len());
        seen.extend(data.iter().map(|u| u["email"].as_str().unwrap().to_owned()));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("{base}?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(sizes, [2, 2, 1]);
    let distinct: HashSet<_> = seen.iter().collect();
    assert_eq!(distinct.len(), 5, "{seen:?}");
    assert_eq!(seen[0], "u0@initech.example", "oldest first");

    assert_problem(&api.get(&format!("{base}?cursor=bm9wZQ"), &key).await, 400);
    assert_problem(&api.get(&format!("{base}?limit=101"), &key).await, 400);
    assert_problem(&api.get(&format!("{base}?limit=0"), &key).await, 400);
}

#[tokio::test]
async fn unknown_things_and_malformed_ids_answer_problems() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Umbrella", "ada@umbrella.example")
        .await;
    let key = create_key(&app, ApiScope::Read, None).await;
    let api = Api::new(&app).await;
    let tenant = customer.tenant_id;
    let nobody = uuid::Uuid::new_v4();
    assert_problem(
        &api.get(&format!("/api/v1/tenants/{nobody}"), &key).await,
        404,
    );
    assert_problem(
        &api.get(&format!("/api/v1/tenants/{tenant}/renewals/{nobody}"), &key)
            .await,
        404,
    );
    assert_problem(&api.get("/api/v1/tenants/not-a-uuid", &key).await, 400);
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}
