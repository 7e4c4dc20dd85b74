//! The ISV's signed hand-off into the portal (`GET /handoff`), its admin page and framing.

mod admin_page;
mod framing;
mod refusals;
mod sign_in;

use recomply::auth::handoff::{canonical_message, sign};
use recomply::domain::ids::{RenewalId, TenantId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::harness::TestApp;

/// Stores `secret` as the installation's hand-off secret, enabled, creating users or not, as
/// the admin page would.
pub async fn configure(app: &TestApp, secret: &str, create_users: bool) {
    use recomply::db::handoff_settings;
    handoff_settings::replace_secret(&app.db, &app.config.secret_key, secret, "test")
        .await
        .unwrap();
    handoff_settings::set_options(&app.db, true, create_users, "test")
        .await
        .unwrap();
}

/// The secret the tests sign with.
pub const SECRET: &str = "isv-handoff-secret-for-tests-0123456789ab";

/// What a hand-off URL says.
#[derive(Debug, Clone)]
pub struct Spec {
    pub tenant: TenantId,
    pub email: String,
    pub renewal: Option<RenewalId>,
    /// Seconds from now.
    pub expires_in: i64,
    pub nonce: String,
}

impl Spec {
    /// A hand-off for `email` in `tenant`, valid for two minutes, with a fresh nonce.
    pub fn new(tenant: TenantId, email: &str) -> Self {
        Self {
            tenant,
            email: email.to_owned(),
            renewal: None,
            expires_in: 120,
            nonce: format!("n{}", Uuid::new_v4().simple()),
        }
    }

    /// Landing on `renewal`.
    pub fn landing_on(mut self, renewal: RenewalId) -> Self {
        self.renewal = Some(renewal);
        self
    }

    /// The path and query, signed with `secret` as the ISV's backend does.
    pub fn signed_with(&self, secret: &str) -> String {
        let expires = OffsetDateTime::now_utc().unix_timestamp() + self.expires_in;
        let message =
            canonical_message(self.tenant, &self.email, self.renewal, expires, &self.nonce);
        self.path(expires, &sign(secret, &message))
    }

    /// The path and query with the given expiry and signature.
    pub fn path(&self, expires: i64, signature: &str) -> String {
        let renewal = self.renewal.map(|id| id.to_string()).unwrap_or_default();
        let query = serde_urlencoded::to_string([
            ("tenant", self.tenant.to_string()),
            ("email", self.email.clone()),
            ("renewal", renewal),
            ("expires", expires.to_string()),
            ("nonce", self.nonce.clone()),
            ("signature", signature.to_owned()),
        ])
        .unwrap();
        format!("/handoff?{query}")
    }
}

/// Whether `client` is signed in to the portal (the bundle list answers 200, not a redirect).
pub async fn signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    app.get_with(client, "/bundles").await.status() == 200
}
