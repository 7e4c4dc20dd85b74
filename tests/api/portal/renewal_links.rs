//! Renewal links in notification emails: reusable until their lifetime passes or the renewal
//! closes or staff revoke them; an expired one offers a fresh link to the same renewal; the
//! token is stored nowhere; and a link never reaches another tenant's renewal.

use recomply::domain::ids::RenewalId;
use recomply::domain::renewal::{Cause, RenewalEvent, RenewalState};
use recomply::lifecycle::notifications::NotificationKind;
use sqlx::PgPool;
use uuid::Uuid;

use crate::harness::{TestApp, captured_logs, client, follow_link, spawn_app, spawn_app_with};
use crate::html::{attrs, csrf_token, form_values, location, texts};
use crate::portal::session::{emailed_links, notify, request_link};
use crate::seed::Customer;

/// Sends the renewal's action-needed email (as preparation does) and returns the link
/// `customer` received in it.
async fn action_needed_link(app: &TestApp, customer: &Customer, renewal_id: RenewalId) -> String {
    let before = app.mailbox.to(&customer.email).len();
    notify(app, customer, renewal_id, NotificationKind::ActionNeeded).await;
    let mails = app.mail_to(&customer.email).await;
    assert_eq!(mails.len(), before + 1, "one action-needed email arrived");
    let mail = mails.last().unwrap();
    assert!(
        mail.subject.starts_with("Action needed"),
        "{}",
        mail.subject
    );
    mail.link().expect("the email carries a link")
}

/// The customer's renewal page, for a client: its status and text.
async fn renewal_page(
    app: &TestApp,
    client: &reqwest::Client,
    renewal_id: RenewalId,
) -> (u16, String) {
    let response = client
        .get(format!("{}/renewals/{renewal_id}", app.address))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Follows `link` with a fresh client and asserts it signs in and lands on the renewal page.
async fn assert_lands_on(app: &TestApp, link: &str, renewal_id: RenewalId) -> reqwest::Client {
    let fresh = client();
    let response = follow_link(&fresh, link).await;
    assert_eq!(response.status().as_u16(), 303, "the link signs in");
    assert_eq!(location(&response), format!("/renewals/{renewal_id}"));
    let (status, html) = renewal_page(app, &fresh, renewal_id).await;
    assert_eq!(status, 200);
    assert!(html.contains("Paris office"), "the renewal's page: {html}");
    fresh
}

/// Follows `link` with a fresh client and asserts it no longer signs in; returns that client
/// and the page it got.
async fn assert_refused(
    app: &TestApp,
    link: &str,
    renewal_id: RenewalId,
) -> (reqwest::Client, String) {
    let fresh = client();
    let response = follow_link(&fresh, link).await;
    assert_eq!(response.status().as_u16(), 410, "the link no longer works");
    let html = response.text().await.unwrap();
    assert_eq!(texts(&html, "h1"), ["This sign-in link no longer works"]);
    let (status, _) = renewal_page(app, &fresh, renewal_id).await;
    assert_eq!(status, 303, "not signed in");
    (fresh, html)
}

async fn close(db: &PgPool, customer: &Customer, renewal_id: RenewalId, from: RenewalState) {
    let mut tx = db.begin().await.unwrap();
    let moved = recomply::db::renewals::transition(
        &mut tx,
        recomply::db::renewals::Transition {
            tenant_id: customer.tenant_id,
            renewal_id,
            from,
            event: RenewalEvent::Completed,
            cause: Cause::Job,
            actor: "finishing",
            reason: None,
            details: serde_json::Value::Null,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(moved, Some(RenewalState::Completed));
}

#[tokio::test]
async fn a_renewal_link_signs_in_and_lands_on_the_renewal_twice() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    let link = action_needed_link(&app, &camille, renewal_id).await;

    assert_lands_on(&app, &link, renewal_id).await;
    assert_lands_on(&app, &link, renewal_id).await;
}

#[tokio::test]
async fn an_expired_renewal_link_offers_a_fresh_one_that_lands_on_the_same_renewal() {
    // Arrange: the link's 30 days have passed.
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let other = app.seed().customer("Acme two", "lee@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    let link = action_needed_link(&app, &camille, renewal_id).await;
    assert_lands_on(&app, &link, renewal_id).await;
    sqlx::query(
        "update magic_link set expires_at = now() - interval '1 second' where renewal_id = $1",
    )
    .bind(renewal_id)
    .execute(&app.db)
    .await
    .unwrap();

    // Act
    let (holder, html) = assert_refused(&app, &link, renewal_id).await;
    let token = link.rsplit('/').next().unwrap();
    let action = format!("/login/{token}/fresh");
    assert_eq!(
        attrs(&html, "form", "action"),
        std::slice::from_ref(&action)
    );
    assert_eq!(texts(&html, "form button"), ["Email me a fresh link"]);
    assert!(
        !html.contains(&camille.email),
        "the holder learns no address"
    );
    let pressed = holder
        .post(format!("{}{action}", app.address))
        .form(&[("csrf_token", csrf_token(&html).as_str())])
        .send()
        .await
        .unwrap();

    // Assert: a new email to the owner only, whose link opens the same renewal.
    assert_eq!(pressed.status().as_u16(), 303);
    assert_eq!(location(&pressed), "/login/check-email");
    let mails = app.mail_to(&camille.email).await;
    assert_eq!(mails.len(), 2, "the action-needed email and the fresh link");
    let fresh = mails[1].link().expect("a fresh link");
    assert_ne!(fresh, link);
    assert_lands_on(&app, &fresh, renewal_id).await;
    assert_lands_on(&app, &fresh, renewal_id).await;
    assert!(app.mailbox.to(&other.email).is_empty());
    assert_eq!(app.mailbox.all().len(), 2);
}

#[tokio::test]
async fn a_renewal_link_stops_working_when_the_renewal_completes() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::CopyDeleted)
        .await;
    let link = action_needed_link(&app, &camille, renewal_id).await;
    let before = follow_link(&client(), &link).await;
    assert_eq!(
        location(&before),
        format!("/renewals/{renewal_id}"),
        "works while open"
    );

    close(&app.db, &camille, renewal_id, RenewalState::CopyDeleted).await;

    assert_refused(&app, &link, renewal_id).await;
}

#[tokio::test]
async fn a_renewal_link_stops_working_when_staff_cancel_the_renewal() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    let link = action_needed_link(&app, &camille, renewal_id).await;
    assert_lands_on(&app, &link, renewal_id).await;
    let staff = app.staff_client("support").await;
    let cancel = format!("/admin/renewals/{renewal_id}/cancel");
    let csrf = app.csrf_at(&staff, &cancel).await;

    let response = app
        .post_form(
            &staff,
            &cancel,
            &[("csrf_token", &csrf), ("reason", "handled_elsewhere")],
        )
        .await;

    assert_eq!(response.status(), 303);
    let state: String = sqlx::query_scalar("select state from renewal where renewal_id = $1")
        .bind(renewal_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "cancelled");
    assert_refused(&app, &link, renewal_id).await;
}

#[tokio::test]
async fn staff_revoke_emailed_links_and_the_timeline_names_them() {
    // Arrange
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    let link = action_needed_link(&app, &camille, renewal_id).await;
    assert_lands_on(&app, &link, renewal_id).await;
    let staff = app.staff_client("support").await;
    let page_path = format!("/admin/renewals/{renewal_id}");
    let page = app.get_with(&staff, &page_path).await.text().await.unwrap();
    let form = "form[action$='/revoke-links']";
    let values = form_values(&page, form);
    assert_eq!(
        texts(&page, &format!("{form} button")),
        ["Revoke emailed links"]
    );
    let body: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert!(body.iter().any(|(name, _)| *name == "csrf_token"));

    // Act
    let after = app
        .post_then_follow(
            &staff,
            &format!("{page_path}/revoke-links"),
            &body,
            &page_path,
        )
        .await
        .text()
        .await
        .unwrap();

    // Assert
    assert!(
        after.contains("1 emailed link(s) to this renewal no longer work."),
        "{after}"
    );
    let doc = crate::html::parse(&after);
    let entries = crate::html::texts(&doc, "#timeline li");
    let revoked = entries
        .iter()
        .find(|e| e.contains("Emailed links to this renewal revoked (1)"))
        .expect("the revocation is on the timeline");
    assert!(revoked.contains("Sam Support"), "{revoked}");
    let (_, html) = assert_refused(&app, &link, renewal_id).await;
    assert_eq!(texts(&html, "form button"), ["Email me a fresh link"]);
}

#[tokio::test]
async fn a_revoke_without_the_forms_csrf_token_is_refused_and_the_link_keeps_working() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    let link = action_needed_link(&app, &camille, renewal_id).await;
    let staff = app.staff_client("support").await;

    let forged = app
        .post_form(
            &staff,
            &format!("/admin/renewals/{renewal_id}/revoke-links"),
            &[("csrf_token", "forged")],
        )
        .await;

    assert_eq!(forged.status(), 403);
    assert_lands_on(&app, &link, renewal_id).await;
}

#[tokio::test]
async fn the_email_says_how_long_its_link_works() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    action_needed_link(&app, &camille, renewal_id).await;
    let mail = app.mailbox.to(&camille.email).pop().unwrap();
    assert!(mail.text.contains("works for 30 days"), "{}", mail.text);

    // A configured lifetime is what the email says and what the link gets.
    let short = spawn_app_with(|config| config.renewal_link_days = 7).await;
    let lee = short.seed().customer("Globex", "lee@globex.example").await;
    let renewal_id = short
        .seed()
        .renewal_without_snapshot(&lee, RenewalState::Collecting)
        .await;
    action_needed_link(&short, &lee, renewal_id).await;
    let mail = short.mailbox.to(&lee.email).pop().unwrap();
    assert!(mail.text.contains("works for 7 days"), "{}", mail.text);
    assert!(!mail.text.contains("30 days"), "{}", mail.text);
    let lasts: i64 = sqlx::query_scalar(
        "select count(*) from magic_link where renewal_id = $1
         and expires_at between now() + interval '6 days 23 hours' and now() + interval '7 days'",
    )
    .bind(renewal_id)
    .fetch_one(&short.db)
    .await
    .unwrap();
    assert_eq!(lasts, 1);
}

/// `table.column` of every text, json or bytea column of `table` holding `token` (as text, or
/// the 32 bytes it encodes).
async fn columns_holding(db: &PgPool, table: &str, token: &str) -> Vec<String> {
    let columns: Vec<(String, String)> = sqlx::query_as(
        "select column_name::text, data_type::text from information_schema.columns
         where table_schema = 'public' and table_name = $1
           and data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')",
    )
    .bind(table)
    .fetch_all(db)
    .await
    .unwrap();
    assert!(!columns.is_empty(), "{table} has columns to search");
    let mut holding = Vec::new();
    for (column, data_type) in columns {
        let condition = if data_type == "bytea" {
            format!(
                "position(convert_to($1, 'UTF8') in {column}) > 0
                 or position(decode(translate($1, '-_', '+/') || '=', 'base64') in {column}) > 0"
            )
        } else {
            format!("position($1 in {column}::text) > 0")
        };
        let found: i64 =
            sqlx::query_scalar(&format!("select count(*) from {table} where {condition}"))
                .bind(token)
                .fetch_one(db)
                .await
                .unwrap();
        if found > 0 {
            holding.push(format!("{table}.{column}"));
        }
    }
    holding
}

#[tokio::test]
async fn no_token_of_an_emailed_link_is_stored_shown_to_staff_or_logged() {
    // Arrange: a sign-in link from the form, and a renewal link from a notification.
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal_id = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::Collecting)
        .await;
    request_link(&app, &camille.email).await;
    let sign_in = emailed_links(&app, &camille.email).await.pop().unwrap();
    let renewal = action_needed_link(&app, &camille, renewal_id).await;
    assert_lands_on(&app, &renewal, renewal_id).await;
    let tokens: Vec<String> = [&sign_in, &renewal]
        .iter()
        .map(|link| link.rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_ne!(tokens[0], tokens[1]);
    let stored: i64 = sqlx::query_scalar("select count(*) from magic_link")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 2, "both links are stored, as hashes");
    let jobs: i64 = sqlx::query_scalar("select count(*) from job")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(jobs >= 2, "the emails went through the queue");

    // Act: what staff of every role can see.
    let email_ids: Vec<Uuid> = sqlx::query_scalar("select email_id from email_outbox")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(email_ids.len(), 2);
    let mut staff_pages = Vec::new();
    for role in ["admin", "support"] {
        let staff = app.staff_client(role).await;
        let mut paths = vec!["/admin/outbox".to_owned()];
        paths.extend(email_ids.iter().map(|id| format!("/admin/outbox/{id}")));
        paths.push(format!("/admin/renewals/{renewal_id}"));
        for path in paths {
            let response = app.get_with(&staff, &path).await;
            assert_eq!(response.status(), 200, "{role} {path}");
            staff_pages.push((format!("{role} {path}"), response.text().await.unwrap()));
        }
    }

    // Assert
    assert!(
        staff_pages
            .iter()
            .any(|(_, html)| html.contains("/login/[redacted]")),
        "the staff see the emails, with their links redacted"
    );
    let logs = captured_logs();
    for token in &tokens {
        for table in ["email_outbox", "job", "magic_link"] {
            assert_eq!(
                columns_holding(&app.db, table, token).await,
                Vec::<String>::new()
            );
        }
        for (page, html) in &staff_pages {
            assert!(!html.contains(token.as_str()), "{page} shows a token");
        }
        assert!(!logs.contains(token.as_str()), "a token was logged");
    }
}

#[tokio::test]
async fn a_renewal_link_never_opens_another_tenants_renewal() {
    // Arrange: two tenants, each with a renewal and its action-needed email.
    let app = spawn_app().await;
    let acme = app.seed().customer("Acme", "camille@acme.example").await;
    let globex = app.seed().customer("Globex", "lee@globex.example").await;
    let acme_renewal = app
        .seed()
        .renewal_without_snapshot(&acme, RenewalState::Collecting)
        .await;
    let globex_renewal = app
        .seed()
        .renewal_without_snapshot(&globex, RenewalState::Collecting)
        .await;
    let acme_link = action_needed_link(&app, &acme, acme_renewal).await;
    let globex_link = action_needed_link(&app, &globex, globex_renewal).await;

    // Signed in by B's link, A's renewal is not found.
    let lee = assert_lands_on(&app, &globex_link, globex_renewal).await;
    let (status, _) = renewal_page(&app, &lee, acme_renewal).await;
    assert_eq!(status, 404);

    // A's link used in B's session signs in A alone: B's renewal is gone from that session.
    let response = follow_link(&lee, &acme_link).await;
    assert_eq!(location(&response), format!("/renewals/{acme_renewal}"));
    assert_eq!(renewal_page(&app, &lee, acme_renewal).await.0, 200);
    assert_eq!(renewal_page(&app, &lee, globex_renewal).await.0, 404);

    // B's address asking for a link to A's renewal gets one that lands on B's bundles.
    let form = app.get(&format!("/login?renewal={acme_renewal}")).await;
    let form = form.text().await.unwrap();
    let mut body = form_values(&form, "form[action='/login']");
    assert!(body.contains(&("renewal".to_owned(), acme_renewal.to_string())));
    body.retain(|(name, _)| name != "email");
    body.push(("email".to_owned(), globex.email.clone()));
    app.client
        .post(format!("{}/login", app.address))
        .form(&body)
        .send()
        .await
        .unwrap();
    let link = emailed_links(&app, &globex.email).await.pop().unwrap();
    assert_ne!(link, globex_link);
    let landed = follow_link(&client(), &link).await;
    assert_eq!(location(&landed), "/bundles");

    // No renewal link of B's user can be made for A's renewal.
    let spec = recomply::links::magic_link::LinkSpec {
        app_user_id: globex.app_user_id,
        renewal_id: Some(acme_renewal),
        kind: recomply::domain::link_kind::LinkKind::Renewal,
        ttl: time::Duration::days(30),
    };
    let config = &app.config;
    let minted =
        recomply::links::magic_link::mint(&app.db, &config.secret_key, &config.public_url, &spec)
            .await
            .unwrap();
    assert!(minted.is_none());
    let bound: i64 = sqlx::query_scalar(
        "select count(*) from magic_link m join renewal r using (renewal_id)
         where m.tenant_id <> r.tenant_id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(bound, 0, "no link is bound to another tenant's renewal");
}
