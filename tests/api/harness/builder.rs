//! [`AppBuilder`]: the one place a test starts the app. Every start shares the same steps (a
//! fresh database, the config for tests, a free port, the mailbox as SMTP server, a Twilio
//! client that cannot reach real Twilio); the knobs cover what some tests need beside that.

use recomply::config::Config;
use recomply::emulator::EmulatorHandle;
use recomply::startup::Application;
use recomply::twilio::TwilioConfig;
use recomply::web::server::ServerTimeouts;

use super::app::{TestApp, client};
use super::database::TestDatabase;
use super::logs;
use crate::mailbox::Mailbox;

/// Where the Twilio client points without an emulator: a closed local port, so that any call
/// fails at once as unreachable (never real Twilio).
const NO_TWILIO: &str = "http://127.0.0.1:1";

/// A change to the config for tests.
type Customise<'a> = Box<dyn FnOnce(&mut Config) + 'a>;

/// How a test's app is started: `TestApp::builder().config(|c| ..).spawn().await`.
#[derive(Default)]
pub struct AppBuilder<'a> {
    /// Changes to the config for tests, in the order given.
    customise: Vec<Customise<'a>>,
    /// An existing database to run on instead of a fresh one.
    database_url: Option<String>,
    /// Server timeouts other than the defaults.
    timeouts: Option<ServerTimeouts>,
}

impl<'a> AppBuilder<'a> {
    /// Adjusts the app's config (after the address, mailbox and Twilio are filled in).
    pub fn config(mut self, customise: impl FnOnce(&mut Config) + 'a) -> Self {
        self.customise.push(Box::new(customise));
        self
    }

    /// Runs on the database at `url` as it is (not created, migrated or dropped by the test
    /// harness): an unmigrated database, or one on a private cluster the test stops.
    pub fn on_database(mut self, url: &str) -> Self {
        self.database_url = Some(url.to_owned());
        self
    }

    /// Serves with these connection timeouts.
    pub fn timeouts(mut self, timeouts: ServerTimeouts) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Starts the app; its Twilio client reaches nothing.
    pub async fn spawn(self) -> TestApp {
        self.start(NO_TWILIO).await
    }

    /// Starts an in-process Twilio emulator on a free port, then the app talking to it.
    pub async fn spawn_with_emulator(self) -> (TestApp, EmulatorHandle) {
        let emulator = recomply::emulator::spawn("127.0.0.1:0")
            .await
            .expect("the emulator starts");
        let app = self.start(emulator.base_url()).await;
        (app, emulator)
    }

    /// The steps every start shares. The listener is bound before this returns, so requests
    /// can be made at once (no sleeps).
    async fn start(self, twilio_url: &str) -> TestApp {
        logs::init();
        let database = match &self.database_url {
            Some(url) => TestDatabase::existing(url),
            None => TestDatabase::create().await,
        };
        let mut config = Config::for_tests(&database.url);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port");
        let address = format!("http://{}", listener.local_addr().expect("address"));
        config.public_url = url::Url::parse(&address).expect("valid URL");
        let (mailbox, smtp_url) = Mailbox::start().await;
        config.smtp_url = Some(recomply::secret::SecretString::from(smtp_url));
        config.twilio = TwilioConfig::for_emulator(twilio_url);
        for customise in self.customise {
            customise(&mut config);
        }
        let app_pool = recomply::db::pool(&database.url).expect("pool");
        let mut application =
            Application::from_listener(config.clone(), app_pool, listener).expect("the app builds");
        if let Some(timeouts) = self.timeouts {
            application = application.with_timeouts(timeouts);
        }
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
}
