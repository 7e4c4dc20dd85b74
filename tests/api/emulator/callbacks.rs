//! Status callbacks: signed form POSTs received by a test server, retries and callback faults.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use recomply::twilio::signature;
use serde_json::{Value, json};

use super::support::*;

/// One callback as received.
#[derive(Debug, Clone)]
struct Received {
    params: Vec<(String, String)>,
    signature: String,
    token: String,
}

impl Received {
    fn get(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("<absent>")
    }
}

#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<Received>>>,
    /// Statuses to answer with, in order; 204 once exhausted.
    answers: Arc<Mutex<Vec<u16>>>,
}

async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    axum_extra::extract::Form(params): axum_extra::extract::Form<Vec<(String, String)>>,
) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    receiver.received.lock().unwrap().push(Received {
        params,
        signature: header("x-twilio-signature"),
        token: header("i-twilio-idempotency-token"),
    });
    let mut answers = receiver.answers.lock().unwrap();
    let status = if answers.is_empty() {
        204
    } else {
        answers.remove(0)
    };
    StatusCode::from_u16(status).unwrap()
}

/// Starts a receiver → (its callback URL with a query string, the receiver).
async fn receiver(answers: Vec<u16>) -> (String, Receiver) {
    let receiver = Receiver {
        answers: Arc::new(Mutex::new(answers)),
        ..Receiver::default()
    };
    let app = axum::Router::new()
        .route("/hooks/bundle-status", axum::routing::post(receive))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/hooks/bundle-status?tenant=acme",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, receiver)
}

impl Receiver {
    async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..100 {
            let received = self.received.lock().unwrap().clone();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} callbacks, got {:?}",
            self.received.lock().unwrap()
        );
    }
}

async fn wait_for_log(emu: &Emu, predicate: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    for _ in 0..100 {
        let log = emu.control_get("callbacks").await["deliveries"]
            .as_array()
            .unwrap()
            .clone();
        if predicate(&log) {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "callback log never matched: {}",
        emu.control_get("callbacks").await
    );
}

#[test]
fn the_signature_reproduces_the_fact_sheet_test_vector() {
    let params = vec![
        ("AccountSid".to_owned(), format!("AC{}", "a".repeat(32))),
        ("BundleSid".to_owned(), format!("BU{}", "b".repeat(32))),
        ("Status".to_owned(), "twilio-approved".to_owned()),
        ("FailureReason".to_owned(), String::new()),
    ];
    let computed = signature::compute(
        "test-auth-token",
        "https://example.com/twilio/bundle-status",
        &params,
    );
    assert_eq!(computed, "LxoRgUh0h2ZwAW+kRZcw863khjs=");
}

#[tokio::test]
async fn status_changes_are_posted_signed_except_pending_review_to_in_review() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let (url, receiver) = receiver(vec![]).await;
    let sid = compliant_french_bundle(&emu, "Signed", &[("StatusCallback", url.as_str())]).await;

    // Act
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    emu.control(
        &format!("bundles/{sid}/review"),
        json!({"decision": "in-review"}),
    )
    .await;
    emu.control(
        &format!("bundles/{sid}/review"),
        json!({"decision": "approve"}),
    )
    .await;

    // Assert
    let received = receiver.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        receiver.received.lock().unwrap().len(),
        2,
        "no callback for in-review"
    );
    let statuses: Vec<&str> = received.iter().map(|r| r.get("Status")).collect();
    assert_eq!(statuses, ["pending-review", "twilio-approved"]);
    let approved = &received[1];
    assert_eq!(approved.get("AccountSid"), emu.account.account_sid);
    assert_eq!(approved.get("BundleSid"), sid);
    assert_eq!(approved.get("FailureReason"), "");
    assert_eq!(approved.get("ValidUntil"), "");
    assert!(signature::verify(
        &emu.account.auth_token,
        &url,
        &approved.params,
        &approved.signature
    ));
    assert!(!signature::verify(
        "another-token",
        &url,
        &approved.params,
        &approved.signature
    ));
    assert!(!approved.token.is_empty());
    assert_ne!(received[0].token, approved.token, "one token per callback");
    let log = emu.control_get("callbacks").await;
    assert_eq!(log["deliveries"].as_array().unwrap().len(), 2);
    assert_eq!(log["deliveries"][1]["outcome"], "delivered");
    assert_eq!(log["deliveries"][1]["http_status"], 204);
}

#[tokio::test]
async fn a_rejection_callback_carries_the_failure_reason() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let (url, receiver) = receiver(vec![]).await;
    let sid = emu
        .create_bundle("Rejected", &[("StatusCallback", url.as_str())])
        .await["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Act
    emu.control(
        &format!("bundles/{sid}/review"),
        json!({"decision": "reject", "failure_reason": "Address is a PO Box"}),
    )
    .await;

    // Assert
    let received = receiver.wait_for(2).await;
    assert_eq!(received[1].get("Status"), "twilio-rejected");
    assert_eq!(received[1].get("FailureReason"), "Address is a PO Box");
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_the_same_idempotency_token() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let (url, receiver) = receiver(vec![500, 503]).await;
    let sid = emu
        .create_bundle("Retried", &[("StatusCallback", url.as_str())])
        .await["sid"]
        .as_str()
        .unwrap()
        .to_owned();

    // Act
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Assert
    let received = receiver.wait_for(3).await;
    assert!(received.iter().all(|r| r.token == received[0].token));
    assert!(
        received
            .iter()
            .all(|r| r.signature == received[0].signature)
    );
    let log = wait_for_log(&emu, |log| log.len() == 3).await;
    let outcomes: Vec<&str> = log.iter().map(|a| a["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["retrying", "retrying", "delivered"]);
    let attempts: Vec<u64> = log.iter().map(|a| a["attempt"].as_u64().unwrap()).collect();
    assert_eq!(attempts, [1, 2, 3]);
}

#[tokio::test]
async fn unreachable_callbacks_are_logged_as_failed_attempts() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/gone", listener.local_addr().unwrap())
    };
    let sid = emu
        .create_bundle("Nobody home", &[("StatusCallback", closed.as_str())])
        .await["sid"]
        .as_str()
        .unwrap()
        .to_owned();

    // Act
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Assert
    let log = wait_for_log(&emu, |log| !log.is_empty()).await;
    assert_eq!(log[0]["outcome"], "retrying");
    assert!(log[0]["error"].as_str().is_some());
    assert_eq!(log[0]["http_status"], Value::Null);
}

#[tokio::test]
async fn callback_faults_drop_duplicate_and_reorder_deliveries() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let (url, receiver) = receiver(vec![]).await;
    let create = |name: &'static str| {
        let emu = &emu;
        let url = url.clone();
        async move {
            emu.create_bundle(name, &[("StatusCallback", url.as_str())])
                .await["sid"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let (dropped, duplicated, first, second) = (
        create("Dropped").await,
        create("Duplicated").await,
        create("First").await,
        create("Second").await,
    );
    let submit = |sid: String| {
        let emu = &emu;
        async move {
            emu.post(
                &format!("{RC}/Bundles/{sid}"),
                &[("Status", "pending-review")],
            )
            .await
        }
    };

    // Act
    emu.control(
        "callback-faults",
        json!({"fault": {"kind": "drop"}, "count": 1}),
    )
    .await;
    submit(dropped.clone()).await;
    emu.control(
        "callback-faults",
        json!({"fault": {"kind": "duplicate"}, "count": 1}),
    )
    .await;
    submit(duplicated.clone()).await;
    receiver.wait_for(2).await;
    emu.control(
        "callback-faults",
        json!({"fault": {"kind": "reorder"}, "count": 1}),
    )
    .await;
    submit(first.clone()).await;
    submit(second.clone()).await;

    // Assert
    let received = receiver.wait_for(4).await;
    let bundles: Vec<&str> = received.iter().map(|r| r.get("BundleSid")).collect();
    assert_eq!(
        bundles,
        [
            duplicated.as_str(),
            duplicated.as_str(),
            second.as_str(),
            first.as_str()
        ]
    );
    assert_eq!(received[0].token, received[1].token);
    let log = emu.control_get("callbacks").await;
    let dropped_entry = log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["bundle_sid"] == dropped.as_str())
        .unwrap();
    assert_eq!(dropped_entry["outcome"], "dropped");
}

#[tokio::test]
async fn a_delayed_callback_arrives_after_its_delay() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let (url, receiver) = receiver(vec![]).await;
    let sid = emu
        .create_bundle("Delayed", &[("StatusCallback", url.as_str())])
        .await["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.control(
        "callback-faults",
        json!({"fault": {"kind": "delay", "ms": 700}}),
    )
    .await;

    // Act
    let started = std::time::Instant::now();
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let early = receiver.received.lock().unwrap().len();

    // Assert
    receiver.wait_for(1).await;
    assert_eq!(early, 0);
    assert!(started.elapsed() >= Duration::from_millis(700));
}

#[tokio::test]
async fn stamping_valid_until_sends_a_callback_with_the_deadline() {
    // Arrange
    let emu = emulator().await;
    let (url, receiver) = receiver(vec![]).await;
    let seeded = emu
        .seed(
            json!({"friendly_name": "Stamped", "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved", "status_callback": url}),
        )
        .await;

    // Act
    let (_, change) = emu.control(&format!("regulations/{}/changes", seeded["regulation_sid"].as_str().unwrap()),
        json!({"change": {"kind": "add_end_user_field", "machine_name": "vat_number", "friendly_name": "VAT"},
               "valid_until_days": 14})).await;

    // Assert
    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].get("Status"), "twilio-approved");
    assert_eq!(
        received[0].get("ValidUntil"),
        change["valid_until"].as_str().unwrap()
    );
    let names: HashMap<&str, &str> = received[0]
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(names.len(), 5);
    assert!(signature::verify(
        &emu.account.auth_token,
        &url,
        &received[0].params,
        &received[0].signature
    ));
}
