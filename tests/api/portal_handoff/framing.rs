//! `RECOMPLY_FRAME_ANCESTORS`: customer pages may live in the ISV's portal, admin pages never.

use recomply::config::FrameAncestors;

use super::{SECRET, Spec, configure};
use crate::harness::{client, spawn_app, spawn_app_with};

const PORTAL: &str = "https://portal.isv.example";

fn csp(response: &reqwest::Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn without_an_allow_list_no_page_may_be_framed() {
    let app = spawn_app().await;

    for path in ["/login", "/handoff", "/admin/login"] {
        let response = app.get(path).await;
        assert!(csp(&response).contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
    }
}

#[tokio::test]
async fn the_allow_list_lets_the_portal_frame_customer_pages_but_never_admin_pages() {
    let app = spawn_app_with(|config| {
        config.frame_ancestors = FrameAncestors::from_origins([PORTAL]).unwrap();
    })
    .await;

    for path in ["/login", "/handoff", "/bundles"] {
        let response = app.get(path).await;
        let policy = csp(&response);
        assert!(
            policy.contains(&format!("frame-ancestors {PORTAL}")),
            "{path}: {policy}"
        );
        assert!(!policy.contains("'none'; base-uri") && !policy.contains("frame-ancestors 'none'"));
        assert!(
            response.headers().get("x-frame-options").is_none(),
            "{path}"
        );
    }
    for path in ["/admin/login", "/admin/hand-off"] {
        let response = app.get(path).await;
        assert!(csp(&response).contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
    }
}

/// The `Set-Cookie` header naming `name`.
fn set_cookie(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("a {name} cookie"))
}

#[tokio::test]
async fn framed_customer_cookies_are_cross_site_secure_and_partitioned() {
    let app = spawn_app_with(|config| {
        config.frame_ancestors = FrameAncestors::from_origins([PORTAL]).unwrap();
    })
    .await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;

    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    let response = app.get_with(&client(), &path).await;
    assert_eq!(response.status(), 303);
    let session = set_cookie(&response, "recomply_session");
    for flag in ["SameSite=None", "Secure", "Partitioned", "HttpOnly"] {
        assert!(session.contains(flag), "{session} lacks {flag}");
    }

    let login = app.get_with(&client(), "/login").await;
    let csrf = set_cookie(&login, "recomply_login_csrf");
    for flag in ["SameSite=None", "Secure", "Partitioned"] {
        assert!(csrf.contains(flag), "{csrf} lacks {flag}");
    }

    crate::admin::create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = app.staff_login(&client(), "ada@isv.example").await;
    let cookie = set_cookie(&staff, "recomply_staff");
    assert!(
        !cookie.contains("Partitioned") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn unframed_customer_cookies_stay_lax() {
    let app = spawn_app().await;
    let customer = app
        .seed()
        .customer("Acme Telecom", "camille@acme.example")
        .await;
    configure(&app, SECRET, false).await;

    let path = Spec::new(customer.tenant_id, &customer.email).signed_with(SECRET);
    let response = app.get_with(&client(), &path).await;

    let session = set_cookie(&response, "recomply_session");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(!session.contains("Partitioned"), "{session}");
}
