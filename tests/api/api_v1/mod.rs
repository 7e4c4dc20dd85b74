//! The JSON API under `/api/v1`, called as the ISV's backend would. Every JSON response the
//! tests receive goes through [`Api`], which validates it against the schema its operation
//! declares in the served OpenAPI document (see `contract`).

mod contract;
mod isolation;
mod keys;
mod limits;
mod openapi;
mod resources;
mod writes;

use recomply::auth::api_key;
use recomply::db::api_keys::{self, NewApiKey};
use recomply::domain::api_scope::ApiScope;
use recomply::domain::ids::ApiKeyId;
use recomply::domain::ids::TenantId;
use reqwest::Method;
use serde_json::Value;

use crate::harness::TestApp;
use contract::Contract;

/// Creates a key directly (the admin page is tested in `keys`) and returns its full text.
pub async fn create_key(app: &TestApp, scope: ApiScope, tenant_id: Option<TenantId>) -> String {
    let api_key_id = ApiKeyId::random();
    let secret = api_key::generate(&app.config.secret_key, api_key_id);
    api_keys::create(
        &app.db,
        &NewApiKey {
            api_key_id,
            name: "Test backend",
            scope,
            tenant_id,
            secret_hash: &secret.secret_hash,
            created_by: "tests",
        },
    )
    .await
    .unwrap();
    secret.full_key
}

/// A response whose body was checked against the document.
#[derive(Debug)]
pub struct Checked {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: reqwest::header::HeaderMap,
    /// The JSON body.
    pub body: Value,
}

/// An API client that validates every response against the OpenAPI document.
pub struct Api<'a> {
    app: &'a TestApp,
    contract: Contract,
    client: reqwest::Client,
}

impl<'a> Api<'a> {
    /// A client for `app`, with the document it serves.
    pub async fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            contract: Contract::fetch(app).await,
            client: reqwest::Client::new(),
        }
    }

    /// Sends a request with `key` (and optionally a JSON body and headers), checks the answer
    /// against the document and returns it.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Checked {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.app.address));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("{method} {path} answered {status} with non-JSON: {text}"));
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        self.contract
            .check(method.as_str(), path, status, content_type, &body);
        Checked {
            status,
            headers,
            body,
        }
    }

    /// GET with `key`.
    pub async fn get(&self, path: &str, key: &str) -> Checked {
        self.send(Method::GET, path, Some(key), None, &[]).await
    }

    /// POST a JSON body with `key`.
    pub async fn post(&self, path: &str, key: &str, body: &Value) -> Checked {
        self.send(Method::POST, path, Some(key), Some(body), &[])
            .await
    }

    /// POST a JSON body with `key` and an `Idempotency-Key`.
    pub async fn post_idempotent(
        &self,
        path: &str,
        key: &str,
        idempotency_key: &str,
        body: &Value,
    ) -> Checked {
        self.send(
            Method::POST,
            path,
            Some(key),
            Some(body),
            &[("Idempotency-Key", idempotency_key)],
        )
        .await
    }

    /// How many operations and statuses were checked so far (so a test can show it checked).
    pub fn checked_count(&self) -> usize {
        self.contract.checked()
    }
}

/// Asserts a problem+json answer with `status`.
pub fn assert_problem(response: &Checked, status: u16) {
    assert_eq!(response.status, status, "{:?}", response.body);
    assert_eq!(response.headers["content-type"], "application/problem+json");
    assert_eq!(response.body["status"], status);
    assert!(
        response.body["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:recomply:problem:")
    );
}
