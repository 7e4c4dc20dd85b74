//! The served OpenAPI document: complete (every route of the API is in it, and everything in
//! it is routed), and every schema in it compiles with its `$ref`s resolved.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;

use super::contract::Contract;
use crate::harness::spawn_app;

/// The API's operations, as a reader of the README expects them.
const OPERATIONS: [(&str, &str); 11] = [
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/tenants"),
    ("get", "/api/v1/tenants/{tenant_id}"),
    ("post", "/api/v1/tenants/{tenant_id}/syncs"),
    ("get", "/api/v1/tenants/{tenant_id}/users"),
    ("get", "/api/v1/tenants/{tenant_id}/users/{user_id}"),
    ("get", "/api/v1/tenants/{tenant_id}/bundles"),
    ("get", "/api/v1/tenants/{tenant_id}/bundles/{bundle_id}"),
    ("get", "/api/v1/tenants/{tenant_id}/renewals"),
    ("get", "/api/v1/tenants/{tenant_id}/renewals/{renewal_id}"),
    (
        "post",
        "/api/v1/tenants/{tenant_id}/renewals/{renewal_id}/links",
    ),
];

fn documented(document: &Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.insert((method.clone(), path.clone()));
        }
    }
    operations
}

fn filled(template: &str) -> String {
    template
        .split('/')
        .map(|part| {
            if part.starts_with('{') {
                uuid::Uuid::new_v4().to_string()
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_route_of_the_api_is_in_the_document_and_everything_documented_is_routed() {
    let app = spawn_app().await;
    let contract = Contract::fetch(&app).await;
    let expected: BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(documented(contract.document()), expected);

    let client = reqwest::Client::new();
    for (method, template) in &expected {
        if template.ends_with("openapi.json") {
            continue;
        }
        // A routed operation checks the key first; an unrouted path answers 404 without one.
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let response = client
            .request(
                method.clone(),
                format!("{}{}", app.address, filled(template)),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{method} {template} is routed");
        let operation = &contract.document()["paths"][template][method.as_str().to_lowercase()];
        assert!(
            operation["security"].is_array(),
            "{method} {template} names its security scheme"
        );
    }
    let unrouted = client
        .get(format!("{}/api/v1/tenants/x/y/z", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(unrouted.status(), 404);
    let wrong_method = client
        .delete(format!("{}/api/v1/tenants", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), 405);
    assert_eq!(
        wrong_method.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn every_schema_in_the_document_compiles_with_its_references_resolved() {
    let app = spawn_app().await;
    let contract = Contract::fetch(&app).await;
    let document = contract.document();
    assert_eq!(
        document["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    let mut compiled = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                for (media, content) in response["content"].as_object().unwrap() {
                    let mut root = content["schema"].clone();
                    root.as_object_mut()
                        .unwrap()
                        .insert("components".into(), document["components"].clone());
                    let validator = jsonschema::draft202012::new(&root)
                        .unwrap_or_else(|e| panic!("{method} {path} {status} {media}: {e}"));
                    // A `$ref` that points nowhere fails on first use, so use each one.
                    let _ = validator.is_valid(&Value::Null);
                    compiled += 1;
                }
            }
        }
    }
    assert!(compiled > 40, "{compiled}");
    let problem = &document["components"]["schemas"]["Problem"];
    let required: BTreeSet<&str> = problem["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        BTreeSet::from(["type", "title", "status", "detail"])
    );
}

#[tokio::test]
async fn a_response_that_breaks_its_schema_is_caught_by_the_contract() {
    let app = spawn_app().await;
    let contract = Contract::fetch(&app).await;
    let broken = serde_json::json!({"data": [{"id": "not-a-uuid-but-a-number", "name": 5}]});
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        contract.check("GET", "/api/v1/tenants", 200, "application/json", &broken)
    }));
    assert!(caught.is_err(), "a wrong body must fail the check");
    let undeclared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        contract.check(
            "GET",
            "/api/v1/tenants",
            418,
            "application/json",
            &Value::Null,
        )
    }));
    assert!(
        undeclared.is_err(),
        "an undeclared status must fail the check"
    );
}
