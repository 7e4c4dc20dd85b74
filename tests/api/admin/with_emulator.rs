//! An app whose Twilio client talks to an in-process emulator, for the tests that make real
//! calls (test credentials, cancel deleting the copy).

use recomply::emulator::{self, EmulatorHandle};
use recomply::lifecycle::LifecycleSettings;
use recomply::startup::Application;
use recomply::twilio::{TwilioClient, TwilioConfig};

use crate::helpers::{Mailbox, TestApp, TestDatabase, client};

/// The app, and the emulator it talks to.
pub async fn spawn_app_with_emulator() -> (TestApp, EmulatorHandle) {
    let emulator = emulator::spawn("127.0.0.1:0")
        .await
        .expect("the emulator starts");
    let database = TestDatabase::create().await;
    let mut config = recomply::config::Config::for_tests(&database.url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    config.public_url = url::Url::parse(&address).unwrap();
    let (mailbox, smtp_url) = Mailbox::start().await;
    config.smtp_url = Some(recomply::secret::SecretString::from(smtp_url));
    let twilio = TwilioClient::new(TwilioConfig::for_emulator(emulator.base_url())).unwrap();
    let pool = recomply::db::pool(&database.url).unwrap();
    let app = Application::from_parts(
        config.clone(),
        pool,
        listener,
        twilio,
        LifecycleSettings::default(),
    )
    .unwrap();
    let engine = app.state().engine.clone();
    tokio::spawn(app.run_until(std::future::pending()));
    let app = TestApp {
        address,
        db: database.pool.clone(),
        client: client(),
        config,
        database,
        mailbox,
        engine,
    };
    (app, emulator)
}
