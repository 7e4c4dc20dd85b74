//! A world to measure: the emulator in-process, a fresh Postgres database (created from
//! `TEST_DATABASE_URL` and migrated, dropped at the end), the app on 127.0.0.1:0 pointed at the
//! emulator, one tenant on one emulator account with its customer signed in, and a signed-in
//! staff member.

use anyhow::{Context, bail};
use futures::StreamExt;
use recomply::config::Config;
use recomply::db::tenants::{self, NewTenant};
use recomply::domain::ids::TenantId;
use recomply::emulator::EmulatorHandle;
use recomply::jobs::{JobContext, runner};
use recomply::lifecycle::{Engine, LifecycleSettings};
use recomply::secret::SecretString;
use recomply::startup::Application;
use recomply::twilio::{TwilioClient, TwilioConfig, TwilioCredentials};
use serde_json::{Value, json};
use sqlx::{Connection, Executor, PgConnection, PgPool};
use uuid::Uuid;

use crate::mailbox::Mailbox;

/// The staff member's password.
const STAFF_PASSWORD: &str = "correct horse battery staple";

/// The app, its engine and database, the emulator, the tenant and two signed-in browsers.
pub struct World {
    /// `http://127.0.0.1:{port}` of the app.
    pub address: String,
    /// A pool on the database.
    pub db: PgPool,
    /// The app's engine.
    pub engine: Engine,
    /// The emulator.
    pub emulator: EmulatorHandle,
    /// A plain client (control API, webhooks, `/healthz`).
    pub http: reqwest::Client,
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its emulator account.
    pub account_sid: String,
    /// Its auth token (signs status callbacks).
    pub auth_token: String,
    /// Signed in as the tenant's customer.
    pub customer: reqwest::Client,
    /// Signed in as support staff.
    pub staff: reqwest::Client,
    database: String,
    _mailbox: Mailbox,
}

/// The maintenance connection (`TEST_DATABASE_URL`).
fn maintenance_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Creates and migrates a fresh database; returns its name and URL.
async fn create_database() -> anyhow::Result<(String, String)> {
    let name = format!("bench_{}", Uuid::new_v4().simple());
    let mut maintenance = PgConnection::connect(&maintenance_url())
        .await
        .context("Postgres must be running (TEST_DATABASE_URL)")?;
    maintenance
        .execute(format!(r#"create database "{name}""#).as_str())
        .await?;
    let mut url = url::Url::parse(&maintenance_url())?;
    url.set_path(&format!("/{name}"));
    let pool = recomply::db::pool(url.as_str())?;
    recomply::db::migrate(&pool).await?;
    pool.close().await;
    Ok((name, url.to_string()))
}

impl World {
    /// Starts everything; `configure` adjusts the app's configuration first.
    pub async fn spawn(configure: impl FnOnce(&mut Config)) -> anyhow::Result<Self> {
        let emulator = recomply::emulator::spawn("127.0.0.1:0").await?;
        let (database, url) = create_database().await?;
        let mut config = Config::for_tests(&url);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = format!("http://{}", listener.local_addr()?);
        config.public_url = url::Url::parse(&address)?;
        let (mailbox, smtp_url) = Mailbox::start().await;
        config.smtp_url = Some(SecretString::from(smtp_url));
        configure(&mut config);
        let twilio = TwilioClient::new(TwilioConfig::for_emulator(emulator.base_url()))?;
        // The worker of the preparation run shares this pool: one connection per job in flight.
        let workers = crate::params::Params::from_env().worker_concurrency;
        let pool = recomply::db::pool_for_jobs(&url, workers)?;
        let settings = LifecycleSettings::from_config(&config);
        let app =
            Application::from_parts(config.clone(), pool.clone(), listener, twilio, settings)?;
        let engine = app.state().engine.clone();
        tokio::spawn(app.run_until(std::future::pending()));
        let http = reqwest::Client::new();
        let account = control(
            &http,
            &emulator,
            "POST",
            "/accounts",
            json!({"friendly_name": "bench", "review_policy": {"mode": "manual"}}),
        )
        .await?;
        let account_sid = text(&account, "account_sid")?;
        let auth_token = text(&account, "auth_token")?;
        let tenant_id = add_tenant(&pool, &config, &account_sid, &auth_token).await?;
        let mut world = Self {
            address,
            db: pool,
            engine,
            emulator,
            http,
            tenant_id,
            account_sid,
            auth_token,
            customer: browser(),
            staff: browser(),
            database,
            _mailbox: mailbox,
        };
        world.customer = world.sign_in_customer().await?;
        world.staff = world.sign_in_staff().await?;
        Ok(world)
    }

    /// Runs `ANALYZE` every `period` while the world lasts, as autovacuum would (its default
    /// naptime is a minute): a test Postgres often runs with autovacuum off, and a database
    /// filled in minutes without statistics gets plans no production database would.
    pub fn keep_statistics(&self, period: std::time::Duration) -> tokio::task::JoinHandle<()> {
        let db = self.db.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(period);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                if let Err(error) = sqlx::query("analyze").execute(&db).await {
                    eprintln!("analyze failed: {error}");
                }
            }
        })
    }

    /// A control API call (`/__emulator{path}`); an error status is an error.
    pub async fn control(&self, method: &str, path: &str, body: Value) -> anyhow::Result<Value> {
        control(&self.http, &self.emulator, method, path, body).await
    }

    /// Seeds `total` approved bundles with `concurrency` requests in flight: the first `stamped`
    /// are UK mobile business bundles (their status callback unset), the rest UK local
    /// business. Returns the UK mobile business regulation SID.
    pub async fn seed(&self, total: usize, stamped: usize) -> anyhow::Result<String> {
        let seeded: Vec<anyhow::Result<Value>> = futures::stream::iter(0..total)
            .map(|i| {
                let number_type = if i < stamped { "mobile" } else { "local" };
                self.control(
                    "POST",
                    "/bundles",
                    approved_bundle(&self.account_sid, i, number_type),
                )
            })
            .buffered(8)
            .collect()
            .await;
        let mut regulation = None;
        for (i, view) in seeded.into_iter().enumerate() {
            let view = view?;
            if i == 0 {
                regulation = Some(text(&view, "regulation_sid")?);
            }
        }
        regulation.context("no bundle was seeded")
    }

    /// Twilio changes the regulation: a new required End-User field; every approved bundle of
    /// it gets `valid_until` in 30 days.
    pub async fn change_regulation(&self, regulation_sid: &str) -> anyhow::Result<()> {
        let change = json!({"change": {"kind": "add_end_user_field", "machine_name": "vat_number",
                                       "friendly_name": "VAT Number"},
                            "valid_until_days": 30});
        self.control(
            "POST",
            &format!("/regulations/{regulation_sid}/changes"),
            change,
        )
        .await
        .map(drop)
    }

    /// Runs every due job, as a worker would.
    pub async fn run_jobs(&self) -> anyhow::Result<usize> {
        runner::drain(&JobContext::new(self.engine.clone(), "bench")).await
    }

    /// The customer signs in through the emailed link.
    async fn sign_in_customer(&self) -> anyhow::Result<reqwest::Client> {
        let customer = browser();
        let login = format!("{}/login", self.address);
        let csrf = csrf_of(&customer.get(&login).send().await?.text().await?)?;
        customer
            .post(&login)
            .form(&[("csrf_token", csrf.as_str()), ("email", CUSTOMER_EMAIL)])
            .send()
            .await?;
        self.run_jobs().await?;
        let link = self
            ._mailbox
            .links_to(CUSTOMER_EMAIL)
            .pop()
            .context("a sign-in link was emailed")?;
        let page = customer.get(&link).send().await?.text().await?;
        let csrf = csrf_of(&page)?;
        let landed = customer
            .post(&link)
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await?;
        if landed.status() != 303 {
            bail!("the customer's sign-in link answered {}", landed.status());
        }
        Ok(customer)
    }

    /// A support staff member signs in with a password.
    async fn sign_in_staff(&self) -> anyhow::Result<reqwest::Client> {
        let email = "sam@isv.example";
        let hash = recomply::auth::staff::hash_password(STAFF_PASSWORD)?;
        recomply::db::staff::create(&self.db, email, "Sam Support", "support", &hash).await?;
        let staff = browser();
        let login = format!("{}/admin/login", self.address);
        let csrf = csrf_of(&staff.get(&login).send().await?.text().await?)?;
        let signed_in = staff
            .post(&login)
            .form(&[
                ("email", email),
                ("password", STAFF_PASSWORD),
                ("csrf_token", csrf.as_str()),
            ])
            .send()
            .await?;
        if signed_in.status() != 303 {
            bail!("staff sign-in answered {}", signed_in.status());
        }
        Ok(staff)
    }

    /// Drops the database (kept, and named, when `BENCH_KEEP_DATABASE` is set: to look at
    /// its query plans afterwards).
    pub async fn drop_database(self) -> anyhow::Result<()> {
        self.db.close().await;
        if std::env::var_os("BENCH_KEEP_DATABASE").is_some() {
            println!("  database kept: {}", self.database);
            return Ok(());
        }
        let mut maintenance = PgConnection::connect(&maintenance_url()).await?;
        maintenance
            .execute(
                format!(
                    r#"drop database if exists "{}" with (force)"#,
                    self.database
                )
                .as_str(),
            )
            .await?;
        Ok(())
    }
}

/// The tenant's customer.
const CUSTOMER_EMAIL: &str = "owner@bench.example";

/// Creates the tenant on `account_sid` with one customer user.
async fn add_tenant(
    db: &PgPool,
    config: &Config,
    account_sid: &str,
    auth_token: &str,
) -> anyhow::Result<TenantId> {
    let tenant = tenants::create_tenant(
        db,
        &NewTenant {
            name: "Bench Ltd".into(),
            slug: "bench".into(),
            support_email: None,
        },
    )
    .await?;
    let credentials = TwilioCredentials::with_auth_token(
        account_sid.to_owned(),
        SecretString::from(auth_token.to_owned()),
    );
    tenants::set_credentials(db, &config.secret_key, tenant.tenant_id, &credentials).await?;
    sqlx::query("insert into app_user (tenant_id, email, name) values ($1, $2, 'Owner')")
        .bind(tenant.tenant_id)
        .bind(CUSTOMER_EMAIL)
        .execute(db)
        .await?;
    Ok(tenant.tenant_id)
}

async fn control(
    http: &reqwest::Client,
    emulator: &EmulatorHandle,
    method: &str,
    path: &str,
    body: Value,
) -> anyhow::Result<Value> {
    let url = format!("{}/__emulator{path}", emulator.base_url());
    let request = match method {
        "POST" => http.post(url).json(&body),
        "DELETE" => http.delete(url),
        _ => http.get(url),
    };
    let response = request.send().await?;
    let status = response.status();
    let body = response.text().await?;
    if !status.is_success() {
        bail!("control {path}: {status} {body}");
    }
    Ok(serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// The control API body of a compliant, approved UK business bundle of `number_type`.
fn approved_bundle(account_sid: &str, i: usize, number_type: &str) -> Value {
    json!({
        "account_sid": account_sid,
        "friendly_name": format!("Bench {number_type} {i}"),
        "email": "compliance@bench.example",
        "iso_country": "GB", "number_type": number_type, "end_user_type": "business",
        "status": "twilio-approved",
        "has_active_numbers": true,
        "end_user": {"type": "business", "friendly_name": "Bench Ltd", "attributes": {
            "business_name": "Bench Ltd", "business_registration_identifier": "UK:CRN",
            "business_registration_number": "01234567",
            "business_website": "https://bench.example",
            "first_name": "Ada", "last_name": "Lovelace",
            "phone_number": "+447700900123", "email": "ada@bench.example",
            "business_identity": "DIRECT_CUSTOMER", "is_subassigned": "NO"}},
        "documents": [{"type": "business_address", "friendly_name": "Head office",
            "attributes": {"address_sids": ["AD0123456789abcdef0123456789abcdef"]}}]
    })
}

fn text(value: &Value, field: &str) -> anyhow::Result<String> {
    value[field]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("no {field} in {value}"))
}

/// A cookie-keeping client that does not follow redirects.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client builds")
}

/// The `csrf_token` of the first form on `page`.
fn csrf_of(page: &str) -> anyhow::Result<String> {
    let doc = scraper::Html::parse_document(page);
    let field = scraper::Selector::parse("input[name=csrf_token]").expect("a valid selector");
    doc.select(&field)
        .next()
        .and_then(|e| e.value().attr("value"))
        .map(str::to_owned)
        .context("the page has no csrf_token field")
}
