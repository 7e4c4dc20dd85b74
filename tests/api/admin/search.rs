//! The global search box on every admin page: bundle or copy SID, email, tenant, renewal id.

use scraper::Html;
use uuid::Uuid;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, parse, text, texts};
use recomply::domain::renewal::RenewalState;

async fn search(app: &TestApp, staff: &reqwest::Client, q: &str) -> (u16, Html) {
    let response = app
        .get_with(staff, &format!("/admin/search?q={}", urlencoding(q)))
        .await;
    let status = response.status().as_u16();
    (status, parse(&response.text().await.unwrap()))
}

fn urlencoding(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[tokio::test]
async fn every_admin_page_has_the_search_box() {
    let app = spawn_app().await;
    let (tenant, renewal, _) = app
        .seed()
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    let staff = app.staff_client("admin").await;

    for path in [
        "/admin".to_owned(),
        "/admin/renewals".to_owned(),
        format!("/admin/renewals/{renewal}"),
        "/admin/bundles".to_owned(),
        format!("/admin/tenants/{tenant}"),
        "/admin/outbox".to_owned(),
        "/admin/webhooks".to_owned(),
        "/admin/jobs".to_owned(),
        "/admin/staff".to_owned(),
    ] {
        let page = parse(&app.get_with(&staff, &path).await.text().await.unwrap());
        assert_eq!(
            attr(&page, "form.global-search", "action").as_deref(),
            Some("/admin/search"),
            "{path}"
        );
        assert_eq!(
            attr(&page, "#global-q", "name").as_deref(),
            Some("q"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_bundle_or_copy_sid_finds_its_bundle_and_renewal() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (_, renewal, sid) = seed
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    let copy = format!("BU{}", Uuid::new_v4().simple());
    sqlx::query("update renewal set copy_sid = $2 where renewal_id = $1")
        .bind(renewal)
        .bind(&copy)
        .execute(&app.db)
        .await
        .unwrap();
    seed.one_renewal("Globex", 10.0, RenewalState::Collecting)
        .await;
    let staff = app.staff_client("support").await;

    // Act
    let (_, by_original) = search(&app, &staff, &sid).await;
    let (_, by_copy) = search(&app, &staff, &copy[..20]).await;
    let (_, by_id) = search(&app, &staff, &renewal.to_string()).await;

    // Assert
    for page in [&by_original, &by_copy] {
        assert_eq!(texts(page, "#bundle-results tbody tr").len(), 1);
        assert_eq!(
            attr(page, "#bundle-results .renewal-link", "href"),
            Some(format!("/admin/renewals/{renewal}"))
        );
    }
    assert_eq!(texts(&by_id, "#renewal-results tbody tr").len(), 1);
    assert_eq!(
        attr(&by_id, "#renewal-results a.row-title", "href"),
        Some(format!("/admin/renewals/{renewal}"))
    );
}

#[tokio::test]
async fn an_email_finds_the_user_in_their_own_tenant_only() {
    // Arrange: two tenants, each with a user; only Acme's address matches.
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme Telecom").await;
    let globex = seed.tenant("Globex").await;
    for (tenant, email) in [(acme, "ops@acme.example"), (globex, "ops@globex.example")] {
        sqlx::query("insert into app_user (tenant_id, email) values ($1, $2)")
            .bind(tenant)
            .bind(email)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let staff = app.staff_client("support").await;

    // Act
    let (_, by_email) = search(&app, &staff, "ops@acme").await;
    let (_, by_tenant) = search(&app, &staff, "acme tel").await;

    // Assert
    let users = texts(&by_email, "#user-results li");
    assert_eq!(users.len(), 1, "{users:?}");
    assert!(users[0].contains("ops@acme.example") && users[0].contains("Acme Telecom"));
    assert!(!users[0].contains("globex"));
    let user_link = attr(&by_email, "#user-results a.row-link", "href").unwrap();
    assert!(user_link.starts_with(&format!("/admin/tenants/{acme}#user-")));
    assert_eq!(
        attr(&by_email, "#email-search a", "href").as_deref(),
        Some("/admin/outbox?to=ops%40acme")
    );
    assert_eq!(
        texts(&by_tenant, "#tenant-results li a.row-link"),
        ["Acme Telecom"]
    );
    assert!(texts(&by_tenant, "#user-results li").is_empty());
}

#[tokio::test]
async fn a_search_too_short_says_so_beside_the_box_and_keeps_it() {
    let app = spawn_app().await;
    let staff = app.staff_client("support").await;

    let (status, page) = search(&app, &staff, "B").await;
    let (blank_status, blank) = search(&app, &staff, "").await;
    let (_, nothing) = search(&app, &staff, "no-such-thing").await;

    assert_eq!(status, 422);
    assert_eq!(text(&page, "#q-error"), "Type at least 2 characters");
    assert_eq!(attr(&page, "#q", "value").as_deref(), Some("B"));
    assert_eq!(attr(&page, "#q", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(blank_status, 200);
    assert!(texts(&blank, "#q-error").is_empty());
    assert!(texts(&blank, "#no-results").is_empty());
    assert!(text(&nothing, "#no-results").contains("no-such-thing"));
}

#[tokio::test]
async fn search_patterns_are_literal() {
    let app = spawn_app().await;
    let seed = app.seed();
    seed.tenant("Acme").await;
    let staff = app.staff_client("support").await;

    let (_, page) = search(&app, &staff, "%%").await;

    assert!(texts(&page, "#tenant-results li").is_empty());
}
