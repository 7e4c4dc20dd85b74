//! Seeding tenants, users, bundles and renewals directly in the database, and small helpers
//! for signing in and reading pages.

use recomply::domain::ids::{BundleId, RenewalId, TenantId, UserId};
use reqwest::Response;
use scraper::{Html, Selector};
use sqlx::PgPool;
use uuid::Uuid;

use crate::helpers::TestApp;

/// A tenant with one user.
pub struct Customer {
    pub tenant_id: TenantId,
    pub app_user_id: UserId,
    pub email: String,
}

/// Creates a tenant named `name` with one user `email`.
pub async fn customer(db: &PgPool, name: &str, email: &str) -> Customer {
    let slug = format!(
        "{}-{}",
        name.to_lowercase().replace(' ', "-"),
        &Uuid::new_v4().simple().to_string()[..6]
    );
    let tenant_id: TenantId = sqlx::query_scalar(
        "insert into tenant (name, slug, support_email) values ($1, $2, $3) returning tenant_id",
    )
    .bind(name)
    .bind(slug)
    .bind(format!(
        "support@{}.example",
        name.to_lowercase().replace(' ', "")
    ))
    .fetch_one(db)
    .await
    .unwrap();
    let user = recomply::db::users::add_user(db, tenant_id, email, "Camille Martin")
        .await
        .unwrap();
    Customer {
        tenant_id,
        app_user_id: user.app_user_id,
        email: user.email,
    }
}

/// The sign-in links emailed to `to`, oldest first, as the customer receives them (the queued
/// emails are sent first).
pub async fn emailed_links(app: &TestApp, to: &str) -> Vec<String> {
    app.links_to(to).await
}

/// Queues the notification `kind` about `customer`'s renewal (as the lifecycle does); the next
/// `run_jobs` sends it.
pub async fn notify(
    app: &TestApp,
    customer: &Customer,
    renewal_id: RenewalId,
    kind: recomply::lifecycle::notifications::NotificationKind,
) {
    let renewal = recomply::db::renewals::find(&app.db, customer.tenant_id, renewal_id)
        .await
        .unwrap()
        .expect("the renewal exists");
    let mut tx = app.db.begin().await.unwrap();
    recomply::lifecycle::notifications::Notification::new(kind, &renewal)
        .enqueue(&mut tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// The number of emails in the outbox once the queued ones are sent.
pub async fn outbox_count(app: &TestApp) -> i64 {
    app.run_jobs().await;
    sqlx::query_scalar("select count(*) from email_outbox")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The CSRF token of the first form on `html`.
pub fn csrf_token(html: &str) -> String {
    let doc = Html::parse_document(html);
    let selector = Selector::parse("input[name=csrf_token]").unwrap();
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a form with a CSRF token")
        .to_owned()
}

/// GETs the sign-in page and posts `email` with its CSRF token.
pub async fn request_link(app: &TestApp, email: &str) -> Response {
    request_link_from(app, email, None).await
}

/// As [`request_link`], from the client address `client` (via the local proxy header).
pub async fn request_link_from(app: &TestApp, email: &str, client: Option<&str>) -> Response {
    let form = app.get("/login").await.text().await.unwrap();
    let token = csrf_token(&form);
    let mut request = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[("csrf_token", token.as_str()), ("email", email)]);
    if let Some(client) = client {
        request = request.header("x-forwarded-for", client);
    }
    follow_to_check_email(app, request.send().await.unwrap()).await
}

/// A sign-in request that was accepted answers 303 to "check your email": follows it (and
/// asserts where it goes); any other answer (a refused form) is returned as it is.
pub async fn follow_to_check_email(app: &TestApp, response: Response) -> Response {
    if response.status().as_u16() != 303 {
        return response;
    }
    assert_eq!(location(&response), "/login/check-email");
    app.get("/login/check-email").await
}

/// Signs `customer` in through an emailed link; returns where the link landed.
pub async fn sign_in(app: &TestApp, customer: &Customer) -> String {
    request_link(app, &customer.email).await;
    let link = emailed_links(app, &customer.email)
        .await
        .pop()
        .expect("a sign-in link was emailed");
    let response = crate::helpers::follow_link(&app.client, &link).await;
    assert_eq!(response.status().as_u16(), 303, "the link signs in");
    location(&response)
}

/// The `Location` header of a redirect.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_owned()
}

/// Text of every element matching `selector`, whitespace-collapsed.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(selector).unwrap();
    doc.select(&selector)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The `attr` of every element matching `selector`.
pub fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(selector).unwrap();
    doc.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// A bundle of `customer`'s tenant; `days_left` sets `valid_until` exactly that many days from
/// now (days are calendar days, so any extra hours could cross midnight and add one).
pub async fn bundle(
    db: &PgPool,
    customer: &Customer,
    name: &str,
    (iso, number_type, end_user_type): (&str, &str, &str),
    status: &str,
    days_left: Option<i64>,
) -> BundleId {
    let sid = format!("BU{}", Uuid::new_v4().simple());
    sqlx::query_scalar(
        "insert into bundle (tenant_id, sid, friendly_name, status, regulation_name, iso_country,
             number_type, end_user_type, valid_until)
         values ($1, $2, $3, $4, $5, $6, $7, $8,
             case when $9::bigint is null then null else now() + make_interval(days => $9::int) end)
         returning bundle_id",
    )
    .bind(customer.tenant_id)
    .bind(sid)
    .bind(name)
    .bind(status)
    .bind(format!("{iso}: {number_type} - {end_user_type}"))
    .bind(iso)
    .bind(number_type)
    .bind(end_user_type)
    .bind(days_left)
    .fetch_one(db)
    .await
    .unwrap()
}

/// A renewal of `bundle_id` in `state`, with `snapshot` when given.
pub async fn renewal(
    db: &PgPool,
    customer: &Customer,
    bundle_id: BundleId,
    state: &str,
    snapshot: Option<serde_json::Value>,
) -> RenewalId {
    let copy_sid = snapshot
        .as_ref()
        .and_then(|s| s["copy_sid"].as_str().map(str::to_owned));
    sqlx::query_scalar(
        "insert into renewal (tenant_id, bundle_id, state, deadline, submit_by, copy_sid, snapshot,
             snapshot_at)
         select $1, $2, $3, b.valid_until, b.valid_until - interval '8 days', $4, $5,
             case when $5 is null then null else now() end
         from bundle b where b.bundle_id = $2
         returning renewal_id",
    )
    .bind(customer.tenant_id)
    .bind(bundle_id)
    .bind(state)
    .bind(copy_sid)
    .bind(snapshot)
    .fetch_one(db)
    .await
    .unwrap()
}

/// A French mobile business bundle with a renewal in `state` and no snapshot yet.
pub async fn renewal_without_snapshot(db: &PgPool, customer: &Customer, state: &str) -> RenewalId {
    let bundle_id = bundle(
        db,
        customer,
        "Paris office",
        ("FR", "mobile", "business"),
        "twilio-approved",
        Some(20),
    )
    .await;
    renewal(db, customer, bundle_id, state, None).await
}

/// Every named text input and select of the form matching `form`, with its current value
/// (what a browser would post if nothing were changed; file inputs excluded).
pub fn form_values(html: &str, form: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let form_sel = Selector::parse(form).unwrap();
    let input_sel = Selector::parse("input[name], select[name]").unwrap();
    let option_sel = Selector::parse("option[selected]").unwrap();
    let Some(form) = doc.select(&form_sel).next() else {
        return Vec::new();
    };
    form.select(&input_sel)
        .filter_map(|e| {
            let name = e.value().attr("name")?.to_owned();
            match (e.value().name(), e.value().attr("type")) {
                (_, Some("file")) => None,
                (_, Some("radio" | "checkbox")) if e.value().attr("checked").is_none() => None,
                ("select", _) => Some((
                    name,
                    e.select(&option_sel)
                        .next()
                        .and_then(|o| o.value().attr("value"))
                        .unwrap_or("")
                        .to_owned(),
                )),
                _ => Some((name, e.value().attr("value").unwrap_or("").to_owned())),
            }
        })
        .collect()
}

/// A multipart body from `values` (overriding by name with `changes`) and `files`.
pub fn multipart(
    values: &[(String, String)],
    changes: &[(&str, &str)],
    files: Vec<(&str, &str, Vec<u8>)>,
) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in values {
        let value = changes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_else(|| value.clone());
        form = form.text(name.clone(), value);
    }
    for (name, value) in changes {
        if !values.iter().any(|(n, _)| n == name) {
            form = form.text((*name).to_owned(), (*value).to_owned());
        }
    }
    for (name, filename, bytes) in files {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str("application/octet-stream")
            .unwrap();
        form = form.part(name.to_owned(), part);
    }
    form
}

/// A small but valid-looking PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}
