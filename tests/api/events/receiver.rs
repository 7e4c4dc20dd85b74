//! The ISV's backend in the tests: an axum server on 127.0.0.1:0 that records every request,
//! answers 500 to the first `failures` ones, and verifies signatures with the
//! `standardwebhooks` crate (not recomply's own signing code).

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;
use standardwebhooks::Webhook;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Bytes,
    /// What the receiver answered.
    pub answered: u16,
}

impl Received {
    pub fn id(&self) -> String {
        self.header("webhook-id")
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    /// Whether the request is signed with `secret`, per Standard Webhooks.
    pub fn verifies_with(&self, secret: &str) -> bool {
        Webhook::new(secret)
            .expect("a whsec_ secret")
            .verify(&self.body, &self.headers)
            .is_ok()
    }
}

type Shared = (Arc<Mutex<Vec<Received>>>, Arc<Mutex<usize>>);

/// A running receiver.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    /// Starts a receiver that answers 500 to its first `failures` requests, then 200.
    pub async fn spawn(failures: usize) -> Self {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let failures = Arc::new(Mutex::new(failures));
        let app = axum::Router::new()
            .route("/recomply/events", axum::routing::post(receive))
            .with_state((received.clone(), failures));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/recomply/events", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, received }
    }

    /// Everything received so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The requests it accepted (2xx), in arrival order.
    pub fn accepted(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.answered == 200)
            .collect()
    }
}

async fn receive(
    State((received, failures)): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let status = {
        let mut failures = failures.lock().unwrap();
        if *failures > 0 {
            *failures -= 1;
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::OK
        }
    };
    received.lock().unwrap().push(Received {
        headers,
        body,
        answered: status.as_u16(),
    });
    status
}
