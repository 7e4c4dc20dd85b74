//! Building and running the web application.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use sqlx::PgPool;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db::embedded::DefaultDatabase;
use crate::email::Mailer;
use crate::lifecycle::{Engine, LifecycleSettings};
use crate::state::AppState;
use crate::twilio::TwilioClient;
use crate::web::server::ServerTimeouts;

/// A bound, ready-to-run application.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    timeouts: ServerTimeouts,
}

impl Application {
    /// Binds `config.bind` (port 0 picks a free port) with a pool on the application database.
    pub async fn build(config: Config, db: PgPool) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("binding {}", config.bind))?;
        Self::from_listener(config, db, listener)
    }

    /// Uses an already bound listener (tests bind first to learn the port for the public URL).
    pub fn from_listener(
        config: Config,
        db: PgPool,
        listener: TcpListener,
    ) -> anyhow::Result<Self> {
        let twilio = TwilioClient::new(config.twilio.clone())?;
        let settings = LifecycleSettings::from_config(&config);
        Self::from_parts(config, db, listener, twilio, settings)
    }

    /// Like [`Application::from_listener`] with an explicit Twilio client and lifecycle
    /// settings (tests point the client at the emulator).
    pub fn from_parts(
        config: Config,
        db: PgPool,
        listener: TcpListener,
        twilio: TwilioClient,
        settings: LifecycleSettings,
    ) -> anyhow::Result<Self> {
        let state = app_state(config, db, twilio, settings)?;
        Ok(Self {
            listener,
            state,
            timeouts: ServerTimeouts::default(),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Replaces the connection timeouts (tests shorten them).
    pub fn with_timeouts(mut self, timeouts: ServerTimeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The shared state the app runs with.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then finishes in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        use tower_sessions::ExpiredDeletion;
        let store = tower_sessions_sqlx_store::PostgresStore::new(self.state.db.clone());
        let sweeper = tokio::spawn(async move {
            // Sessions past their expiry are deleted every ten minutes.
            let _ = store
                .continuously_delete_expired(std::time::Duration::from_secs(600))
                .await;
        });
        let router = crate::web::router(self.state);
        // Every request carries the client address (portal and staff sign-in rate limits).
        crate::web::server::serve(self.listener, router, self.timeouts, shutdown).await;
        sweeper.abort();
        Ok(())
    }
}

/// Builds the shared state: the lifecycle engine (with the mailer and Twilio client) over one pool.
pub fn app_state(
    config: Config,
    db: PgPool,
    twilio: TwilioClient,
    settings: LifecycleSettings,
) -> anyhow::Result<AppState> {
    let mailer = Mailer::new(config.smtp_url.as_ref(), &config.email_from)?;
    let config = Arc::new(config);
    let engine = Engine::new(db.clone(), config.clone(), twilio, mailer, settings);
    Ok(AppState {
        db,
        config,
        engine,
        metrics: crate::telemetry::metrics::Metrics::install(),
    })
}

/// The database URL from config, or the embedded default in dev mode.
pub async fn database(config: &Config) -> anyhow::Result<DefaultDatabase> {
    match &config.database_url {
        Some(url) => {
            crate::db::create::create_if_missing(url.expose()).await?;
            Ok(DefaultDatabase {
                url: url.expose().to_owned(),
                cluster: None,
            })
        }
        None if config.dev_mode => crate::db::embedded::default_database(&config.data_dir).await,
        None => anyhow::bail!(
            "DATABASE_URL is not set (run with --dev to use a local or private PostgreSQL)"
        ),
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
