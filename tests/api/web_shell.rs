//! The web shell: landing page, 404, error page, health, readiness, headers, static files.

use crate::harness::{TestApp, spawn_app};
use crate::html::{exists, text};

#[tokio::test]
async fn the_landing_page_explains_the_product_and_offers_sign_in() {
    let app = spawn_app().await;

    let response = app.get("/").await;

    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(text(&html, "h1").contains("compliant"));
    assert!(exists(&html, "a[href='/login']"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    let app = spawn_app().await;

    let response = app.get("/").await;

    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(!headers["x-request-id"].is_empty());
}

#[tokio::test]
async fn an_unknown_path_renders_the_not_found_page() {
    let app = spawn_app().await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert_eq!(text(&html, "h1"), "Page not found");
}

#[tokio::test]
async fn an_internal_error_renders_the_error_page_with_the_request_id_and_no_details() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(format!("{}/__test/internal-error", app.address))
        .header("x-request-id", "req-under-test-42")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 500);
    assert_eq!(response.headers()["x-request-id"], "req-under-test-42");
    let html = response.text().await.unwrap();
    assert_eq!(text(&html, "h1"), "Something went wrong");
    assert_eq!(text(&html, ".request-id"), "req-under-test-42");
    assert!(
        !html.contains("forced failure"),
        "internal details must not reach the page"
    );
    let logged = crate::harness::captured_logs();
    let line = logged
        .lines()
        .find(|line| line.contains("req-under-test-42") && line.contains("request failed"))
        .expect("the failure is logged with the request id");
    assert!(
        line.contains("forced failure for the error-page test"),
        "the cause is logged"
    );
}

#[tokio::test]
async fn test_routes_do_not_exist_outside_tests() {
    let app = crate::harness::spawn_app_with(|config| config.expose_test_routes = false).await;

    let response = app.get("/__test/internal-error").await;

    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn static_files_are_served_with_cache_headers() {
    let app = spawn_app().await;

    let response = app.get("/static/css/app.css").await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    assert!(response.text().await.unwrap().contains("--primary"));
}

#[tokio::test]
async fn healthz_answers_while_the_process_is_up() {
    let app = spawn_app().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn readyz_follows_the_database_down_and_back_up_without_a_restart() {
    // Arrange: the app on a private cluster we can stop and start on the same port.
    let data_dir = crate::embedded_db::scratch_dir("readyz");
    let mut cluster = recomply::db::embedded::PrivateCluster::start(&data_dir)
        .await
        .expect("private cluster starts");
    let port = cluster.port;
    let url = format!("{}/postgres", cluster.server_url());
    recomply::db::migrate(&recomply::db::pool(&url).unwrap())
        .await
        .expect("migrations apply");
    let app = TestApp::builder().on_database(&url).spawn().await;
    let client = crate::harness::client();
    let readyz = || client.get(format!("{}/readyz", app.address)).send();
    assert_eq!(readyz().await.unwrap().status(), 200);

    // Act + Assert: down → 503.
    cluster.stop();
    assert_eq!(readyz().await.unwrap().status(), 503);

    // Back on the same port → 200, same process. Like any probe, it may take a moment: the
    // first connections the app opens again can race the server's start on a loaded machine.
    let _cluster = recomply::db::embedded::PrivateCluster::start_on(&data_dir, Some(port))
        .await
        .expect("private cluster restarts");
    let started = std::time::Instant::now();
    loop {
        let response = readyz().await.unwrap();
        let status = response.status();
        if status == 200 {
            break;
        }
        let body = response.text().await.unwrap_or_default();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "readyz still answers {status} ({body}) 15 s after the database came back"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(readyz().await.unwrap().status(), 200, "and stays ready");
}
