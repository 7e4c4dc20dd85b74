//! Static paths never redirect (no protocol-relative `Location`), HSTS follows the public URL's
//! scheme.

use crate::harness::{spawn_app, spawn_app_with};

#[tokio::test]
async fn static_paths_with_extra_slashes_or_directories_never_redirect() {
    let app = spawn_app().await;

    for path in [
        "/static///css",
        "/static//css",
        "/static/css",
        "/static/css/",
    ] {
        let response = app.get(path).await;

        assert_eq!(response.status(), 404, "{path}");
        assert!(response.headers().get("location").is_none(), "{path}");
    }
    assert_eq!(app.get("/static/css/app.css").await.status(), 200);
}

#[tokio::test]
async fn responses_carry_hsts_only_when_the_public_url_is_https() {
    let https = spawn_app_with(|config| {
        config.public_url = url::Url::parse("https://recomply.example").unwrap();
    })
    .await;
    let http = spawn_app().await;

    let secure = https.get("/").await;
    let plain = http.get("/").await;

    assert_eq!(
        secure.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    assert!(plain.headers().get("strict-transport-security").is_none());
}
