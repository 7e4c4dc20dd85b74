//! A scripted HTTP server: answers with queued responses and records every request, so tests
//! can see exactly what the client sent and how often.

use recomply::domain::ids::TenantId;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use recomply::twilio::{TenantTwilio, TwilioClient, TwilioConfig, TwilioCredentials};

/// An account SID for scripted tests.
pub const AC: &str = "AC0123456789abcdef0123456789abcdef";
/// Its auth token.
pub const TOKEN: &str = "scripted-auth-token";

/// One canned answer.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    /// A Twilio error body.
    pub fn error(status: u16, code: u32) -> Self {
        Self::json(
            status,
            serde_json::json!({"code": code, "message": format!("error {code}"),
                               "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
                               "status": status}),
        )
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    /// Answers only after `delay`.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// What the client sent.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    /// Path and query, as received.
    pub uri: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

#[derive(Default)]
struct Shared {
    replies: Mutex<VecDeque<Reply>>,
    requests: Mutex<Vec<Recorded>>,
}

/// A running scripted server.
#[derive(Clone)]
pub struct Scripted {
    pub base_url: String,
    shared: Arc<Shared>,
}

impl Scripted {
    /// Binds 127.0.0.1:0 and serves until the test ends.
    pub async fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { base_url, shared }
    }

    /// Queues answers, used in order; when none is left the server answers `{}` with 200.
    pub fn reply(&self, replies: impl IntoIterator<Item = Reply>) {
        self.shared.replies.lock().unwrap().extend(replies);
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// A client on this server with tiny retry delays.
    pub fn client(&self) -> TwilioClient {
        TwilioClient::new(self.config()).unwrap()
    }

    /// The configuration [`Scripted::client`] uses.
    pub fn config(&self) -> TwilioConfig {
        TwilioConfig::for_emulator(&self.base_url)
    }

    /// A tenant handle authenticating with [`AC`] / [`TOKEN`].
    pub fn tenant(&self) -> TenantTwilio {
        self.client().for_tenant(
            TenantId::random(),
            &TwilioCredentials::with_auth_token(AC, TOKEN.into()),
        )
    }
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared.requests.lock().unwrap().push(Recorded {
        method,
        uri: uri.to_string(),
        headers,
        body: body.to_vec(),
    });
    let reply = shared.replies.lock().unwrap().pop_front();
    let Some(reply) = reply else {
        return (StatusCode::OK, "{}").into_response();
    };
    tokio::time::sleep(reply.delay).await;
    let mut response = (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response();
    for (name, value) in reply.headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

/// A bundle JSON with `sid`.
pub fn bundle_json(sid: &str) -> serde_json::Value {
    serde_json::json!({"sid": sid, "account_sid": AC, "status": "draft", "friendly_name": "Acme",
                       "valid_until": null, "date_created": "2026-01-01T00:00:00Z"})
}

/// A one-item bundle page whose `next_page_url` is `next`.
pub fn bundle_page(sid: &str, next: Option<String>) -> serde_json::Value {
    serde_json::json!({"results": [bundle_json(sid)],
                       "meta": {"page": 0, "page_size": 1, "key": "results", "next_page_url": next}})
}
