//! The ISV's brand: admins set it on `/admin/brand`; `/brand.css` and `/brand/logo` serve it
//! to anyone (customer pages show it before sign-in), cached for good under the current
//! version; emails come from the brand's sender.

use recomply::brand::Brand;
use reqwest::multipart::{Form, Part};

use crate::harness::{TestApp, client, spawn_app};
use crate::html::{attr, parse, text, texts};

/// A real 1×1 PNG.
const PNG: [u8; 69] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x58, 0xc5, 0xc0, 0x00,
    0x00, 0x02, 0x02, 0x00, 0xab, 0x5e, 0x7f, 0x9e, 0xd6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

const FOREVER: &str = "public, max-age=31536000, immutable";
const BRIEFLY: &str = "public, max-age=60";

/// A complete, valid brand form.
fn acme(csrf: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("product_name", "Acme Compliance"),
        ("company_name", "Acme Telecom Ltd"),
        ("primary_colour", "#AA0000"),
        ("support_email", "help@acme.example"),
        ("support_url", "https://help.acme.example/renewals"),
        ("sender_name", "Acme, Renewals"),
        ("sender_address", "renewals@acme.example"),
        ("footer", "Acme Telecom Ltd · 1 Main Street"),
        ("csrf_token", csrf),
    ]
}

async fn brand(app: &TestApp) -> Brand {
    recomply::db::brand::load(&app.db).await.unwrap()
}

async fn upload(
    app: &TestApp,
    staff: &reqwest::Client,
    csrf: &str,
    bytes: Vec<u8>,
    file_name: &str,
    mime: &str,
) -> reqwest::Response {
    let part = Part::bytes(bytes)
        .file_name(file_name.to_owned())
        .mime_str(mime)
        .unwrap();
    let form = Form::new()
        .text("csrf_token", csrf.to_owned())
        .part("logo", part);
    staff
        .post(format!("{}/admin/brand/logo", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_admin_saves_the_brand_and_brand_css_serves_its_colour_to_anyone() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;
    let anyone = client();
    let before = app
        .get_with(&anyone, &brand(&app).await.stylesheet_url())
        .await;
    assert!(
        before.text().await.unwrap().contains("--primary: #1f5fbf;"),
        "recomply's own look until a brand is saved"
    );

    // Act
    let saved = app
        .post_then_follow(
            &admin,
            "/admin/brand",
            &acme(&csrf),
            "/admin/brand?notice=saved",
        )
        .await;

    // Assert
    let page = parse(&saved.text().await.unwrap());
    assert!(text(&page, "#notice").contains("Brand saved"));
    assert_eq!(
        attr(&page, "#product_name", "value").as_deref(),
        Some("Acme Compliance")
    );
    assert_eq!(
        attr(&page, "#primary_colour", "value").as_deref(),
        Some("#aa0000")
    );
    assert_eq!(
        attr(&page, "#sender_name", "value").as_deref(),
        Some("Acme, Renewals")
    );
    let stored = brand(&app).await;
    assert_eq!(stored.product_name, "Acme Compliance");
    assert_eq!(stored.company(), "Acme Telecom Ltd");
    assert_eq!(
        stored.support_url.as_deref(),
        Some("https://help.acme.example/renewals")
    );
    assert!(stored.version > 0);
    let css = app.get_with(&anyone, &stored.stylesheet_url()).await;
    assert_eq!(css.status(), 200);
    assert!(header(&css, "content-type").starts_with("text/css"));
    assert_eq!(header(&css, "cache-control"), FOREVER);
    let body = css.text().await.unwrap();
    assert!(body.contains("--primary: #aa0000;"), "{body}");
    assert!(body.contains("--primary-dark: #800000;"), "{body}");
    assert!(body.contains("--primary-soft: #f7e6e6;"), "{body}");
}

#[tokio::test]
async fn only_the_current_version_of_the_stylesheet_is_cached_for_good() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;
    let old_url = brand(&app).await.stylesheet_url();
    app.post_form(&admin, "/admin/brand", &acme(&csrf)).await;
    let current = brand(&app).await.version;

    let old = app.get(&old_url).await;
    let bare = app.get("/brand.css").await;
    let garbage = app.get("/brand.css?v=abc").await;
    let fresh = app.get(&format!("/brand.css?v={current}")).await;

    assert_ne!(
        old_url,
        format!("/brand.css?v={current}"),
        "a save changes the URL"
    );
    assert_eq!(header(&old, "cache-control"), BRIEFLY);
    assert!(
        old.text().await.unwrap().contains("#aa0000"),
        "old URLs get the new colour"
    );
    assert_eq!(header(&bare, "cache-control"), BRIEFLY);
    assert_eq!(garbage.status(), 200);
    assert_eq!(header(&garbage, "cache-control"), BRIEFLY);
    assert_eq!(header(&fresh, "cache-control"), FOREVER);
}

#[tokio::test]
async fn support_staff_cannot_see_or_change_the_brand() {
    let app = spawn_app().await;
    let support = app.staff_client("support").await;
    let csrf = app.csrf_at(&support, "/admin").await;

    let page = app.get_with(&support, "/admin/brand").await;
    let save = app.post_form(&support, "/admin/brand", &acme(&csrf)).await;
    let logo = upload(&app, &support, &csrf, PNG.to_vec(), "logo.png", "image/png").await;
    let dashboard = parse(&app.get_with(&support, "/admin").await.text().await.unwrap());

    assert_eq!(page.status(), 403);
    assert_eq!(save.status(), 403);
    assert_eq!(logo.status(), 403);
    assert_eq!(brand(&app).await, Brand::default(), "nothing changed");
    assert!(
        !texts(&dashboard, "nav a").contains(&"Brand".to_owned()),
        "support staff get no Brand link"
    );
    let admin = app.staff_client("admin").await;
    let admin_dashboard = parse(&app.get_with(&admin, "/admin").await.text().await.unwrap());
    assert!(texts(&admin_dashboard, "nav a").contains(&"Brand".to_owned()));
}

#[tokio::test]
async fn bad_brand_input_is_flagged_beside_each_field_and_everything_typed_is_kept() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;
    let long_name = "N".repeat(61);
    let long_footer = "f".repeat(301);

    let response = app
        .post_form(
            &admin,
            "/admin/brand",
            &[
                ("product_name", &long_name),
                ("company_name", "Acme Telecom Ltd"),
                ("primary_colour", "red"),
                ("support_email", "help at acme"),
                ("support_url", "javascript:alert(1)"),
                ("sender_name", "Acme"),
                ("sender_address", "renewals"),
                ("footer", &long_footer),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#product_name-error"),
        "Use at most 60 characters"
    );
    assert!(text(&page, "#primary_colour-error").contains("#1f5fbf"));
    assert!(text(&page, "#support_email-error").contains("correct format"));
    assert!(text(&page, "#support_url-error").contains("https://"));
    assert!(text(&page, "#sender_address-error").contains("correct format"));
    assert_eq!(text(&page, "#footer-error"), "Use at most 300 characters");
    assert_eq!(texts(&page, ".error-summary li").len(), 6);
    assert_eq!(attr(&page, "#product_name", "value"), Some(long_name));
    assert_eq!(
        attr(&page, "#company_name", "value").as_deref(),
        Some("Acme Telecom Ltd")
    );
    assert_eq!(
        attr(&page, "#primary_colour", "value").as_deref(),
        Some("red")
    );
    assert_eq!(
        attr(&page, "#support_email", "value").as_deref(),
        Some("help at acme")
    );
    assert_eq!(
        attr(&page, "#support_url", "value").as_deref(),
        Some("javascript:alert(1)")
    );
    assert_eq!(
        attr(&page, "#sender_name", "value").as_deref(),
        Some("Acme")
    );
    assert_eq!(
        attr(&page, "#sender_address", "value").as_deref(),
        Some("renewals")
    );
    assert_eq!(attr(&page, "#footer", "value"), Some(long_footer));
    assert_eq!(brand(&app).await, Brand::default(), "nothing was saved");

    let empty = app
        .post_form(
            &admin,
            "/admin/brand",
            &[
                ("product_name", " "),
                ("primary_colour", ""),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(empty.status(), 422);
    let page = parse(&empty.text().await.unwrap());
    assert_eq!(text(&page, "#product_name-error"), "Enter the product name");
    assert!(text(&page, "#primary_colour-error").starts_with("Enter the primary colour"));
}

#[tokio::test]
async fn brand_forms_without_the_csrf_token_are_refused() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let mut form = acme("");
    form.retain(|(name, _)| *name != "csrf_token");

    let save = app.post_form(&admin, "/admin/brand", &form).await;
    let forged = app.post_form(&admin, "/admin/brand", &acme("forged")).await;
    let logo = upload(&app, &admin, "", PNG.to_vec(), "logo.png", "image/png").await;
    let remove = app.post_form(&admin, "/admin/brand/logo/remove", &[]).await;

    assert_eq!(save.status(), 403);
    assert_eq!(forged.status(), 403);
    assert_eq!(logo.status(), 403);
    assert_eq!(remove.status(), 403);
    assert_eq!(brand(&app).await, Brand::default(), "nothing changed");
}

#[tokio::test]
async fn an_uploaded_png_logo_is_served_back_byte_for_byte_from_our_origin_until_removed() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;

    // Act
    let uploaded = upload(&app, &admin, &csrf, PNG.to_vec(), "acme.png", "image/png").await;

    // Assert
    assert_eq!(uploaded.status(), 303);
    assert_eq!(header(&uploaded, "location"), "/admin/brand?notice=logo");
    let stored = brand(&app).await;
    let logo_url = stored.logo_url.clone().expect("a logo URL");
    assert_eq!(logo_url, format!("/brand/logo?v={}", stored.version));
    let page = parse(
        &app.get_with(&admin, "/admin/brand")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(attr(&page, "#current-logo", "src"), Some(logo_url.clone()));
    let served = app.get_with(&client(), &logo_url).await;
    assert_eq!(served.status(), 200);
    assert_eq!(header(&served, "content-type"), "image/png");
    assert_eq!(header(&served, "x-content-type-options"), "nosniff");
    assert_eq!(header(&served, "cache-control"), FOREVER);
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG.as_slice());
    let unversioned = app.get("/brand/logo").await;
    assert_eq!(header(&unversioned, "cache-control"), BRIEFLY);
    let stale = app
        .get(&format!("/brand/logo?v={}", stored.version - 1))
        .await;
    assert_eq!(header(&stale, "cache-control"), BRIEFLY);

    let removed = app
        .post_then_follow(
            &admin,
            "/admin/brand/logo/remove",
            &[("csrf_token", &csrf)],
            "/admin/brand?notice=logo-removed",
        )
        .await;
    let page = parse(&removed.text().await.unwrap());
    assert!(text(&page, "#no-logo").starts_with("No logo yet"));
    assert_eq!(brand(&app).await.logo_url, None);
    assert_eq!(app.get("/brand/logo").await.status(), 404);
}

#[tokio::test]
async fn a_text_file_named_png_is_refused_beside_the_file_field() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";

    let text_file = upload(
        &app,
        &admin,
        &csrf,
        b"hello, I am text".to_vec(),
        "logo.png",
        "image/png",
    )
    .await;
    let svg_file = upload(
        &app,
        &admin,
        &csrf,
        svg.to_vec(),
        "logo.svg",
        "image/svg+xml",
    )
    .await;
    let nothing = upload(
        &app,
        &admin,
        &csrf,
        Vec::new(),
        "",
        "application/octet-stream",
    )
    .await;

    assert_eq!(text_file.status(), 422);
    let page = parse(&text_file.text().await.unwrap());
    assert_eq!(
        text(&page, "#logo-error"),
        "The logo must be a PNG, JPEG or WebP image"
    );
    assert_eq!(svg_file.status(), 422);
    assert_eq!(nothing.status(), 422);
    let page = parse(&nothing.text().await.unwrap());
    assert_eq!(
        text(&page, "#logo-error"),
        "Choose an image file for the logo"
    );
    assert_eq!(app.get("/brand/logo").await.status(), 404, "nothing stored");
}

#[tokio::test]
async fn a_logo_over_512_kb_is_refused_with_its_limit() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;
    let mut large = PNG.to_vec();
    large.resize(512 * 1024 + 1, 0);
    let mut huge = PNG.to_vec();
    huge.resize(3 * 1024 * 1024, 0);

    let response = upload(&app, &admin, &csrf, large, "big.png", "image/png").await;
    let far_too_large = upload(&app, &admin, &csrf, huge, "huge.png", "image/png").await;

    assert_eq!(response.status(), 413);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#logo-error"),
        "The logo is larger than 512 KB. Choose a smaller image"
    );
    assert_eq!(far_too_large.status(), 413);
    assert_eq!(app.get("/brand/logo").await.status(), 404, "nothing stored");
}

#[tokio::test]
async fn emails_come_from_the_brands_sender() {
    // Arrange: a brand with its own sender, and a customer of Acme.
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/brand").await;
    app.post_form(&admin, "/admin/brand", &acme(&csrf)).await;
    let acme_tenant = app.seed().tenant("Acme").await;
    let user = recomply::db::users::add_user(&app.db, acme_tenant, "owner@acme.example", "")
        .await
        .unwrap()
        .app_user_id;

    // Act: staff email the customer a sign-in link.
    let sent = app
        .post_form(
            &admin,
            &format!("/admin/tenants/{acme_tenant}/users/{user}/link"),
            &[("csrf_token", &csrf)],
        )
        .await;

    // Assert
    assert_eq!(sent.status(), 303);
    let mail = app
        .mail_to("owner@acme.example")
        .await
        .pop()
        .expect("an email");
    assert_eq!(mail.from_name, "Acme, Renewals");
    assert_eq!(mail.from_address, "renewals@acme.example");
}
