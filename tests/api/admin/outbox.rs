//! The email outbox filters by recipient, tenant and kind; its rows (and those of the jobs and
//! webhook pages) link to their renewal, tenant and user.

use recomply::domain::ids::{RenewalId, TenantId, UserId};
use sqlx::PgPool;
use uuid::Uuid;

use crate::harness::spawn_app;
use crate::html::{attr, attrs, parse, text, texts};
use recomply::domain::renewal::RenewalState;

/// An email of `tenant` to `to`, about `renewal`.
async fn email(
    db: &PgPool,
    tenant: TenantId,
    renewal: Option<RenewalId>,
    kind: &str,
    to: &str,
) -> Uuid {
    sqlx::query_scalar(
        "insert into email_outbox (tenant_id, renewal_id, kind, to_address, subject, body_text, body_html, status)
         values ($1, $2, $3, $4, 'Subject ' || $3, 'text', '<p>html</p>', 'outbox') returning email_id",
    )
    .bind(tenant)
    .bind(renewal)
    .bind(kind)
    .bind(to)
    .fetch_one(db)
    .await
    .unwrap()
}

async fn user(db: &PgPool, tenant: TenantId, email: &str) -> UserId {
    sqlx::query_scalar(
        "insert into app_user (tenant_id, email) values ($1, $2) returning app_user_id",
    )
    .bind(tenant)
    .bind(email)
    .fetch_one(db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_outbox_filters_by_recipient_tenant_and_kind_without_mixing_tenants() {
    // Arrange: two tenants with the same kinds of email; one address has an underscore.
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, acme_renewal, _) = seed
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    let (globex, _, _) = seed
        .one_renewal("Globex", 10.0, RenewalState::Collecting)
        .await;
    let ann = email(
        &app.db,
        acme,
        Some(acme_renewal),
        "action_needed",
        "ann_lee@acme.example",
    )
    .await;
    email(&app.db, acme, None, "magic_link", "ann_lee@acme.example").await;
    email(&app.db, acme, None, "magic_link", "annlee@acme.example").await;
    let gus = email(&app.db, globex, None, "action_needed", "gus@globex.example").await;
    let staff = app.staff_client("support").await;
    let rows = |body: String| texts(&parse(&body), ".emails-table tbody tr[data-email-id]");
    let ids = |body: &str| attrs(body, ".emails-table tbody tr", "data-email-id");

    // Act
    let by_recipient = outbox(&app, &staff, "to=ANN_LEE%40").await;
    let by_tenant = outbox(&app, &staff, &format!("tenant={globex}")).await;
    let by_kind = outbox(&app, &staff, &format!("kind=action_needed&tenant={acme}")).await;
    let everything = outbox(&app, &staff, "").await;

    // Assert
    assert_eq!(
        rows(by_recipient.clone()).len(),
        2,
        "the underscore is matched as typed"
    );
    assert!(!by_recipient.contains("annlee@acme.example"));
    assert_eq!(ids(&by_tenant), [gus.to_string()]);
    assert_eq!(ids(&by_kind), [ann.to_string()]);
    assert_eq!(rows(everything).len(), 4);
    let form = parse(&by_kind);
    assert_eq!(
        attr(&form, "#kind option[selected]", "value").as_deref(),
        Some("action_needed")
    );
    assert_eq!(
        attr(&form, "#tenant option[selected]", "value"),
        Some(acme.to_string())
    );
}

#[tokio::test]
async fn an_outbox_filter_that_cannot_be_used_is_flagged_beside_its_field_and_kept() {
    let app = spawn_app().await;
    let staff = app.staff_client("support").await;
    let long = "a".repeat(300);

    let bad_tenant = app
        .get_with(&staff, "/admin/outbox?tenant=not-a-tenant&to=ann")
        .await;
    let too_long = app
        .get_with(&staff, &format!("/admin/outbox?to={long}"))
        .await;

    assert_eq!(bad_tenant.status(), 422);
    let page = parse(&bad_tenant.text().await.unwrap());
    assert_eq!(text(&page, "#tenant-error"), "Pick a tenant from the list");
    assert_eq!(
        attr(&page, "#to", "value").as_deref(),
        Some("ann"),
        "the rest is kept"
    );
    assert!(text(&page, ".error-summary").contains("Pick a tenant"));
    assert_eq!(too_long.status(), 422);
    let page = parse(&too_long.text().await.unwrap());
    assert_eq!(text(&page, "#to-error"), "Use at most 254 characters");
    assert_eq!(attr(&page, "#to", "value"), Some(long));
}

#[tokio::test]
async fn email_job_and_webhook_rows_link_to_their_renewal_tenant_and_user() {
    // Arrange: a renewal with a copy, an email and a sign-in job for its user, and a callback
    // about its copy.
    let app = spawn_app().await;
    app.expect_dead_jobs();
    let seed = app.seed();
    let (tenant, renewal, _) = seed
        .one_renewal("Acme", 10.0, RenewalState::Submitted)
        .await;
    let copy = format!("BU{}", Uuid::new_v4().simple());
    sqlx::query("update renewal set copy_sid = $2 where renewal_id = $1")
        .bind(renewal)
        .bind(&copy)
        .execute(&app.db)
        .await
        .unwrap();
    let ann = user(&app.db, tenant, "ann@acme.example").await;
    email(
        &app.db,
        tenant,
        Some(renewal),
        "action_needed",
        "Ann@acme.example",
    )
    .await;
    sqlx::query(
        "insert into job (kind, payload, tenant_id, status, attempts, max_attempts, last_error)
         values ('send_sign_in_link', jsonb_build_object('tenant_id', $1::text, 'app_user_id', $2::text,
                 'renewal_id', $3::text), $1, 'dead', 12, 12, 'SMTP refused'),
                ('process_bundle_status', jsonb_build_object('tenant_id', $1::text, 'bundle_sid', $4::text),
                 $1, 'dead', 12, 12, 'Twilio 20003'),
                ('prepare_renewal', '{\"renewal_id\": \"not-a-uuid\"}', $1, 'dead', 12, 12, 'bad payload')",
    )
    .bind(tenant)
    .bind(ann)
    .bind(renewal)
    .bind(&copy)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into webhook_event (tenant_id, account_sid, bundle_sid, status, payload, dedupe_key)
         values ($1, 'AC00000000000000000000000000000000', $2, 'in-review', '{}', gen_random_uuid()::text)",
    )
    .bind(tenant)
    .bind(&copy)
    .execute(&app.db)
    .await
    .unwrap();
    let staff = app.staff_client("support").await;
    let renewal_href = format!("/admin/renewals/{renewal}");
    let tenant_href = format!("/admin/tenants/{tenant}");
    let user_href = format!("/admin/tenants/{tenant}#user-{ann}");

    // Act
    let outbox = parse(
        &app.get_with(&staff, "/admin/outbox")
            .await
            .text()
            .await
            .unwrap(),
    );
    let jobs = parse(
        &app.get_with(&staff, "/admin/jobs")
            .await
            .text()
            .await
            .unwrap(),
    );
    let hooks = parse(
        &app.get_with(&staff, "/admin/webhooks")
            .await
            .text()
            .await
            .unwrap(),
    );
    let tenant_page = parse(
        &app.get_with(&staff, &tenant_href)
            .await
            .text()
            .await
            .unwrap(),
    );

    // Assert
    assert_eq!(
        attr(&outbox, ".emails-table .renewal-link", "href"),
        Some(renewal_href.clone())
    );
    assert_eq!(
        attr(&outbox, ".emails-table .tenant-link", "href"),
        Some(tenant_href.clone())
    );
    assert_eq!(
        attr(&outbox, ".emails-table .user-link", "href"),
        Some(user_href.clone())
    );
    let renewal_links: Vec<String> = link_targets(&jobs, ".jobs-table .renewal-link");
    assert_eq!(
        renewal_links,
        [renewal_href.clone(), renewal_href.clone()],
        "by payload id and by copy SID"
    );
    assert_eq!(
        link_targets(&jobs, ".jobs-table .user-link"),
        [user_href.as_str()]
    );
    assert_eq!(link_targets(&jobs, ".jobs-table .tenant-link").len(), 3);
    assert_eq!(
        attr(&hooks, ".webhooks-table .renewal-link", "href"),
        Some(renewal_href)
    );
    assert_eq!(
        attr(&hooks, ".webhooks-table .tenant-link", "href"),
        Some(tenant_href)
    );
    assert!(
        attr(&tenant_page, &format!("#user-{ann}"), "data-user-id").is_some(),
        "the user link lands on the user's row"
    );
}

async fn outbox(app: &crate::harness::TestApp, staff: &reqwest::Client, query: &str) -> String {
    app.get_with(staff, &format!("/admin/outbox?{query}"))
        .await
        .text()
        .await
        .unwrap()
}

fn link_targets(page: &scraper::Html, selector: &str) -> Vec<String> {
    attrs(page, selector, "href")
}
