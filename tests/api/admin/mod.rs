//! The support staff view under `/admin`.

mod access;
mod actions;
mod brand;
mod bundles;
mod cli;
mod dashboard;
mod links;
mod live_renewal;
pub mod login;
mod navigation;
mod on_behalf;
mod outbox;
mod renewals;
mod search;
mod sign_ins;
mod staff;
mod sweep_summary;
mod tenant_display_name;
mod tenant_language;
mod tenants;
mod two_factor;
pub mod with_emulator;

use recomply::auth::staff::hash_password;
use recomply::domain::ids::BundleId;
use recomply::domain::ids::{RenewalId, TenantId};
use scraper::{Html, Selector};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::helpers::{TestApp, client};

/// The password every test staff member gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// Creates a staff member directly in the database.
pub async fn create_staff(db: &PgPool, email: &str, name: &str, role: &str) {
    let hash = hash_password(PASSWORD).unwrap();
    recomply::db::staff::create(db, email, name, role, &hash)
        .await
        .unwrap();
}

/// Parses HTML.
pub fn html(text: &str) -> Html {
    Html::parse_document(text)
}

/// Every match of `selector`, as trimmed text.
pub fn texts(document: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The first match of `selector`, as trimmed text ("" when none).
pub fn text(document: &Html, selector: &str) -> String {
    texts(document, selector)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// An attribute of the first match of `selector`.
pub fn attr(document: &Html, selector: &str, name: &str) -> Option<String> {
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

/// The CSRF token of the first form on the page.
pub fn csrf_of(body: &str) -> String {
    attr(&html(body), "input[name=csrf_token]", "value").expect("a csrf_token field")
}

impl TestApp {
    /// GET with a given client.
    pub async fn get_with(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .unwrap()
    }

    /// POST a form with a given client.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(format!("{}{}", self.address, path))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a staff action, asserts it answers 303 See Other to `to`, and GETs `to`.
    pub async fn post_then_follow(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
        to: &str,
    ) -> reqwest::Response {
        let response = self.post_form(client, path, form).await;
        assert_eq!(response.status(), 303, "{path} redirects after the POST");
        assert_eq!(response.headers()["location"], to);
        self.get_with(client, to).await
    }

    /// Signs `client` in as `email` through the login form.
    pub async fn staff_login(&self, client: &reqwest::Client, email: &str) -> reqwest::Response {
        let form = self
            .get_with(client, "/admin/login")
            .await
            .text()
            .await
            .unwrap();
        let csrf = csrf_of(&form);
        self.post_form(
            client,
            "/admin/login",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("csrf_token", &csrf),
            ],
        )
        .await
    }

    /// A new client signed in as a fresh staff member with `role`.
    pub async fn staff_client(&self, role: &str) -> reqwest::Client {
        let email = format!("{role}-{}@isv.example", Uuid::new_v4().simple());
        let name = if role == "admin" {
            "Ada Admin"
        } else {
            "Sam Support"
        };
        create_staff(&self.db, &email, name, role).await;
        let client = client();
        let response = self.staff_login(&client, &email).await;
        assert_eq!(response.status(), 303, "staff sign-in redirects");
        client
    }

    /// Posts the edit form of `tenant_id` with its stored name and slug and the `fields` given
    /// (what staff type over them), as `staff`.
    pub async fn edit_tenant(
        &self,
        staff: &reqwest::Client,
        tenant_id: TenantId,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let tenant = recomply::db::tenants::get_tenant(&self.db, tenant_id)
            .await
            .unwrap()
            .unwrap();
        let path = format!("/admin/tenants/{tenant_id}");
        let csrf = self.csrf_at(staff, &path).await;
        let mut form = vec![
            ("name", tenant.name.as_str()),
            ("slug", tenant.slug.as_str()),
            ("csrf_token", csrf.as_str()),
        ];
        form.extend_from_slice(fields);
        self.post_form(staff, &path, &form).await
    }

    /// The CSRF token the signed-in `client` must send, read from `path`.
    pub async fn csrf_at(&self, client: &reqwest::Client, path: &str) -> String {
        csrf_of(&self.get_with(client, path).await.text().await.unwrap())
    }
}

/// Test data: a tenant, its bundles and renewals.
pub struct Seed<'a> {
    db: &'a PgPool,
}

impl<'a> Seed<'a> {
    /// Seeds into `db`.
    pub fn new(db: &'a PgPool) -> Self {
        Self { db }
    }

    /// A tenant named `name`.
    pub async fn tenant(&self, name: &str) -> TenantId {
        let base: String = name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let slug = format!("{base}-{}", &Uuid::new_v4().simple().to_string()[..6]);
        sqlx::query_scalar("insert into tenant (name, slug) values ($1, $2) returning tenant_id")
            .bind(name)
            .bind(slug)
            .fetch_one(self.db)
            .await
            .unwrap()
    }

    /// A bundle of `tenant` with a deadline `days` from now (none when `None`).
    pub async fn bundle(
        &self,
        tenant: TenantId,
        name: &str,
        country: &str,
        days: Option<f64>,
    ) -> (BundleId, String) {
        let sid = format!("BU{}", Uuid::new_v4().simple());
        let valid_until =
            days.map(|d| OffsetDateTime::now_utc() + time::Duration::seconds_f64(d * 86400.0));
        let id = sqlx::query_scalar(
            "insert into bundle (tenant_id, sid, friendly_name, status, iso_country, regulation_name, valid_until)
             values ($1, $2, $3, 'twilio-approved', $4, 'Mobile - Business', $5) returning bundle_id",
        )
        .bind(tenant)
        .bind(&sid)
        .bind(name)
        .bind(country)
        .bind(valid_until)
        .fetch_one(self.db)
        .await
        .unwrap();
        (id, sid)
    }

    /// A renewal of `bundle` in `state`, with a detection event on its timeline.
    pub async fn renewal(&self, tenant: TenantId, bundle: BundleId, state: &str) -> RenewalId {
        let renewal_id: RenewalId = sqlx::query_scalar(
            "insert into renewal (tenant_id, bundle_id, state, deadline)
             select $1, $2, $3, valid_until from bundle where bundle_id = $2 returning renewal_id",
        )
        .bind(tenant)
        .bind(bundle)
        .bind(state)
        .fetch_one(self.db)
        .await
        .unwrap();
        sqlx::query(
            "insert into renewal_event (tenant_id, renewal_id, from_state, to_state, cause, actor, details)
             values ($1, $2, null, 'detected', 'sweep', 'sweep', '{\"summary\": \"valid_until found\"}')",
        )
        .bind(tenant)
        .bind(renewal_id)
        .execute(self.db)
        .await
        .unwrap();
        renewal_id
    }

    /// A tenant with one bundle and its renewal: (tenant, renewal, bundle sid).
    pub async fn one_renewal(
        &self,
        tenant_name: &str,
        days: f64,
        state: &str,
    ) -> (TenantId, RenewalId, String) {
        let tenant = self.tenant(tenant_name).await;
        let (bundle, sid) = self.bundle(tenant, "Main line", "FR", Some(days)).await;
        let renewal = self.renewal(tenant, bundle, state).await;
        (tenant, renewal, sid)
    }
}
