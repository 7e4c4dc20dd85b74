//! Request faults: status errors, 429 with Retry-After, latency, dropped connections, and
//! deterministic probabilities.

use std::time::{Duration, Instant};

use serde_json::json;

use super::support::*;

#[tokio::test]
async fn the_next_n_matching_requests_fail_with_the_injected_status() {
    // Arrange
    let emu = emulator().await;
    let bundle = emu.create_bundle("Target", &[]).await;
    let path = format!("{RC}/Bundles/{}", bundle["sid"].as_str().unwrap());
    let (status, _) = emu
        .control(
            "faults",
            json!({"method": "GET", "path": "/v2/RegulatoryCompliance/Bundles/*",
        "fault": {"kind": "status", "status": 503}, "count": 2}),
        )
        .await;
    assert_eq!(status, 201);

    // Act
    let first = emu.get(&path).await;
    let list = emu.get(&format!("{RC}/Bundles")).await;
    let second = emu.get(&path).await;
    let third = emu.get(&path).await;

    // Assert
    assert_eq!(first.0, 503);
    assert_eq!(first.1["status"], 503);
    assert_eq!(list.0, 200, "the glob does not match the list path");
    assert_eq!(second.0, 503);
    assert_eq!(third.0, 200);
    let log = emu.handle.requests();
    assert_eq!(
        log.iter()
            .filter(|r| r.fault.as_deref() == Some("status"))
            .count(),
        2
    );
}

#[tokio::test]
async fn rate_limiting_answers_20429_with_retry_after() {
    // Arrange
    let emu = emulator().await;
    emu.control(
        "faults",
        json!({"path": "/v2/**", "fault": {"kind": "rate_limit", "retry_after": 3}, "count": 1}),
    )
    .await;

    // Act
    let response = emu
        .request(reqwest::Method::POST, &format!("{RC}/Bundles"))
        .form(&[("FriendlyName", "x")])
        .send()
        .await
        .unwrap();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let result = read(response).await;

    // Assert
    assert_error(&result, 429, 20429);
    assert_eq!(retry_after.as_deref(), Some("3"));
    let (_, list) = emu.get(&format!("{RC}/Bundles")).await;
    assert_eq!(list["results"], json!([]), "nothing was processed");
}

#[tokio::test]
async fn latency_delays_and_a_dropped_connection_gives_no_response() {
    // Arrange
    let emu = emulator().await;
    emu.control(
        "faults",
        json!({"method": "GET", "path": "/v2/RegulatoryCompliance/EndUsers",
        "fault": {"kind": "latency", "ms": 400}, "count": 1}),
    )
    .await;
    emu.control(
        "faults",
        json!({"method": "GET", "path": "/v2/RegulatoryCompliance/Bundles",
        "fault": {"kind": "drop"}, "count": 1}),
    )
    .await;

    // Act
    let started = Instant::now();
    let slow = emu.get(&format!("{RC}/EndUsers")).await;
    let elapsed = started.elapsed();
    let dropped = async {
        let response = emu
            .request(reqwest::Method::GET, &format!("{RC}/Bundles"))
            .send()
            .await?;
        response.bytes().await
    }
    .await;

    // Assert
    assert_eq!(slow.0, 200);
    assert!(elapsed >= Duration::from_millis(400));
    assert!(dropped.is_err(), "the connection must drop: {dropped:?}");
    assert_eq!(
        emu.get(&format!("{RC}/Bundles")).await.0,
        200,
        "the next request is served"
    );
    let log = emu.handle.requests();
    assert!(
        log.iter()
            .any(|r| r.fault.as_deref() == Some("drop") && r.status == 0)
    );
    assert!(
        log.iter()
            .any(|r| r.fault.as_deref() == Some("latency") && r.latency_ms >= 400)
    );
}

#[tokio::test]
async fn a_seeded_probability_gives_the_same_outcomes_every_run() {
    // Arrange
    let emu = emulator().await;
    let run = || async {
        let _ = emu
            .client
            .delete(format!("{}/__emulator/faults", emu.handle.base_url()))
            .send()
            .await
            .unwrap();
        emu.control(
            "faults",
            json!({"seed": 42, "path": "/v2/**", "fault": {"kind": "status", "status": 500},
            "probability": 0.5}),
        )
        .await;
        let mut outcomes = Vec::new();
        for _ in 0..20 {
            outcomes.push(emu.get(&format!("{RC}/EndUsers")).await.0.as_u16());
        }
        outcomes
    };

    // Act
    let first = run().await;
    let second = run().await;

    // Assert
    assert_eq!(first, second);
    assert!(first.contains(&500) && first.contains(&200), "{first:?}");
}

#[tokio::test]
async fn the_request_log_can_be_read_and_cleared_over_the_control_api() {
    // Arrange
    let emu = emulator().await;
    emu.get(&format!("{RC}/Bundles?PageSize=2")).await;

    // Act
    let log = emu.control_get("requests").await;
    let cleared = emu
        .client
        .delete(format!("{}/__emulator/requests", emu.handle.base_url()))
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(log["total"], 1);
    assert_eq!(log["requests"][0]["method"], "GET");
    assert_eq!(
        log["requests"][0]["path"],
        "/v2/RegulatoryCompliance/Bundles"
    );
    assert_eq!(log["requests"][0]["query"], "PageSize=2");
    assert_eq!(log["requests"][0]["status"], 200);
    assert_eq!(
        log["requests"][0]["account_sid"],
        emu.account.account_sid.as_str()
    );
    assert_eq!(cleared.status(), 204);
    assert_eq!(emu.handle.request_count(), 0);
}

#[tokio::test]
async fn a_request_whose_client_hangs_up_mid_flight_is_still_carried_out_and_logged() {
    // Arrange: creating a bundle takes 800 ms; the client waits 100 ms.
    let emu = emulator().await;
    emu.control(
        "faults",
        json!({"method": "POST", "path": "/v2/RegulatoryCompliance/Bundles",
        "fault": {"kind": "latency", "ms": 800}, "count": 1}),
    )
    .await;

    // Act
    let gave_up = emu
        .request(reqwest::Method::POST, &format!("{RC}/Bundles"))
        .form(&[
            ("FriendlyName", "Impatient client"),
            ("Email", "ops@example.com"),
            ("IsoCountry", "FR"),
            ("NumberType", "mobile"),
            ("EndUserType", "business"),
        ])
        .timeout(Duration::from_millis(100))
        .send()
        .await;
    let mut logged = false;
    for _ in 0..50 {
        logged = emu
            .handle
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path.ends_with("/Bundles") && r.status == 201);
        if logged {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Assert: the client saw no answer, yet the bundle exists and the request is in the log.
    assert!(
        gave_up.as_ref().is_err_and(|e| e.is_timeout()),
        "{gave_up:?}"
    );
    assert!(logged, "the request was logged with its answer");
    let (status, bundles) = emu.get(&format!("{RC}/Bundles")).await;
    assert_eq!(status, 200);
    let names: Vec<_> = bundles["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["friendly_name"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names, ["Impatient client"]);
}
