//! A world for lifecycle tests: the app (with its webhook route) on a fresh database, the
//! emulator on port 0, tenants tied to emulator accounts, and helpers that drive jobs
//! deterministically (no worker runs; tests drain the queue themselves).

use std::ops::Deref;
use std::time::Duration;

use recomply::config::Config;
use recomply::db::renewals::{self, Renewal};
use recomply::db::tenants::{self, NewTenant};
use recomply::domain::ids::{RenewalId, TenantId};
use recomply::emulator::EmulatorHandle;
use recomply::jobs::{JobContext, runner};
use recomply::secret::SecretString;
use recomply::twilio::TwilioCredentials;
use serde_json::{Value, json};

use crate::harness::TestApp;

/// The app with the emulator it talks to: a [`TestApp`] (its address, database, engine,
/// config and mailbox are reached through it) plus the emulator and a plain client.
pub struct World {
    /// The app.
    app: TestApp,
    /// The emulator.
    pub emulator: EmulatorHandle,
    /// A plain HTTP client.
    pub http: reqwest::Client,
}

impl Deref for World {
    type Target = TestApp;

    fn deref(&self) -> &TestApp {
        &self.app
    }
}

/// A tenant tied to an emulator account, with one customer user.
#[derive(Debug, Clone)]
pub struct Tenant {
    /// recomply's id.
    pub tenant_id: TenantId,
    /// The emulator account.
    pub account_sid: String,
    /// Its auth token (signs callbacks).
    pub auth_token: String,
    /// The customer user's address.
    pub user_email: String,
}

/// The Twilio API calls recomply made, as `METHOD path` (SIDs replaced by their prefix).
pub type CallList = Vec<String>;

/// Calls sorted by who shares them: the account listings are made once per tenant and sweep,
/// the regulation once per regulation and version; everything else belongs to one renewal.
/// The sweep's read of the account's numbers (one page of up to 1000), as [`World::calls`]
/// lists it.
pub const PHONE_NUMBERS_CALL: &str = "GET /2010-04-01/Accounts/AC/IncomingPhoneNumbers.json";
/// The sweep's read of the account's addresses (one page of up to 1000).
pub const ADDRESSES_CALL: &str = "GET /2010-04-01/Accounts/AC/Addresses.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallBudget {
    /// `GET /Bundles` (the sweep's two listings), the account's phone numbers and addresses.
    pub per_tenant: usize,
    /// `GET /Regulations/RN` (the shared regulation cache).
    pub per_regulation: usize,
    /// The rest.
    pub per_renewal: usize,
}

impl CallBudget {
    /// Sorts `calls`.
    pub fn of(calls: &[String]) -> Self {
        let per_tenant = calls
            .iter()
            .filter(|c| *c == "GET /Bundles" || *c == PHONE_NUMBERS_CALL || *c == ADDRESSES_CALL)
            .count();
        let per_regulation = calls
            .iter()
            .filter(|c| c.starts_with("GET /Regulations"))
            .count();
        Self {
            per_tenant,
            per_regulation,
            per_renewal: calls.len() - per_tenant - per_regulation,
        }
    }

    /// Calls per renewal once the shared ones are counted per tenant and per regulation.
    pub fn per_renewal_average(&self, renewals: usize) -> f64 {
        self.per_renewal as f64 / renewals as f64
    }
}

/// The control API body of a compliant, approved UK mobile business bundle of `account_sid`
/// with one address document named `document_name`.
pub fn approved_uk_bundle(
    account_sid: &str,
    name: &str,
    status_callback: Option<String>,
    document_name: &str,
) -> Value {
    json!({
        "account_sid": account_sid,
        "friendly_name": name,
        "email": "compliance@acme.example",
        "iso_country": "GB", "number_type": "mobile", "end_user_type": "business",
        "status": "twilio-approved",
        "status_callback": status_callback,
        "has_active_numbers": true,
        "end_user": {"type": "business", "friendly_name": "Acme Ltd", "attributes": {
            "business_name": "Acme Ltd", "business_registration_identifier": "UK:CRN",
            "business_registration_number": "01234567",
            "business_website": "https://acme.example",
            "first_name": "Ada", "last_name": "Lovelace",
            "phone_number": "+447700900123", "email": "ada@acme.example",
            "business_identity": "DIRECT_CUSTOMER", "is_subassigned": "NO"}},
        "documents": [{"type": "business_address", "friendly_name": document_name,
            "attributes": {"address_sids": ["AD0123456789abcdef0123456789abcdef"]}}]
    })
}

/// The regulation change body: a new required End-User field `vat_number`; every approved
/// bundle of the regulation gets `valid_until` in 30 days.
pub fn vat_number_change() -> Value {
    json!({"change": {"kind": "add_end_user_field", "machine_name": "vat_number",
                      "friendly_name": "VAT Number"},
           "valid_until_days": 30})
}

impl World {
    /// Starts the emulator and the app (webhook route included) on a fresh database.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// [`World::spawn`] with `configure` applied to the app's configuration first.
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> Self {
        let (app, emulator) = TestApp::builder()
            .config(configure)
            .spawn_with_emulator()
            .await;
        Self {
            app,
            emulator,
            http: reqwest::Client::new(),
        }
    }

    /// Lets this test end with dead jobs: without it, a dead job left in the database fails
    /// the test when the world is dropped.
    pub fn expect_dead_jobs(&self) {
        self.app.expect_dead_jobs();
    }

    /// The name of the test database (to take it offline, say).
    pub fn database_name(&self) -> &str {
        &self.app.database.name
    }

    /// A runner context named `name`.
    pub fn runner(&self, name: &str) -> JobContext {
        JobContext::new(self.engine.clone(), name)
    }

    /// Creates an emulator account with manual review and a tenant using its credentials.
    pub async fn add_tenant(&self, slug: &str) -> Tenant {
        let account = self
            .control(
                "POST",
                "/accounts",
                json!({"friendly_name": slug, "review_policy": {"mode": "manual"}}),
            )
            .await;
        let account_sid = account["account_sid"].as_str().unwrap().to_owned();
        let auth_token = account["auth_token"].as_str().unwrap().to_owned();
        self.add_tenant_on_account(slug, account_sid, auth_token)
            .await
    }

    /// A tenant with one customer user, tied to an existing emulator account (several tenants
    /// may share one).
    pub async fn add_tenant_on_account(
        &self,
        slug: &str,
        account_sid: String,
        auth_token: String,
    ) -> Tenant {
        let tenant = tenants::create_tenant(
            &self.db,
            &NewTenant {
                name: format!("Tenant {slug}"),
                slug: slug.to_owned(),
                support_email: None,
            },
        )
        .await
        .unwrap();
        let credentials = TwilioCredentials::with_auth_token(
            account_sid.clone(),
            SecretString::from(auth_token.clone()),
        );
        tenants::set_credentials(
            &self.db,
            &self.config.secret_key,
            tenant.tenant_id,
            &credentials,
        )
        .await
        .unwrap();
        let user_email = format!("owner@{slug}.example");
        sqlx::query("insert into app_user (tenant_id, email, name) values ($1, $2, 'Owner')")
            .bind(tenant.tenant_id)
            .bind(&user_email)
            .execute(&self.db)
            .await
            .unwrap();
        Tenant {
            tenant_id: tenant.tenant_id,
            account_sid,
            auth_token,
            user_email,
        }
    }

    /// Seeds a compliant, approved UK mobile business bundle; returns (bundle SID, regulation SID).
    /// With `callback`, its status callback already points at the app.
    pub async fn seed_approved_bundle(
        &self,
        tenant: &Tenant,
        name: &str,
        callback: bool,
    ) -> (String, String) {
        self.seed_approved_bundle_with_document(tenant, name, callback, "Head office")
            .await
    }

    /// Like [`World::seed_approved_bundle`], naming its address document `document_name` (a name
    /// containing `REJECT` makes the emulator's automatic reviewer reject that document).
    pub async fn seed_approved_bundle_with_document(
        &self,
        tenant: &Tenant,
        name: &str,
        callback: bool,
        document_name: &str,
    ) -> (String, String) {
        let status_callback = callback.then(|| self.webhook_url());
        let view = self
            .control(
                "POST",
                "/bundles",
                approved_uk_bundle(&tenant.account_sid, name, status_callback, document_name),
            )
            .await;
        (
            view["sid"]
                .as_str()
                .expect("a seeded bundle has a sid")
                .to_owned(),
            view["regulation_sid"].as_str().unwrap().to_owned(),
        )
    }

    /// Seeds a draft UK mobile business bundle (a new bundle the customer has not submitted).
    pub async fn seed_draft_bundle(&self, tenant: &Tenant, name: &str) -> String {
        let view = self
            .control(
                "POST",
                "/bundles",
                json!({
                    "account_sid": tenant.account_sid,
                    "friendly_name": name,
                    "iso_country": "GB", "number_type": "mobile", "end_user_type": "business",
                    "status": "draft",
                }),
            )
            .await;
        view["sid"].as_str().unwrap().to_owned()
    }

    /// Twilio changes the regulation: a new required End-User field `vat_number`; every approved
    /// bundle of it gets `valid_until` in 30 days.
    pub async fn require_vat_number(&self, regulation_sid: &str) -> Value {
        self.control(
            "POST",
            &format!("/regulations/{regulation_sid}/changes"),
            vat_number_change(),
        )
        .await
    }

    /// Switches the tenant's emulator account to automatic review after `delay_seconds` of
    /// emulator time (see [`World::advance_clock`]).
    pub async fn automatic_review(&self, tenant: &Tenant, delay_seconds: i64) {
        self.control(
            "PUT",
            &format!("/accounts/{}/review-policy", tenant.account_sid),
            json!({"mode": "auto", "delay_seconds": delay_seconds}),
        )
        .await;
    }

    /// Moves emulator time forward, firing reviews and expiries that became due.
    pub async fn advance_clock(&self, seconds: i64) -> Value {
        self.control("POST", "/clock/advance", json!({ "seconds": seconds }))
            .await
    }

    /// The reviewer's decision on a bundle (`approve`, `reject`, `in-review`).
    pub async fn review(&self, bundle_sid: &str, body: Value) -> Value {
        self.control("POST", &format!("/bundles/{bundle_sid}/review"), body)
            .await
    }

    /// The emulator's view of a bundle (None when deleted).
    pub async fn emulator_bundle(&self, sid: &str) -> Option<Value> {
        let response = self
            .http
            .get(format!(
                "{}/__emulator/bundles/{sid}",
                self.emulator.base_url()
            ))
            .send()
            .await
            .unwrap();
        if response.status() == 404 {
            return None;
        }
        Some(response.json().await.unwrap())
    }

    /// A control API call; panics on an error status.
    pub async fn control(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/__emulator{path}", self.emulator.base_url());
        let request = match method {
            "POST" => self.http.post(url).json(&body),
            "PUT" => self.http.put(url).json(&body),
            "DELETE" => self.http.delete(url),
            _ => self.http.get(url),
        };
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_success(), "control {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// The app's status callback URL.
    pub fn webhook_url(&self) -> String {
        format!("{}/webhooks/twilio/bundle-status", self.address)
    }

    /// Runs due jobs until none is left; jobs waiting for a retry are made due, so transient
    /// failures are retried at once (up to their attempt limit).
    pub async fn run_jobs(&self) -> usize {
        let ctx = self.runner("test");
        let mut ran = 0;
        for _ in 0..200 {
            ran += runner::drain(&ctx).await.unwrap();
            let retried = sqlx::query(
                "update job set run_at = now() where status = 'pending' and last_error is not null
                     and run_at > now()",
            )
            .execute(&self.db)
            .await
            .unwrap()
            .rows_affected();
            if retried == 0 {
                return ran;
            }
        }
        panic!("jobs kept failing");
    }

    /// Sweeps the tenant now and runs every job that follows (opening and preparing its
    /// renewals, sending what is due).
    pub async fn sweep(&self, tenant: &Tenant) {
        let mut tx = self.db.begin().await.unwrap();
        recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        self.run_jobs().await;
    }

    /// Makes every pending job of `kind` due now (e.g. the next poll).
    pub async fn make_due(&self, kind: &str) -> u64 {
        sqlx::query("update job set run_at = now() where status = 'pending' and kind = $1")
            .bind(kind)
            .execute(&self.db)
            .await
            .unwrap()
            .rows_affected()
    }

    /// Waits (bounded) until the emulator has no callback waiting or in flight, then runs jobs.
    pub async fn settle(&self) {
        for _ in 0..200 {
            let (pending, log_len) = {
                let store = self.emulator.state.lock();
                (store.outbox.pending.len(), store.outbox.log.len())
            };
            tokio::time::sleep(Duration::from_millis(30)).await;
            let log_after = self.emulator.state.lock().outbox.log.len();
            if pending == 0 && log_len == log_after {
                break;
            }
        }
        self.run_jobs().await;
    }

    /// Waits (bounded) until a callback about `bundle_sid` with `status` was delivered to us.
    pub async fn wait_for_callback(&self, bundle_sid: &str, status: &str) {
        for _ in 0..300 {
            let delivered = self.emulator.state.lock().outbox.log.iter().any(|d| {
                d.bundle_sid == bundle_sid
                    && d.outcome == "delivered"
                    && d.params.iter().any(|(k, v)| k == "Status" && v == status)
            });
            if delivered {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("no {status} callback for {bundle_sid} was delivered");
    }

    /// The tenant's renewal of `bundle_sid` (most recent).
    pub async fn renewal(&self, tenant: &Tenant, bundle_sid: &str) -> Option<Renewal> {
        renewals::list_for_tenant(&self.db, tenant.tenant_id)
            .await
            .unwrap()
            .into_iter()
            .rev()
            .find(|r| r.bundle_sid == bundle_sid)
    }

    /// The renewal's timeline as `event:from->to` strings.
    pub async fn timeline(&self, tenant: &Tenant, renewal_id: RenewalId) -> Vec<String> {
        recomply::db::timeline::list_for_renewal(&self.db, tenant.tenant_id, renewal_id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| {
                format!(
                    "{}:{}->{}",
                    e.event(),
                    e.from_state.map_or("-", |s| s.as_str()),
                    e.to_state
                )
            })
            .collect()
    }

    /// Clears the emulator's request log (to count the calls of one phase).
    pub async fn clear_requests(&self) {
        self.emulator.state.lock().requests.clear();
    }

    /// Twilio API calls served since the last clear, as `METHOD /path` with SIDs reduced to
    /// their prefix (e.g. `POST /Bundles/BU/Copies`).
    pub fn calls(&self) -> CallList {
        self.emulator
            .requests()
            .into_iter()
            .map(|r| {
                let path = r
                    .path
                    .trim_start_matches("/v2/RegulatoryCompliance")
                    .split('/')
                    .map(|seg| if seg.len() == 34 { &seg[..2] } else { seg })
                    .collect::<Vec<_>>()
                    .join("/");
                format!("{} {path}", r.method)
            })
            .collect()
    }

    /// Emails in the outbox for a renewal, as (kind, to, subject, text).
    pub async fn emails(&self, renewal_id: RenewalId) -> Vec<(String, String, String, String)> {
        sqlx::query_as(
            "select kind, to_address, subject, body_text from email_outbox
             where renewal_id = $1 order by created_at, email_id",
        )
        .bind(renewal_id)
        .fetch_all(&self.db)
        .await
        .unwrap()
    }

    /// Asserts that no job is dead and none is left due.
    pub async fn assert_no_failed_jobs(&self) {
        let dead: Vec<(String, Option<String>)> =
            sqlx::query_as("select kind, last_error from job where status = 'dead'")
                .fetch_all(&self.db)
                .await
                .unwrap();
        assert!(dead.is_empty(), "dead jobs: {dead:?}");
    }
}
