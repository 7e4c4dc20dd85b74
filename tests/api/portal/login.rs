//! Signing in by magic link, signing out, CSRF and the rate limit.

use crate::harness::{follow_link, spawn_app, spawn_app_with};
use crate::html::{attrs, csrf_token, form_values, location, texts};
use crate::portal::session::{
    emailed_links, follow_to_check_email, outbox_count, request_link, request_link_from, sign_in,
};
use recomply::domain::ids::UserId;
use recomply::domain::renewal::RenewalState;

#[tokio::test]
async fn a_known_address_gets_a_single_use_link_that_signs_in_and_lands_on_bundles() {
    // Arrange
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;

    // Act
    let response = request_link(&app, "  Camille@ACME.example ").await;

    // Assert
    assert_eq!(response.status().as_u16(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(texts(&html, "h1"), ["Check your email"]);
    let links = emailed_links(&app, &camille.email).await;
    assert_eq!(links.len(), 1);
    let token = links[0].rsplit('/').next().unwrap();
    assert_eq!(token.len(), 43, "32 random bytes, base64url");
    let stored: i64 = sqlx::query_scalar(
        "select count(*) from magic_link where app_user_id = $1 and expires_at between now() + interval '14 minutes' and now() + interval '16 minutes'",
    )
    .bind(camille.app_user_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, 1, "bound to the user, valid 15 minutes");
    let in_clear: i64 = sqlx::query_scalar(
        "select count(*) from magic_link where position(convert_to($1, 'UTF8') in token_hash) > 0",
    )
    .bind(token)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(in_clear, 0, "the token is never stored");

    let signed_in = follow_link(&app.client, &links[0]).await;
    assert_eq!(signed_in.status().as_u16(), 303);
    assert_eq!(location(&signed_in), "/bundles");
    let bundles = app.get("/bundles").await;
    assert_eq!(bundles.status().as_u16(), 200);

    let again = follow_link(&app.client, &links[0]).await;
    assert_eq!(again.status().as_u16(), 410);
    let html = again.text().await.unwrap();
    assert!(texts(&html, "h1")[0].contains("no longer works"));
    assert!(html.contains("already been used"));
}

#[tokio::test]
async fn an_unknown_address_sees_the_same_page_and_nothing_is_sent() {
    let app = spawn_app().await;
    app.seed().customer("Acme", "camille@acme.example").await;

    let known = request_link(&app, "camille@acme.example").await;
    let known_html = known.text().await.unwrap();
    let unknown = request_link(&app, "nobody@acme.example").await;
    let unknown_status = unknown.status().as_u16();
    let unknown_html = unknown.text().await.unwrap();

    assert_eq!(unknown_status, 200);
    assert_eq!(
        known_html
            .replace("camille@acme.example", "ADDRESS")
            .replace("camille%40acme.example", "ADDRESS"),
        unknown_html
            .replace("nobody@acme.example", "ADDRESS")
            .replace("nobody%40acme.example", "ADDRESS"),
        "the two answers differ only by the address typed"
    );
    assert_eq!(outbox_count(&app).await, 1);
}

#[tokio::test]
async fn an_address_used_in_two_tenants_gets_one_link_per_tenant() {
    let app = spawn_app().await;
    let a = app.seed().customer("Acme", "sam@shared.example").await;
    let b = app.seed().customer("Globex", "sam@shared.example").await;

    request_link(&app, "sam@shared.example").await;

    let links = emailed_links(&app, "sam@shared.example").await;
    assert_eq!(links.len(), 2);
    let subjects: Vec<String> =
        sqlx::query_scalar("select subject from email_outbox order by subject")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        subjects,
        ["Your sign-in link for Acme", "Your sign-in link for Globex"]
    );
    let users: Vec<UserId> =
        sqlx::query_scalar("select app_user_id from magic_link order by created_at")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(users.contains(&a.app_user_id) && users.contains(&b.app_user_id));
}

#[tokio::test]
async fn an_expired_link_offers_a_new_one_for_the_same_address() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    request_link(&app, &camille.email).await;
    let link = emailed_links(&app, &camille.email).await.pop().unwrap();
    sqlx::query("update magic_link set expires_at = now() - interval '1 second'")
        .execute(&app.db)
        .await
        .unwrap();

    let response = follow_link(&app.client, &link).await;

    assert_eq!(response.status().as_u16(), 410);
    let html = response.text().await.unwrap();
    assert!(html.contains("expired"));
    assert!(
        !html.contains(&camille.email),
        "a spent link does not tell its holder whose it was"
    );
    assert_eq!(
        form_values(&html, "form[action='/login']")
            .iter()
            .find(|(name, _)| name == "email")
            .map(|(_, value)| value.as_str()),
        Some("")
    );
    // The offered form works.
    let token = csrf_token(&html);
    let again = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", camille.email.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 303);
    let again = follow_to_check_email(&app, again).await;
    assert_eq!(again.status().as_u16(), 200);
    assert_eq!(emailed_links(&app, &camille.email).await.len(), 2);
    assert_eq!(
        app.get("/bundles").await.status().as_u16(),
        303,
        "not signed in"
    );
}

#[tokio::test]
async fn a_made_up_link_shows_the_same_clear_page() {
    let app = spawn_app().await;

    let response = app.get("/login/not-a-real-token").await;

    assert_eq!(response.status().as_u16(), 410);
    let html = response.text().await.unwrap();
    assert_eq!(texts(&html, "h1"), ["This sign-in link no longer works"]);
    assert_eq!(attrs(&html, "input[name=email]", "value"), [""]);
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    app.get("/login").await;

    let without = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[("email", camille.email.as_str())])
        .send()
        .await
        .unwrap();
    let wrong = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[("csrf_token", "forged"), ("email", camille.email.as_str())])
        .send()
        .await
        .unwrap();
    sign_in(&app, &camille).await;
    let logout = app
        .client
        .post(format!("{}/logout", app.address))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();

    assert_eq!(without.status().as_u16(), 403);
    assert_eq!(wrong.status().as_u16(), 403);
    assert_eq!(logout.status().as_u16(), 403);
    assert_eq!(
        app.get("/bundles").await.status().as_u16(),
        200,
        "still signed in"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;
    let page = app.get("/bundles").await.text().await.unwrap();

    let response = app
        .client
        .post(format!("{}/logout", app.address))
        .form(&[("csrf_token", csrf_token(&page).as_str())])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/login?signed_out=1");
    let after = app.get("/bundles").await;
    assert_eq!(after.status().as_u16(), 303);
    assert_eq!(location(&after), "/login");
}

#[tokio::test]
async fn a_session_older_than_twelve_hours_must_sign_in_again() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;

    // The stored session (MessagePack) says it signed in 13 hours ago.
    let rows: Vec<(String, Vec<u8>)> =
        sqlx::query_as("select id, data from tower_sessions.session")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let mut patched_any = false;
    for (id, mut data) in rows {
        let key = b"signed_in_at";
        let Some(at) = data.windows(key.len()).position(|w| w == key) else {
            continue;
        };
        let value = at + key.len();
        let width = match data[value] {
            0xce => 4,
            0xcf | 0xd3 => 8,
            other => panic!("unexpected MessagePack marker {other:#x}"),
        };
        let bytes = &mut data[value + 1..value + 1 + width];
        let mut number = bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
        number -= 13 * 3600;
        for (i, b) in bytes.iter_mut().rev().enumerate() {
            *b = (number >> (8 * i)) as u8;
        }
        sqlx::query("update tower_sessions.session set data = $2 where id = $1")
            .bind(id)
            .bind(data)
            .execute(&app.db)
            .await
            .unwrap();
        patched_any = true;
    }
    assert!(patched_any);

    let response = app.get("/bundles").await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/login");
}

#[tokio::test]
async fn a_malformed_address_is_explained_beside_the_field_with_422() {
    let app = spawn_app().await;
    let form = app.get("/login").await.text().await.unwrap();

    let response = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", csrf_token(&form).as_str()),
            ("email", "<b>not-an-address"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, ".field-error"),
        ["Error: Enter an email address like name@example.com"]
    );
    assert_eq!(
        attrs(&html, "input[name=email]", "value"),
        ["<b>not-an-address"]
    );
    assert!(!html.contains("<b>not-an-address"), "escaped");
    assert_eq!(attrs(&html, ".error-summary a", "href"), ["#email"]);
}

#[tokio::test]
async fn requests_over_the_limit_for_an_address_or_a_client_send_nothing() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;

    // Per address: five emails, the sixth request looks the same but sends nothing.
    for n in 0..6 {
        let client = format!("198.51.100.{n}");
        let response = request_link_from(&app, &camille.email, Some(&client)).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            texts(&response.text().await.unwrap(), "h1"),
            ["Check your email"]
        );
    }
    assert_eq!(emailed_links(&app, &camille.email).await.len(), 5);

    // Per client: twenty requests from one address, for various emails; the 21st is dropped.
    let other = app.seed().customer("Globex", "lee@globex.example").await;
    for n in 0..20 {
        request_link_from(
            &app,
            &format!("someone{n}@nowhere.example"),
            Some("203.0.113.5"),
        )
        .await;
    }
    request_link_from(&app, &other.email, Some("203.0.113.5")).await;
    assert_eq!(emailed_links(&app, &other.email).await.len(), 0);
    request_link_from(&app, &other.email, Some("203.0.113.6")).await;
    assert_eq!(emailed_links(&app, &other.email).await.len(), 1);
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_escape_the_client_limit() {
    // Arrange: no trusted proxy, as in production by default.
    let app = spawn_app_with(|config| config.trusted_proxies.clear()).await;
    let other = app.seed().customer("Globex", "lee@globex.example").await;

    // Act: twenty requests, each claiming another client address.
    for n in 0..20 {
        request_link_from(
            &app,
            &format!("someone{n}@nowhere.example"),
            Some(&format!("198.51.100.{n}")),
        )
        .await;
    }
    let response = request_link_from(&app, &other.email, Some("198.51.100.200")).await;

    // Assert: they all counted against the one peer, so the 21st sends nothing.
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(emailed_links(&app, &other.email).await.len(), 0);
}

#[tokio::test]
async fn a_link_sent_about_a_renewal_lands_on_it() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;

    let url = recomply::links::magic_link::issue(
        &app.db,
        &app.config,
        camille.app_user_id,
        Some(renewal_id),
    )
    .await
    .unwrap();
    let response = follow_link(&app.client, &url).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), format!("/renewals/{renewal_id}"));
}

#[tokio::test]
async fn a_signed_out_visit_to_a_renewal_signs_in_and_comes_back_to_it() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;

    let visit = app.get(&format!("/renewals/{renewal_id}")).await;
    assert_eq!(location(&visit), format!("/login?renewal={renewal_id}"));
    let form = app.get(&location(&visit)).await.text().await.unwrap();
    let values = form_values(&form, "form[action='/login']");
    let mut body: Vec<(String, String)> = values;
    body.retain(|(n, _)| n != "email");
    body.push(("email".into(), camille.email.clone()));
    app.client
        .post(format!("{}/login", app.address))
        .form(&body)
        .send()
        .await
        .unwrap();
    let link = emailed_links(&app, &camille.email).await.pop().unwrap();
    let landed = follow_link(&app.client, &link).await;

    assert_eq!(location(&landed), format!("/renewals/{renewal_id}"));
}

#[tokio::test]
async fn asking_for_a_link_redirects_to_check_your_email_and_a_reload_sends_nothing() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let form = app.get("/login").await.text().await.unwrap();
    let token = csrf_token(&form);

    let posted = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "camille@acme.example"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(posted.status().as_u16(), 303, "See Other, not a page");
    assert_eq!(location(&posted), "/login/check-email");
    let page = app.get("/login/check-email").await.text().await.unwrap();
    assert_eq!(texts(&page, "h1"), ["Check your email"]);
    assert_eq!(texts(&page, "#sent-to strong"), ["camille@acme.example"]);
    assert_eq!(outbox_count(&app).await, 1);

    let reload = app.get("/login/check-email").await;
    assert_eq!(reload.status().as_u16(), 200);
    let reload = reload.text().await.unwrap();
    assert_eq!(texts(&reload, "h1"), ["Check your email"]);
    assert!(
        texts(&reload, "#sent-to").is_empty(),
        "the address is shown once"
    );
    assert!(!reload.contains("camille@acme.example"));
    assert_eq!(outbox_count(&app).await, 1, "a reload sends nothing");
    assert_eq!(emailed_links(&app, &camille.email).await.len(), 1);
}

#[tokio::test]
async fn scanners_fetching_a_link_leave_it_working_and_only_continue_signs_in() {
    // Arrange
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    let url = recomply::links::magic_link::issue(
        &app.db,
        &app.config,
        camille.app_user_id,
        Some(renewal_id),
    )
    .await
    .unwrap();

    // Act: what Safe Links, Mimecast and link previews do, then the customer's click.
    let scanner = crate::harness::client();
    let head = scanner.head(&url).send().await.unwrap();
    let first = scanner.get(&url).send().await.unwrap();
    let second = app.client.get(&url).send().await.unwrap();

    // Assert: nothing was used up; the page says whom it is for, masked.
    assert_eq!(head.status().as_u16(), 200);
    assert_eq!(first.status().as_u16(), 200);
    assert_eq!(second.status().as_u16(), 200);
    let html = second.text().await.unwrap();
    assert_eq!(texts(&html, "h1"), ["Continue signing in"]);
    assert!(html.contains("c***@acme.example"));
    assert!(!html.contains("camille@acme.example"));
    let used: i64 = sqlx::query_scalar("select count(*) from magic_link where used_at is not null")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(used, 0, "fetching the link consumed nothing");
    assert_eq!(
        app.get(&format!("/renewals/{renewal_id}"))
            .await
            .status()
            .as_u16(),
        303,
        "fetching the link signed no one in"
    );

    // The Continue button signs in and lands in the renewal.
    let token = csrf_token(&html);
    let posted = app
        .client
        .post(&url)
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status().as_u16(), 303);
    assert_eq!(location(&posted), format!("/renewals/{renewal_id}"));
    assert_eq!(
        app.get(&format!("/renewals/{renewal_id}"))
            .await
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn continue_without_the_forms_csrf_token_is_refused_and_leaves_the_link_usable() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let url = recomply::links::magic_link::issue(&app.db, &app.config, camille.app_user_id, None)
        .await
        .unwrap();

    let forged = crate::harness::client()
        .post(&url)
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();

    assert_eq!(forged.status().as_u16(), 403);
    let landed = follow_link(&app.client, &url).await;
    assert_eq!(location(&landed), "/bundles", "the link still works");
}

#[tokio::test]
async fn a_sign_in_links_token_appears_in_no_log_line() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let url = recomply::links::magic_link::issue(&app.db, &app.config, camille.app_user_id, None)
        .await
        .unwrap();
    let token = url.rsplit('/').next().unwrap().to_owned();

    let landed = follow_link(&app.client, &url).await;

    assert_eq!(location(&landed), "/bundles");
    let logged = crate::harness::captured_logs();
    let line = logged
        .lines()
        .find(|line| {
            line.contains("customer signed in") && line.contains(&camille.app_user_id.to_string())
        })
        .expect("the sign-in is logged inside its request's span");
    assert!(
        line.contains("/login/[redacted]"),
        "the span names the route: {line}"
    );
    assert!(!logged.contains(&token), "the token is in no log line");
}

#[tokio::test]
async fn a_signed_in_customer_opening_an_old_link_is_led_on_to_my_bundles() {
    // Arrange: Camille is signed in through her link.
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    sign_in(&app, &camille).await;
    let used = emailed_links(&app, &camille.email).await.pop().unwrap();

    // Act: she opens the same (now used) link again.
    let response = crate::harness::follow_link(&app.client, &used).await;

    // Assert: no sign-in form, a way on instead.
    assert_eq!(response.status().as_u16(), 410);
    let html = response.text().await.unwrap();
    assert_eq!(attrs(&html, "main a.button-primary", "href"), ["/bundles"]);
    assert_eq!(
        texts(&html, "main a.button-primary"),
        ["Continue to My bundles"]
    );
    assert!(texts(&html, "main input[type=email]").is_empty());
}
