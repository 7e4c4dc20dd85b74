//! Connection limits: slow or silent clients are disconnected, bodies are bounded per route
//! before anything parses them, and an oversize upload gets the friendly page.

use std::time::{Duration, Instant};

use recomply::web::server::ServerTimeouts;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{TestApp, spawn_app};
use crate::html::form_values;
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::uploads::{multipart, pdf};
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// An app whose connections must send their headers within one second, and its
/// `127.0.0.1:{port}`.
async fn spawn_app_with_short_timeouts() -> (String, TestApp) {
    let app = TestApp::builder()
        .timeouts(ServerTimeouts {
            header_read: Duration::from_secs(1),
            ..ServerTimeouts::default()
        })
        .spawn()
        .await;
    let address = app.address.trim_start_matches("http://").to_owned();
    (address, app)
}

/// Reads until the server closes the connection; how long that took (at most `limit`).
async fn time_until_closed(reader: &mut (impl AsyncReadExt + Unpin), limit: Duration) -> Duration {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    let closed = tokio::time::timeout(limit, async {
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(_) => continue,
            }
        }
    })
    .await;
    assert!(
        closed.is_ok(),
        "the connection was still open after {limit:?}"
    );
    started.elapsed()
}

#[tokio::test]
async fn a_client_trickling_its_headers_is_disconnected_within_the_timeout() {
    let (address, _app) = spawn_app_with_short_timeouts().await;
    let stream = TcpStream::connect(&address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();

    // One header byte every 100 ms, never the blank line that ends the headers.
    let trickle = tokio::spawn(async move {
        let _ = writer
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await;
        loop {
            if writer.write_all(b"a").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let elapsed = time_until_closed(&mut reader, Duration::from_secs(10)).await;
    trickle.abort();

    assert!(
        elapsed >= Duration::from_millis(800) && elapsed < Duration::from_secs(4),
        "disconnected after {elapsed:?}, expected about 1 s"
    );
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_and_others_are_still_served() {
    let (address, _app) = spawn_app_with_short_timeouts().await;
    let mut silent = TcpStream::connect(&address).await.unwrap();

    let elapsed = time_until_closed(&mut silent, Duration::from_secs(10)).await;
    let response = reqwest::get(format!("http://{address}/healthz"))
        .await
        .unwrap();

    assert!(elapsed < Duration::from_secs(4), "closed after {elapsed:?}");
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_one_megabyte_webhook_is_refused_before_its_signature_is_checked() {
    let app = spawn_app().await;
    let body = format!("AccountSid=AC1&Padding={}", "a".repeat(1024 * 1024));
    let url = format!("{}/webhooks/twilio/bundle-status", app.address);

    let declared = app
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    // Without a Content-Length (chunked), the body is cut off while it is read.
    let frames: Vec<Result<_, std::io::Error>> = body
        .into_bytes()
        .chunks(64 * 1024)
        .map(|chunk| {
            Ok(hyper::body::Frame::data(
                axum::body::Bytes::copy_from_slice(chunk),
            ))
        })
        .collect();
    let chunks = http_body_util::StreamBody::new(futures::stream::iter(frames));
    let chunked = app
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap(chunks))
        .send()
        .await
        .unwrap();

    // An unsigned small callback answers 403: 413 means the signature check never ran.
    assert_eq!(declared.status(), 413);
    assert_eq!(chunked.status(), 413);
    let stored: i64 = sqlx::query_scalar("select count(*) from webhook_event")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_small_unsigned_webhook_still_reaches_the_signature_check() {
    let app = spawn_app().await;

    let response = app
        .client
        .post(format!("{}/webhooks/twilio/bundle-status", app.address))
        .form(&[("AccountSid", "AC1"), ("Status", "twilio-approved")])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn a_sign_in_form_of_more_than_a_few_kilobytes_is_refused() {
    let app = spawn_app().await;
    let long = "a".repeat(20 * 1024);

    let customer = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[("email", long.as_str())])
        .send()
        .await
        .unwrap();
    let staff = app
        .client
        .post(format!("{}/admin/login", app.address))
        .form(&[("email", "a@b.example"), ("password", long.as_str())])
        .send()
        .await
        .unwrap();

    assert_eq!(customer.status(), 413);
    assert_eq!(staff.status(), 413);
    assert!(
        staff
            .text()
            .await
            .unwrap()
            .contains("The request is too large")
    );
}

#[tokio::test]
async fn an_upload_over_the_limit_shows_the_files_too_large_page() {
    // Arrange: a signed-in customer on a renewal page.
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(12),
        )
        .await;
    let snapshot = Some(fixtures::partly_done());
    let renewal = app
        .seed()
        .customer_renewal(&camille, bundle, RenewalState::Collecting, snapshot)
        .await;
    sign_in(&app, &camille).await;
    let html = app
        .get(&format!("/renewals/{renewal}"))
        .await
        .text()
        .await
        .unwrap();
    let values = form_values(&html, "form#sections");
    // Five documents of 9 MB: each is allowed, together they exceed the save limit.
    let mut document = pdf();
    document.resize(9 * 1024 * 1024, b' ');
    let names: Vec<String> = (0..5).map(|i| format!("add.extra_{i}.file")).collect();
    let files = names
        .iter()
        .map(|name| (name.as_str(), "big.pdf", document.clone()))
        .collect();

    // Act
    let response = app
        .client
        .post(format!("{}/renewals/{renewal}", app.address))
        .multipart(multipart(&values, &[], files))
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(response.status(), 413);
    let html = response.text().await.unwrap();
    assert!(html.contains("The files are too large"), "{html}");
}
