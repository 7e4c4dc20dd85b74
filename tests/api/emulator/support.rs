//! A spawned emulator with one account and request helpers.

use recomply::emulator::{AccountCredentials, EmulatorHandle, spawn};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};

/// `/v2/RegulatoryCompliance`.
pub const RC: &str = "/v2/RegulatoryCompliance";

/// An emulator and an account on it.
pub struct Emu {
    pub handle: EmulatorHandle,
    pub account: AccountCredentials,
    pub client: reqwest::Client,
}

/// Starts an emulator with one account.
pub async fn emulator() -> Emu {
    let handle = spawn("127.0.0.1:0").await.expect("emulator starts");
    let account = handle.create_account("Test account");
    Emu {
        handle,
        account,
        client: reqwest::Client::new(),
    }
}

impl Emu {
    /// A request to `path` (relative to the base URL) authenticated as the account.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.as_account(&self.account, method, path)
    }

    /// A request authenticated as another account.
    pub fn as_account(
        &self,
        account: &AccountCredentials,
        method: Method,
        path: &str,
    ) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .basic_auth(&account.account_sid, Some(&account.auth_token))
    }

    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{}", self.handle.base_url(), path)
        }
    }

    /// GET → (status, JSON).
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        read(self.request(Method::GET, path).send().await.unwrap()).await
    }

    /// POST form → (status, JSON).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        read(
            self.request(Method::POST, path)
                .form(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// DELETE → (status, JSON or null).
    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        read(self.request(Method::DELETE, path).send().await.unwrap()).await
    }

    /// POST JSON to the control API.
    pub async fn control(&self, path: &str, body: Value) -> (StatusCode, Value) {
        read(
            self.client
                .post(format!("{}/__emulator/{path}", self.handle.base_url()))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// GET on the control API.
    pub async fn control_get(&self, path: &str) -> Value {
        let response = self
            .client
            .get(format!("{}/__emulator/{path}", self.handle.base_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "control GET {path}");
        response.json().await.unwrap()
    }

    /// Creates a draft bundle on the FR mobile business regulation → its JSON.
    pub async fn create_bundle(&self, name: &str, extra: &[(&str, &str)]) -> Value {
        let mut form = vec![
            ("FriendlyName", name),
            ("Email", "ops@example.com"),
            ("IsoCountry", "FR"),
            ("NumberType", "mobile"),
            ("EndUserType", "business"),
        ];
        form.extend_from_slice(extra);
        let (status, body) = self.post(&format!("{RC}/Bundles"), &form).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// Creates an End-User → its SID.
    pub async fn create_end_user(&self, end_user_type: &str, attributes: Value) -> String {
        let attributes = attributes.to_string();
        let (status, body) = self
            .post(
                &format!("{RC}/EndUsers"),
                &[
                    ("FriendlyName", "End user"),
                    ("Type", end_user_type),
                    ("Attributes", &attributes),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["sid"].as_str().unwrap().to_owned()
    }

    /// Creates a Supporting Document → its SID.
    pub async fn create_document(
        &self,
        name: &str,
        document_type: &str,
        attributes: Value,
    ) -> String {
        let attributes = attributes.to_string();
        let (status, body) = self
            .post(
                &format!("{RC}/SupportingDocuments"),
                &[
                    ("FriendlyName", name),
                    ("Type", document_type),
                    ("Attributes", &attributes),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["sid"].as_str().unwrap().to_owned()
    }

    /// Assigns an item to a bundle → the assignment SID.
    pub async fn assign(&self, bundle_sid: &str, object_sid: &str) -> String {
        let (status, body) = self
            .post(
                &format!("{RC}/Bundles/{bundle_sid}/ItemAssignments"),
                &[("ObjectSid", object_sid)],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["sid"].as_str().unwrap().to_owned()
    }

    /// Seeds a bundle through the control API → its internal view.
    pub async fn seed(&self, body: Value) -> Value {
        let mut body = body;
        body["account_sid"] = json!(self.account.account_sid);
        let (status, view) = self.control("bundles", body).await;
        assert_eq!(status, StatusCode::CREATED, "{view}");
        view
    }

    /// Sets the account's review policy.
    pub async fn review_policy(&self, mode: &str, delay_seconds: i64) {
        let response = self
            .client
            .put(format!(
                "{}/__emulator/accounts/{}/review-policy",
                self.handle.base_url(),
                self.account.account_sid
            ))
            .json(&json!({"mode": mode, "delay_seconds": delay_seconds}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }

    /// Advances emulator time.
    pub async fn advance(&self, seconds: i64) -> Value {
        let (status, body) = self
            .control("clock/advance", json!({ "seconds": seconds }))
            .await;
        assert_eq!(status, StatusCode::OK);
        body
    }
}

/// Status and JSON body (null when empty).
pub async fn read(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, body)
}

/// Asserts a Twilio error body with `status` and `code`.
pub fn assert_error(result: &(StatusCode, Value), status: u16, code: u64) {
    let (got, body) = result;
    assert_eq!(got.as_u16(), status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert_eq!(
        body["more_info"],
        format!("https://www.twilio.com/docs/errors/{code}")
    );
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// The sorted keys of a JSON object.
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().expect("object").keys().cloned().collect();
    keys.sort();
    keys
}

/// Attributes of a compliant French mobile business End-User.
pub fn french_business() -> Value {
    json!({"business_name": "Boulangerie Dupont SAS", "business_registration_number": "552 100 554",
           "first_name": "Marie", "last_name": "Dupont"})
}

/// The six documents that make a French mobile business bundle compliant: (name, type, attributes).
pub fn french_documents() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "K-bis name",
            "commercial_registrar_excerpt",
            json!({"business_name": "Boulangerie Dupont SAS"}),
        ),
        (
            "K-bis address",
            "commercial_registrar_excerpt",
            json!({"address_sids": ["AD00000000000000000000000000000001"]}),
        ),
        (
            "K-bis number",
            "commercial_registrar_excerpt",
            json!({"document_number": "552 100 554 R.C.S. Paris"}),
        ),
        (
            "ID of representative",
            "government_issued_document",
            json!({"first_name": "Marie", "last_name": "Dupont"}),
        ),
        (
            "ID of attorney",
            "government_issued_document",
            json!({"first_name": "Jean", "last_name": "Martin"}),
        ),
        ("Power of attorney", "power_of_attorney", json!({})),
    ]
}

/// A draft FR mobile business bundle with every compliant item assigned → bundle SID.
pub async fn compliant_french_bundle(emu: &Emu, name: &str, extra: &[(&str, &str)]) -> String {
    let bundle = emu.create_bundle(name, extra).await;
    let sid = bundle["sid"].as_str().unwrap().to_owned();
    let end_user = emu.create_end_user("business", french_business()).await;
    emu.assign(&sid, &end_user).await;
    for (name, document_type, attributes) in french_documents() {
        let document = emu.create_document(name, document_type, attributes).await;
        emu.assign(&sid, &document).await;
    }
    sid
}
