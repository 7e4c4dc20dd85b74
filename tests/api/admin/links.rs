//! Staff emailing sign-in links: to one chosen user of the tenant, from the renewal page (into
//! that renewal) or the tenant page, never to anyone else and never outside the tenant.

use recomply::domain::ids::UserId;
use recomply::domain::ids::{RenewalId, TenantId};
use sqlx::PgPool;

use crate::harness::{TestApp, client, spawn_app};
use crate::html::{attr, parse, text, texts};
use recomply::domain::renewal::RenewalState;

/// An email in the outbox.
#[derive(Debug, sqlx::FromRow)]
struct Sent {
    to_address: String,
    tenant_id: Option<TenantId>,
    renewal_id: Option<RenewalId>,
    kind: String,
    body_text: String,
}

/// The outbox once the queued emails are sent.
async fn outbox(app: &TestApp) -> Vec<Sent> {
    app.run_jobs().await;
    sqlx::query_as(
        "select to_address, tenant_id, renewal_id, kind, body_text from email_outbox
         order by created_at",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The sign-in link of the latest email that `email`'s recipient received, as the app serves
/// it; the outbox's copy of that email holds no usable link.
fn link_in(email: &Sent, app: &TestApp) -> String {
    let prefix = format!("{}/login/", app.address);
    assert!(
        email.body_text.contains(&format!("{prefix}[redacted]")),
        "the outbox keeps the link redacted: {}",
        email.body_text
    );
    let link = app
        .mailbox
        .links_to(&email.to_address)
        .pop()
        .expect("a sign-in link in the email");
    assert!(link.starts_with(&prefix), "{link}");
    assert!(!email.body_text.contains(&link));
    link
}

async fn add_user(db: &PgPool, tenant: TenantId, email: &str) -> UserId {
    recomply::db::users::add_user(db, tenant, email, "")
        .await
        .unwrap()
        .app_user_id
}

#[tokio::test]
async fn resending_the_link_emails_only_the_chosen_user_a_link_into_the_renewal() {
    // Arrange: two users at Acme, and Acme's owner address also at another tenant.
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    let owner = add_user(&app.db, acme, "owner@acme.example").await;
    add_user(&app.db, acme, "colleague@acme.example").await;
    let globex = seed.tenant("Globex").await;
    add_user(&app.db, globex, "owner@acme.example").await;
    let staff = app.staff_client("admin").await;
    let path = format!("/admin/renewals/{renewal}");
    let before = parse(&app.get_with(&staff, &path).await.text().await.unwrap());
    let csrf = attr(&before, "input[name=csrf_token]", "value").unwrap();

    // Act
    let response = app
        .post_then_follow(
            &staff,
            &format!("{path}/resend-link"),
            &[("app_user_id", &owner.to_string()), ("csrf_token", &csrf)],
            &path,
        )
        .await;

    // Assert: the form offers exactly the tenant's users.
    assert_eq!(
        texts(&before, "#resend_app_user_id option"),
        ["colleague@acme.example", "owner@acme.example"]
    );
    assert_eq!(response.status(), 200);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#notice").contains("on its way to owner@acme.example"));
    let sent = outbox(&app).await;
    assert_eq!(
        sent.len(),
        1,
        "one email, to the chosen user only: {sent:?}"
    );
    let email = &sent[0];
    assert_eq!(
        (email.to_address.as_str(), email.kind.as_str()),
        ("owner@acme.example", "magic_link")
    );
    assert_eq!(
        (email.tenant_id, email.renewal_id),
        (Some(acme), Some(renewal))
    );
    // On the timeline with the staff member's name, and listed among the renewal's emails.
    let (cause, actor, details): (String, Option<String>, serde_json::Value) = sqlx::query_as(
        "select cause, actor, details from renewal_event where renewal_id = $1
         order by renewal_event_id desc limit 1",
    )
    .bind(renewal)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        (cause.as_str(), actor.as_deref()),
        ("staff", Some("Ada Admin"))
    );
    assert_eq!(details["event"], "link_resent");
    assert_eq!(details["user"], "owner@acme.example");
    let last = texts(&page, ".timeline li").pop().unwrap();
    assert!(last.contains("Ada Admin") && last.contains("owner@acme.example"));
    // A reload of the page shows no notice and sends nothing more.
    let reload = parse(&app.get_with(&staff, &path).await.text().await.unwrap());
    assert!(
        texts(&reload, "#notice").is_empty(),
        "the notice is shown once"
    );
    assert_eq!(
        outbox(&app).await.len(),
        1,
        "a reload sends no second email"
    );
    assert_eq!(
        texts(&reload, ".timeline li").len(),
        texts(&page, ".timeline li").len()
    );
    // The link signs a fresh browser in, straight into the renewal, once.
    let link = link_in(email, &app);
    let customer = client();
    let signed_in = crate::harness::follow_link(&customer, &link).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(
        signed_in.headers()["location"],
        format!("/renewals/{renewal}").as_str()
    );
    let portal = app
        .get_with(&customer, &format!("/renewals/{renewal}"))
        .await;
    assert_eq!(portal.status(), 200, "the customer is signed in to Acme");
    let again = crate::harness::follow_link(&client(), &link).await;
    assert_eq!(again.status(), 410, "single use");
}

#[tokio::test]
async fn a_user_of_another_tenant_gets_nothing_and_the_request_is_not_found() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    add_user(&app.db, acme, "owner@acme.example").await;
    let globex = seed.tenant("Globex").await;
    let outsider = add_user(&app.db, globex, "someone@globex.example").await;
    let staff = app.staff_client("support").await;
    let csrf = app
        .csrf_at(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    let from_renewal = app
        .post_form(
            &staff,
            &format!("/admin/renewals/{renewal}/resend-link"),
            &[
                ("app_user_id", &outsider.to_string()),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    let from_tenant = app
        .post_form(
            &staff,
            &format!("/admin/tenants/{acme}/users/{outsider}/link"),
            &[("csrf_token", &csrf)],
        )
        .await;
    let renewal_path = format!("/admin/renewals/{renewal}");
    let no_choice = app
        .post_then_follow(
            &staff,
            &format!("/admin/renewals/{renewal}/resend-link"),
            &[("csrf_token", &csrf)],
            &renewal_path,
        )
        .await;

    assert_eq!(from_renewal.status(), 404);
    assert_eq!(from_tenant.status(), 404);
    assert_eq!(no_choice.status(), 200);
    let page = parse(&no_choice.text().await.unwrap());
    assert!(text(&page, "#notice").contains("Choose one of the tenant's users"));
    assert!(outbox(&app).await.is_empty(), "nobody was emailed");
    let staff_events: i64 = sqlx::query_scalar(
        "select count(*) from renewal_event where renewal_id = $1 and cause = 'staff'",
    )
    .bind(renewal)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(staff_events, 0);
}

#[tokio::test]
async fn a_link_from_the_tenant_page_reaches_that_user_alone_outside_the_public_rate_limit() {
    // Arrange: the same address is a user at two tenants.
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let globex = seed.tenant("Globex").await;
    let user = add_user(&app.db, acme, "camille@shared.example").await;
    add_user(&app.db, globex, "camille@shared.example").await;
    let staff = app.staff_client("support").await;
    let path = format!("/admin/tenants/{acme}");
    let csrf = app.csrf_at(&staff, &path).await;

    // Act: more sends than the public page allows one address (5 per 15 minutes).
    let mut notices = Vec::new();
    for _ in 0..6 {
        let response = app
            .post_then_follow(
                &staff,
                &format!("{path}/users/{user}/link"),
                &[("csrf_token", &csrf)],
                &format!("{path}#users"),
            )
            .await;
        assert_eq!(response.status(), 200);
        notices.push(text(&parse(&response.text().await.unwrap()), "#notice"));
    }

    // Assert
    assert!(
        notices
            .iter()
            .all(|n| n.contains("on its way to camille@shared.example")),
        "{notices:?}"
    );
    let sent = outbox(&app).await;
    assert_eq!(sent.len(), 6);
    assert!(
        sent.iter()
            .all(|e| e.tenant_id == Some(acme) && e.renewal_id.is_none()),
        "only the Acme user was emailed"
    );
    let counted: i64 = sqlx::query_scalar("select count(*) from login_attempt")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        counted, 0,
        "staff sends do not count against the public limit"
    );
    // Visible in the outbox.
    let listed = parse(
        &app.get_with(&staff, "/admin/outbox")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(text(&listed, "table").contains("camille@shared.example"));
    // The latest link signs in to Acme and lands on the bundle list.
    let signed_in =
        crate::harness::follow_link(&client(), &link_in(sent.last().unwrap(), &app)).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/bundles");
}
