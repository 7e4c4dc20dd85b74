//! Talking to the emulator process over HTTP: its control API (seeding, faults, logs) and, for
//! the final checks, its Twilio API as a tenant's account.

use recomply::emulator::LoggedRequest;
use serde_json::{Value, json};

/// Share of Twilio API requests answered with each error (503, 500, 429): about 20 % in all.
pub const ERROR_SHARE: f64 = 0.075;
/// Share of the remaining requests carried out only after the client's 2 s timeout: Twilio
/// did the work, recomply never heard the answer.
pub const LOST_ANSWER_SHARE: f64 = 0.02;
/// Share of the remaining requests slowed by 400 ms, so jobs run long enough to be killed.
pub const SLOW_SHARE: f64 = 0.3;
/// Share of status callbacks dropped, duplicated and delayed by 3 s (each).
pub const CALLBACK_SHARE: f64 = 0.15;

/// The emulator process's address and an HTTP client.
#[derive(Clone)]
pub struct Emulator {
    /// `http://127.0.0.1:{port}`.
    pub base_url: String,
    http: reqwest::Client,
}

impl Emulator {
    /// The emulator at `base_url`.
    pub fn new(base_url: String) -> Self {
        Self {
            base_url,
            http: reqwest::Client::new(),
        }
    }

    /// A control API call; panics on an error status.
    pub async fn control(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/__emulator{path}", self.base_url);
        let request = match method {
            "POST" => self.http.post(url).json(&body),
            "PUT" => self.http.put(url).json(&body),
            "DELETE" => self.http.delete(url),
            _ => self.http.get(url),
        };
        let response = request.send().await.expect("the emulator answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "control {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// Turns on the scenario's faults: errors, lost answers and latency on every Twilio API
    /// request, and dropped, duplicated and delayed status callbacks. The first rule that fires
    /// wins, so each later share applies to what the earlier rules left.
    pub async fn inject_faults(&self, seed: u64) {
        let rules = [
            json!({"seed": seed, "fault": {"kind": "status", "status": 503}, "probability": ERROR_SHARE}),
            json!({"fault": {"kind": "status", "status": 500}, "probability": ERROR_SHARE}),
            json!({"fault": {"kind": "rate_limit", "retry_after": 1}, "probability": ERROR_SHARE}),
            json!({"fault": {"kind": "latency", "ms": 2500}, "probability": LOST_ANSWER_SHARE}),
            json!({"fault": {"kind": "latency", "ms": 400}, "probability": SLOW_SHARE}),
        ];
        for mut rule in rules {
            rule["path"] = json!("/v2/**");
            self.control("POST", "/faults", rule).await;
        }
        for fault in [
            json!({"kind": "drop"}),
            json!({"kind": "duplicate"}),
            json!({"kind": "delay", "ms": 3000}),
        ] {
            self.control(
                "POST",
                "/callback-faults",
                json!({"fault": fault, "probability": CALLBACK_SHARE}),
            )
            .await;
        }
    }

    /// Turns every fault off (for the final checks).
    pub async fn clear_faults(&self) {
        self.control("DELETE", "/faults", Value::Null).await;
        self.control("DELETE", "/callback-faults", Value::Null)
            .await;
    }

    /// Every Twilio API request served so far.
    pub async fn requests(&self) -> Vec<LoggedRequest> {
        let log = self.control("GET", "/requests", Value::Null).await;
        serde_json::from_value(log["requests"].clone()).expect("the request log")
    }

    /// Every status callback delivery attempt so far.
    pub async fn callbacks(&self) -> Vec<Value> {
        let log = self.control("GET", "/callbacks", Value::Null).await;
        log["deliveries"].as_array().cloned().unwrap_or_default()
    }

    /// The emulator's internal view of a bundle (`None` once deleted).
    pub async fn bundle(&self, sid: &str) -> Option<Value> {
        let url = format!("{}/__emulator/bundles/{sid}", self.base_url);
        let response = self
            .http
            .get(url)
            .send()
            .await
            .expect("the emulator answers");
        if response.status() == 404 {
            return None;
        }
        Some(response.json().await.expect("a bundle view"))
    }

    /// The SIDs of every bundle the account has, read as the account through Twilio's API.
    pub async fn account_bundles(&self, account_sid: &str, auth_token: &str) -> Vec<String> {
        let url = format!(
            "{}/v2/RegulatoryCompliance/Bundles?PageSize=1000",
            self.base_url
        );
        let page: Value = self
            .http
            .get(url)
            .basic_auth(account_sid, Some(auth_token))
            .send()
            .await
            .expect("the emulator answers")
            .json()
            .await
            .expect("a bundle list");
        page["results"]
            .as_array()
            .expect("a page of results")
            .iter()
            .filter_map(|b| b["sid"].as_str().map(str::to_owned))
            .collect()
    }
}
