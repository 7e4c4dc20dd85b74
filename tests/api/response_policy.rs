//! Rules every dynamic response follows: styled pages for every error a person can meet, and no
//! caching of pages rendered for a signed-in user.

use crate::harness::spawn_app;
use crate::html::text;
use crate::portal::session::sign_in;

#[tokio::test]
async fn a_malformed_renewal_link_renders_the_styled_error_page_not_plain_text() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;

    for path in ["/renewals/not-a-uuid", "/renewals/0b7c1e2a-1d2f"] {
        let response = app.get(path).await;

        assert_eq!(response.status(), 400, "{path}");
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with("text/html"),
            "{path}: {content_type}"
        );
        let html = response.text().await.unwrap();
        assert!(
            html.contains("<html lang=\"en\">"),
            "{path}: the page has a language"
        );
        assert_eq!(text(&html, "h1"), "That address is not valid");
        assert!(
            !text(&html, "title").is_empty(),
            "{path}: the page has a title"
        );
        assert!(!html.contains("Invalid URL"), "{path}: no extractor text");
    }
}

#[tokio::test]
async fn a_wrong_method_renders_the_styled_page_and_webhooks_keep_their_bare_answers() {
    let app = spawn_app().await;

    let page = app.get("/logout").await;
    let webhook = app
        .client
        .post(format!("{}/webhooks/twilio/bundle-status", app.address))
        .form(&[("BundleSid", "BU00000000000000000000000000000000")])
        .send()
        .await
        .unwrap();

    assert_eq!(page.status(), 405);
    assert_eq!(
        text(&page.text().await.unwrap(), "h1"),
        "That cannot be done here"
    );
    assert_eq!(webhook.status(), 403, "unsigned callbacks are refused");
    assert!(
        !webhook.text().await.unwrap().contains("<html"),
        "Twilio gets no HTML page"
    );
}

#[tokio::test]
async fn signed_in_pages_are_never_stored_by_the_browser_so_back_after_sign_out_shows_nothing() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;

    let bundles = app.get("/bundles").await;
    let stylesheet = app.get("/static/css/app.css").await;

    assert_eq!(bundles.status(), 200);
    assert_eq!(bundles.headers()["cache-control"], "no-store");
    assert!(
        stylesheet.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("public"),
        "static files keep their own caching"
    );
}
