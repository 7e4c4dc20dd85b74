#![allow(dead_code)] // Helpers are shared by every test module; not all use every field.
//! `spawn_app()`: a fresh database (CREATE DATABASE + migrations, dropped afterwards), the app on
//! 127.0.0.1:0 and a cookie-keeping client. No sleeps: the listener is bound before we return.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use recomply::config::{Config, LogFormat};
use recomply::startup::Application;
use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, Executor, PgConnection, PgPool};
use uuid::Uuid;

pub use crate::mailbox::{Mail, Mailbox};

/// Every log line of the test binary, so tests can assert what was logged.
pub static CAPTURED_LOGS: LazyLock<Arc<Mutex<Vec<u8>>>> = LazyLock::new(Default::default);

/// Logs are captured (see [`captured_logs`]) and also go to stdout with `TEST_LOG=1`.
static TRACING: LazyLock<()> = LazyLock::new(|| {
    let echo = std::env::var("TEST_LOG").is_ok();
    recomply::telemetry::init_subscriber("info,sqlx=warn", LogFormat::Json, CaptureWriter { echo });
});

/// What has been logged so far by any test.
pub fn captured_logs() -> String {
    String::from_utf8_lossy(&CAPTURED_LOGS.lock().unwrap()).into_owned()
}

#[derive(Clone, Copy)]
struct CaptureWriter {
    echo: bool,
}

impl std::io::Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED_LOGS.lock().unwrap().extend_from_slice(buf);
        if self.echo {
            std::io::stdout().write_all(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CaptureWriter {
    type Writer = CaptureWriter;

    fn make_writer(&'a self) -> Self::Writer {
        *self
    }
}

/// The maintenance connection (`TEST_DATABASE_URL`).
pub fn maintenance_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test and is dropped with it.
pub struct TestDatabase {
    /// Its name (`test_<uuid>`).
    pub name: String,
    /// Its URL.
    pub url: String,
    /// A pool on it.
    pub pool: PgPool,
    /// Whether the test means some jobs to die (see [`TestDatabase::expect_dead_jobs`]).
    dead_jobs_expected: AtomicBool,
}

impl TestDatabase {
    /// Creates and migrates a fresh database.
    pub async fn create() -> Self {
        let name = format!("test_{}", Uuid::new_v4().simple());
        let mut maintenance = PgConnection::connect(&maintenance_url())
            .await
            .expect("Postgres must be running (TEST_DATABASE_URL)");
        maintenance
            .execute(format!(r#"create database "{name}""#).as_str())
            .await
            .expect("create the test database");
        let url = replace_database(&maintenance_url(), &name);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .connect(&url)
            .await
            .expect("connect to the test database");
        recomply::db::migrate(&pool)
            .await
            .expect("migrations apply");
        Self {
            name,
            url,
            pool,
            dead_jobs_expected: AtomicBool::new(false),
        }
    }

    /// Lets this test end with dead jobs. Without it, a test whose database holds a dead job
    /// when it ends fails: a job that used up its attempts is a failure nobody asserted on.
    pub fn expect_dead_jobs(&self) {
        self.dead_jobs_expected.store(true, Ordering::Relaxed);
    }
}

/// The dead jobs of the database at `url`, as "kind: last error" (none when it has no job
/// table, as a database created by hand may not).
async fn dead_jobs(url: &str) -> Vec<String> {
    let Ok(mut conn) = PgConnection::connect(url).await else {
        return Vec::new();
    };
    let dead: Vec<(String, Option<String>)> =
        sqlx::query_as("select kind, last_error from job where status = 'dead' order by job_id")
            .fetch_all(&mut conn)
            .await
            .unwrap_or_default();
    let _ = conn.close().await;
    dead.into_iter()
        .map(|(kind, error)| format!("{kind}: {}", error.unwrap_or_default()))
        .collect()
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        let check = !std::thread::panicking() && !self.dead_jobs_expected.load(Ordering::Relaxed);
        let url = self.url.clone();
        // Dropping needs async I/O; do it on a separate thread with its own runtime so it also
        // works while the test's runtime is shutting down.
        let dead = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let dead = if check {
                    dead_jobs(&url).await
                } else {
                    Vec::new()
                };
                if let Ok(mut conn) = PgConnection::connect(&maintenance_url()).await {
                    let _ = conn
                        .execute(
                            format!(r#"drop database if exists "{name}" with (force)"#).as_str(),
                        )
                        .await;
                }
                dead
            })
        })
        .join()
        .unwrap_or_default();
        assert!(
            dead.is_empty(),
            "the test ended with dead jobs (call expect_dead_jobs if it means them): {dead:?}"
        );
    }
}

/// `url` with its database name replaced.
pub fn replace_database(url: &str, database: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("valid database URL");
    parsed.set_path(&format!("/{database}"));
    parsed.to_string()
}

/// A running application with its own database.
pub struct TestApp {
    /// `http://127.0.0.1:{port}`.
    pub address: String,
    /// A pool on this test's database.
    pub db: PgPool,
    /// A client that keeps cookies and does not follow redirects.
    pub client: reqwest::Client,
    /// The configuration the app runs with.
    pub config: Config,
    /// Keeps the database alive for the test.
    pub database: TestDatabase,
    /// The SMTP server the app sends to: what customers receive.
    pub mailbox: Mailbox,
    /// The app's engine (to run its jobs).
    pub engine: recomply::lifecycle::Engine,
}

/// Starts the app on a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app on a fresh database after `customise` adjusted the config.
pub async fn spawn_app_with(customise: impl FnOnce(&mut Config)) -> TestApp {
    LazyLock::force(&TRACING);
    let database = TestDatabase::create().await;
    let mut config = Config::for_tests(&database.url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    config.public_url = url::Url::parse(&address).expect("valid URL");
    let (mailbox, smtp_url) = Mailbox::start().await;
    config.smtp_url = Some(recomply::secret::SecretString::from(smtp_url));
    // Never real Twilio: a closed local port, so that any call fails at once as unreachable.
    config.twilio = recomply::twilio::TwilioConfig::for_emulator("http://127.0.0.1:1");
    customise(&mut config);
    let app_pool = recomply::db::pool(&database.url).expect("pool");
    let application =
        Application::from_listener(config.clone(), app_pool, listener).expect("the app builds");
    let engine = application.state().engine.clone();
    tokio::spawn(application.run_until(std::future::pending()));
    TestApp {
        address,
        db: database.pool.clone(),
        client: client(),
        config,
        database,
        mailbox,
        engine,
    }
}

/// A cookie-keeping client that does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

impl TestApp {
    /// Lets this test end with dead jobs (see [`TestDatabase::expect_dead_jobs`]).
    pub fn expect_dead_jobs(&self) {
        self.database.expect_dead_jobs();
    }

    /// Runs every due job (emails leave through the queue), as a worker would.
    pub async fn run_jobs(&self) -> usize {
        let ctx = recomply::jobs::JobContext::new(self.engine.clone(), "test");
        recomply::jobs::runner::drain(&ctx).await.expect("jobs run")
    }

    /// Sends what is queued, then the emails `address` received, oldest first.
    pub async fn mail_to(&self, address: &str) -> Vec<Mail> {
        self.run_jobs().await;
        self.mailbox.to(address)
    }

    /// Sends what is queued, then the links `address` received, oldest first.
    pub async fn links_to(&self, address: &str) -> Vec<String> {
        self.run_jobs().await;
        self.mailbox.links_to(address)
    }

    /// GET a path on the app.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .expect("request")
    }
}

/// Follows an emailed sign-in link as a person does: opens it (which changes nothing), then
/// presses its "Continue" button. A link that no longer works answers its `410` page instead.
pub async fn follow_link(client: &reqwest::Client, link: &str) -> reqwest::Response {
    let page = client.get(link).send().await.unwrap();
    if page.status() != 200 {
        return page;
    }
    let html = page.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let field = scraper::Selector::parse("form input[name=csrf_token]").unwrap();
    let csrf = doc
        .select(&field)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("the link's page has a Continue form")
        .to_owned();
    client
        .post(link)
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap()
}
