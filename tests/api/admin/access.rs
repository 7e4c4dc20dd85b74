//! Who can reach `/admin` at all, and what each role may do there.

use crate::harness::{client, spawn_app};
use crate::html::{parse, text, texts};

const ADMIN_PAGES: &[&str] = &[
    "/admin",
    "/admin/staff",
    "/admin/bundles",
    "/admin/renewals",
    "/admin/renewals.csv",
    "/admin/renewals/00000000-0000-0000-0000-000000000000",
    "/admin/outbox",
];

fn staff_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("recomply_staff="))
        .map(|c| {
            c.split(';')
                .next()
                .unwrap()
                .trim_start_matches("recomply_staff=")
                .to_owned()
        })
}

#[tokio::test]
async fn an_unauthenticated_request_to_any_admin_page_is_redirected_to_the_staff_login() {
    let app = spawn_app().await;

    for path in ADMIN_PAGES {
        let response = app.get(path).await;

        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/admin/login", "{path}");
    }
}

#[tokio::test]
async fn a_session_presented_under_the_customer_cookie_never_reaches_admin_pages() {
    // Arrange: a real staff session id, sent the way a customer's session travels.
    let app = spawn_app().await;
    super::create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();
    app.get_with(&staff, "/admin/login").await;
    let response = app.staff_login(&staff, "ada@isv.example").await;
    let session_id = staff_cookie(&response).expect("a staff cookie is set on sign-in");
    let customer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    for path in ADMIN_PAGES {
        // Act
        let response = customer
            .get(format!("{}{}", app.address, path))
            .header("cookie", format!("recomply_session={session_id}"))
            .send()
            .await
            .unwrap();

        // Assert
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/admin/login");
    }
}

#[tokio::test]
async fn the_staff_cookie_is_http_only_scoped_to_admin_and_renewed_on_sign_in() {
    let app = spawn_app().await;
    super::create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let staff = client();
    let form = app.get_with(&staff, "/admin/login").await;
    assert_eq!(
        staff_cookie(&form),
        None,
        "the form alone starts no session"
    );
    let csrf = crate::html::csrf_token(&form.text().await.unwrap());
    let fields = [
        ("email", "ada@isv.example"),
        ("password", super::PASSWORD),
        ("csrf_token", csrf.as_str()),
    ];

    let first = app.post_form(&staff, "/admin/login", &fields).await;
    let cookie_line = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("recomply_staff="))
        .expect("signing in sets the staff cookie")
        .to_owned();
    let before = staff_cookie(&first).unwrap();
    let again = app.post_form(&staff, "/admin/login", &fields).await;
    let after = staff_cookie(&again).expect("signing in again sets a new cookie");

    assert!(cookie_line.contains("HttpOnly"));
    assert!(cookie_line.contains("Path=/admin"));
    assert!(cookie_line.contains("SameSite=Lax"));
    assert_ne!(before, after, "the session id is rotated on sign-in");
}

#[tokio::test]
async fn a_support_session_cannot_manage_staff() {
    let app = spawn_app().await;
    let support = app.staff_client("support").await;
    let csrf = app.csrf_at(&support, "/admin").await;

    let dashboard = app.get_with(&support, "/admin").await.text().await.unwrap();
    let list = app.get_with(&support, "/admin/staff").await;
    let create = app
        .post_form(
            &support,
            "/admin/staff",
            &[
                ("email", "eve@isv.example"),
                ("name", "Eve"),
                ("role", "admin"),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert!(
        !texts(&parse(&dashboard), "nav a")
            .iter()
            .any(|t| t == "Staff")
    );
    assert_eq!(list.status(), 403);
    assert_eq!(create.status(), 403);
    let created: i64 =
        sqlx::query_scalar("select count(*) from staff_user where email = 'eve@isv.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(created, 0);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let staff = app.staff_client("admin").await;
    let csrf = app.csrf_at(&staff, "/admin").await;

    let response = app
        .post_form(&staff, "/admin/logout", &[("csrf_token", &csrf)])
        .await;
    let after = app.get_with(&staff, "/admin").await;

    assert_eq!(response.status(), 303);
    assert_eq!(after.status(), 303);
    assert_eq!(after.headers()["location"], "/admin/login");
}

#[tokio::test]
async fn a_form_posted_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let response = app
        .post_form(
            &admin,
            "/admin/staff",
            &[
                ("email", "eve@isv.example"),
                ("name", "Eve"),
                ("role", "admin"),
            ],
        )
        .await;
    let sign_out = app
        .post_form(&admin, "/admin/logout", &[("csrf_token", "forged")])
        .await;

    assert_eq!(response.status(), 403);
    assert_eq!(sign_out.status(), 403);
    assert_eq!(
        app.get_with(&admin, "/admin").await.status(),
        200,
        "still signed in"
    );
    let page = app.get_with(&admin, "/admin").await.text().await.unwrap();
    assert_eq!(text(&parse(&page), "h1"), "Dashboard");
}
