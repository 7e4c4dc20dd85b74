//! The app a test talks to: its address, database, mailbox and engine, and a client.

use recomply::config::Config;
use sqlx::PgPool;

use super::builder::AppBuilder;
use super::database::TestDatabase;
use crate::mailbox::{Mail, Mailbox};

/// A running application with its own database (built by [`TestApp::builder`]).
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

/// Starts the app on a fresh database (`TestApp::builder().spawn()`).
pub async fn spawn_app() -> TestApp {
    TestApp::builder().spawn().await
}

/// Starts the app on a fresh database after `customise` adjusted the config
/// (`TestApp::builder().config(customise).spawn()`).
pub async fn spawn_app_with(customise: impl FnOnce(&mut Config)) -> TestApp {
    TestApp::builder().config(customise).spawn().await
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
    /// The one way to start the app in a test: see [`AppBuilder`].
    pub fn builder<'a>() -> AppBuilder<'a> {
        AppBuilder::default()
    }

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
    let csrf = crate::html::attr(&html, "form input[name=csrf_token]", "value")
        .expect("the link's page has a Continue form");
    client
        .post(link)
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap()
}
