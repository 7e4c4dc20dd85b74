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

use recomply::auth::staff::hash_password;
use recomply::domain::ids::TenantId;
use sqlx::PgPool;
use uuid::Uuid;

use crate::harness::{TestApp, client};
use crate::html::csrf_token;

/// The password every test staff member gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// Creates a staff member directly in the database.
pub async fn create_staff(db: &PgPool, email: &str, name: &str, role: &str) {
    let hash = hash_password(PASSWORD).unwrap();
    recomply::db::staff::create(db, email, name, role, &hash)
        .await
        .unwrap();
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
        let csrf = csrf_token(&form);
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
        csrf_token(&self.get_with(client, path).await.text().await.unwrap())
    }
}
