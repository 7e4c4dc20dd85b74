//! Server state only where it is needed: anonymous visitors create no session, a signed-in page
//! view that changes nothing writes nothing, and the sign-in forms are protected by a signed
//! double-submit cookie instead of a stored session.

use sqlx::PgPool;

use crate::admin::{PASSWORD, create_staff};
use crate::harness::{TestApp, client, spawn_app};
use crate::html::{csrf_token, texts};
use crate::portal::session::{outbox_count, sign_in};

async fn session_rows(db: &PgPool) -> Vec<(String, Vec<u8>, time::OffsetDateTime)> {
    sqlx::query_as("select id, data, expiry_date from tower_sessions.session order by id")
        .fetch_all(db)
        .await
        .unwrap()
}

/// A client that keeps no cookies: every request is a first visit.
fn cookieless() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn page_token(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    csrf_token(&app.get_with(client, path).await.text().await.unwrap())
}

async fn post_login(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{}{path}", app.address))
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn fifty_anonymous_views_of_each_public_page_store_no_session() {
    let app = spawn_app().await;
    let visitor = cookieless();
    let before = session_rows(&app.db).await.len();

    for _ in 0..50 {
        for path in ["/", "/login", "/admin/login"] {
            let response = visitor
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 200, "{path}");
            let cookies: Vec<_> = response.cookies().map(|c| c.name().to_owned()).collect();
            assert!(
                cookies
                    .iter()
                    .all(|name| !name.contains("session") && !name.contains("staff")),
                "{path} set a session cookie: {cookies:?}"
            );
        }
    }

    assert_eq!(
        session_rows(&app.db).await.len(),
        before,
        "no new session rows"
    );
}

#[tokio::test]
async fn a_signed_in_customer_reading_bundles_leaves_the_session_row_untouched() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;
    let before = session_rows(&app.db).await;
    assert_eq!(before.len(), 1, "one signed-in session");

    for _ in 0..3 {
        let page = app.get("/bundles").await;
        assert_eq!(page.status().as_u16(), 200);
    }

    assert_eq!(session_rows(&app.db).await, before, "same data and expiry");
}

#[tokio::test]
async fn a_signed_in_session_seen_a_refresh_window_ago_is_extended_by_the_next_view() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;
    // Pretend the last refresh was ten minutes ago and the session expires in an hour.
    let (id, data, _) = session_rows(&app.db).await.pop().unwrap();
    let data = shift_integer(data, b"seen_at", 10 * 60);
    sqlx::query(
        "update tower_sessions.session set data = $2, expiry_date = now() + interval '1 hour' where id = $1",
    )
    .bind(&id)
    .bind(&data)
    .execute(&app.db)
    .await
    .unwrap();

    assert_eq!(app.get("/bundles").await.status().as_u16(), 200);

    let (_, after_data, expiry) = session_rows(&app.db).await.pop().unwrap();
    assert_ne!(after_data, data, "the view stamped the session");
    let left = expiry - time::OffsetDateTime::now_utc();
    assert!(
        left > time::Duration::minutes(110),
        "expiry pushed back to the idle limit, {left} left"
    );
}

#[tokio::test]
async fn a_customer_sign_in_without_the_csrf_cookie_or_with_another_token_is_refused() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let browser = client();
    let own = page_token(&app, &browser, "/login").await;
    let other = page_token(&app, &cookieless(), "/login").await;
    let email = camille.email.as_str();

    let no_cookie = post_login(
        &app,
        &cookieless(),
        "/login",
        &[("csrf_token", &own), ("email", email)],
    )
    .await;
    let mismatched = post_login(
        &app,
        &browser,
        "/login",
        &[("csrf_token", &other), ("email", email)],
    )
    .await;

    for response in [no_cookie, mismatched] {
        assert_eq!(response.status().as_u16(), 403);
        let html = response.text().await.unwrap();
        assert_eq!(texts(&html, "h1"), ["Not allowed"], "the styled page");
    }
    assert_eq!(outbox_count(&app).await, 0, "no link was sent");
    let accepted = post_login(
        &app,
        &browser,
        "/login",
        &[("csrf_token", &own), ("email", email)],
    )
    .await;
    assert_eq!(
        accepted.status().as_u16(),
        303,
        "accepted: on to \"check your email\""
    );
    assert_eq!(accepted.headers()["location"], "/login/check-email");
    assert_eq!(outbox_count(&app).await, 1);
}

#[tokio::test]
async fn a_staff_sign_in_without_the_csrf_cookie_or_with_another_token_is_refused() {
    let app = spawn_app().await;
    create_staff(&app.db, "ada@isv.example", "Ada", "admin").await;
    let browser = client();
    let own = page_token(&app, &browser, "/admin/login").await;
    let other = page_token(&app, &cookieless(), "/admin/login").await;
    let form = |token: &str| {
        [
            ("csrf_token", token.to_owned()),
            ("email", "ada@isv.example".to_owned()),
            ("password", PASSWORD.to_owned()),
        ]
    };

    let no_cookie = cookieless()
        .post(format!("{}/admin/login", app.address))
        .form(&form(&own))
        .send()
        .await
        .unwrap();
    let mismatched = browser
        .post(format!("{}/admin/login", app.address))
        .form(&form(&other))
        .send()
        .await
        .unwrap();

    for response in [no_cookie, mismatched] {
        assert_eq!(response.status().as_u16(), 403);
        let html = response.text().await.unwrap();
        assert_eq!(texts(&html, "h1"), ["Not allowed"], "the styled page");
    }
    let accepted = browser
        .post(format!("{}/admin/login", app.address))
        .form(&form(&own))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status().as_u16(), 303, "signed in");
}

/// `data` (a MessagePack session record) with the unsigned integer after `key` lowered by
/// `seconds`.
fn shift_integer(mut data: Vec<u8>, key: &[u8], seconds: u64) -> Vec<u8> {
    let at = data
        .windows(key.len())
        .position(|w| w == key)
        .expect("the key is stored");
    let value = at + key.len();
    let width = match data[value] {
        0xce => 4,
        0xcf | 0xd3 => 8,
        other => panic!("unexpected MessagePack marker {other:#x}"),
    };
    let bytes = &mut data[value + 1..value + 1 + width];
    let number = bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b)) - seconds;
    for (i, b) in bytes.iter_mut().rev().enumerate() {
        *b = (number >> (8 * i)) as u8;
    }
    data
}
