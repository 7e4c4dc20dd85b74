//! The parent account: connecting it once, discovering its subaccounts, making tenants of the
//! chosen ones with their own credentials, the periodic re-discovery's flags, and bulk import
//! rows that take their credentials from it.

mod connect;
mod discovery;
mod import;
mod rediscovery;

use recomply::emulator::{AccountCredentials, EmulatorHandle};
use serde_json::Value;

use crate::harness::TestApp;
pub use crate::twilio_client::accounts::{create_subaccount, set_status};

/// The page.
pub const PAGE: &str = "/admin/parent-account";

/// An app talking to the emulator, an admin signed in, and a parent account at the emulator
/// (not connected yet).
pub struct Setup {
    pub app: TestApp,
    pub emulator: EmulatorHandle,
    pub admin: reqwest::Client,
    pub parent: AccountCredentials,
}

impl Setup {
    /// Starts everything; the parent has subaccounts named `names`, whose SIDs are returned.
    pub async fn with_subaccounts(names: &[&str]) -> (Self, Vec<String>) {
        let (app, emulator) = TestApp::builder().spawn_with_emulator().await;
        let admin = app.staff_client("admin").await;
        let parent = emulator.create_account("ISV parent");
        let mut sids = Vec::new();
        for name in names {
            sids.push(create_subaccount(&emulator, &parent, name).await);
        }
        let setup = Self {
            app,
            emulator,
            admin,
            parent,
        };
        (setup, sids)
    }

    /// Posts the connection form with `sid` and `token`.
    pub async fn post_connection(&self, sid: &str, token: &str) -> reqwest::Response {
        let csrf = self.app.csrf_at(&self.admin, PAGE).await;
        self.app
            .post_form(
                &self.admin,
                PAGE,
                &[
                    ("account_sid", sid),
                    ("auth_token", token),
                    ("csrf_token", &csrf),
                ],
            )
            .await
    }

    /// Connects the parent through the form.
    pub async fn connect(&self) {
        let response = self
            .post_connection(&self.parent.account_sid, &self.parent.auth_token)
            .await;
        assert_eq!(response.status(), 303, "the connection is saved");
    }

    /// Presses "Discover subaccounts" and runs the jobs; the page after.
    pub async fn discover(&self) -> String {
        let csrf = self.app.csrf_at(&self.admin, PAGE).await;
        let path = format!("{PAGE}/discover");
        let response = self
            .app
            .post_form(&self.admin, &path, &[("csrf_token", &csrf)])
            .await;
        assert_eq!(response.status(), 303);
        self.app.run_jobs().await;
        self.page().await
    }

    /// Ticks `sids` and presses "Create tenants" (no jobs run); the response.
    pub async fn choose(&self, sids: &[&str]) -> reqwest::Response {
        let csrf = self.app.csrf_at(&self.admin, PAGE).await;
        let mut form: Vec<(&str, &str)> = sids.iter().map(|s| ("account_sid", *s)).collect();
        form.push(("csrf_token", &csrf));
        self.app
            .post_form(&self.admin, &format!("{PAGE}/tenants"), &form)
            .await
    }

    /// The page as the admin sees it.
    pub async fn page(&self) -> String {
        let response = self.app.get_with(&self.admin, PAGE).await;
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }

    /// A subaccount's own auth token, as its parent reads it at the emulator.
    pub async fn token_of(&self, sid: &str) -> String {
        let account: Value = reqwest::Client::new()
            .get(format!(
                "{}/2010-04-01/Accounts/{sid}.json",
                self.emulator.base_url
            ))
            .basic_auth(&self.parent.account_sid, Some(&self.parent.auth_token))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        account["auth_token"].as_str().unwrap().to_owned()
    }

    /// The tenant tied to Twilio account `sid`, with its stored credentials' auth token.
    pub async fn tenant_of(&self, sid: &str) -> Option<(recomply::db::tenants::Tenant, String)> {
        let db = &self.app.db;
        let tenant = recomply::db::tenants::find_tenant_by_account_sid(db, sid)
            .await
            .unwrap()?;
        let key = &self.app.config.secret_key;
        let credentials = recomply::db::tenants::load_credentials(db, key, tenant.tenant_id)
            .await
            .unwrap()
            .expect("the tenant has credentials");
        let token = match credentials.auth {
            recomply::twilio::Auth::AuthToken(token) => token.expose().to_owned(),
            recomply::twilio::Auth::ApiKey { .. } => panic!("an auth token"),
        };
        Some((tenant, token))
    }

    /// How many tenants exist.
    pub async fn tenant_count(&self) -> i64 {
        sqlx::query_scalar("select count(*) from tenant")
            .fetch_one(&self.app.db)
            .await
            .unwrap()
    }
}
