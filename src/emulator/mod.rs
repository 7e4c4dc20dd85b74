//! An emulator of Twilio's Regulatory Compliance v2 API: stateful, wire-compatible, with a
//! reviewer, regulation changes, a clock, signed status callbacks and fault injection.
//!
//! `spawn("127.0.0.1:0")` serves it in-process (tests); `recomply emulator` serves it as a
//! process. Twilio's routes live under `/v2/RegulatoryCompliance/`, the control API under
//! `/__emulator/` (see README.md, "Emulator").

pub mod addresses;
pub mod api;
pub mod assessment;
pub mod bundle_index;
pub mod bundle_table;
pub mod bundle_transitions;
pub mod callbacks;
pub mod catalogue;
pub mod classic_paging;
pub mod clock;
pub mod control;
pub mod demo_seed;
pub mod error;
pub mod evaluation;
pub mod extract;
pub mod faults;
pub mod glob;
pub mod items;
pub mod middleware;
pub mod model;
pub mod outbox;
pub mod paging;
pub mod phone_numbers;
pub mod request_log;
pub mod review;
pub mod sid;
pub mod state;
pub mod state_file;
pub mod store;
pub mod views;

use std::path::PathBuf;

use anyhow::Context;
use axum::Router;
use axum::http::Uri;

pub use request_log::LoggedRequest;
pub use state::EmulatorState;
pub use store::AccountCredentials;

use error::ApiError;

/// The whole emulator: Twilio routes (logged, fault-injected), the control API, and 20404 for
/// anything else.
pub fn router(state: EmulatorState) -> Router {
    let twilio = api::router().layer(axum::middleware::from_fn_with_state(
        state.clone(),
        middleware::observe,
    ));
    Router::new()
        .merge(twilio)
        .nest("/__emulator", control::router())
        .fallback(not_found)
        .with_state(state)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(uri.path())
}

/// How to start an emulator.
#[derive(Debug, Clone, Default)]
pub struct EmulatorOptions {
    /// `host:port` to bind (port 0 picks a free one).
    pub bind: String,
    /// Snapshot file: restored at start, written periodically and by [`EmulatorHandle::save`].
    pub state_file: Option<PathBuf>,
    /// `Some("demo")` seeds demo accounts and bundles into an empty state.
    pub seed: Option<String>,
}

/// A running emulator.
#[derive(Clone)]
pub struct EmulatorHandle {
    /// `http://127.0.0.1:{port}`.
    pub base_url: String,
    /// Its state, for direct inspection and seeding.
    pub state: EmulatorState,
    /// Accounts created by `--seed` (empty without a seed or on a restored state).
    pub seeded_accounts: Vec<demo_seed::SeededAccount>,
}

impl EmulatorHandle {
    /// `http://127.0.0.1:{port}`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Creates an account directly (review policy auto, 60 s).
    pub fn create_account(&self, friendly_name: &str) -> AccountCredentials {
        self.state.create_account(friendly_name)
    }

    /// How many Twilio API requests were served.
    pub fn request_count(&self) -> usize {
        self.state.lock().requests.total()
    }

    /// The logged Twilio API requests, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.lock().requests.entries()
    }

    /// Writes a snapshot now (no-op without a state file).
    pub fn save(&self) -> anyhow::Result<()> {
        state_file::save(&self.state)
    }
}

/// Binds `bind` and serves the emulator in the background; the listener is bound on return.
pub async fn spawn(bind: &str) -> anyhow::Result<EmulatorHandle> {
    spawn_with(EmulatorOptions {
        bind: bind.to_owned(),
        ..EmulatorOptions::default()
    })
    .await
}

/// [`spawn`] with a state file and a seed.
pub async fn spawn_with(options: EmulatorOptions) -> anyhow::Result<EmulatorHandle> {
    let store = match &options.state_file {
        Some(path) => state_file::load(path)?,
        None => store::Store::new(),
    };
    let state = EmulatorState::new(store, options.state_file.clone());
    let seeded_accounts = match options.seed.as_deref() {
        Some(seed) => demo_seed::apply(&state, seed)?,
        None => Vec::new(),
    };
    let listener = tokio::net::TcpListener::bind(&options.bind)
        .await
        .with_context(|| format!("Failed to bind the emulator to {}", options.bind))?;
    let base_url = format!("http://{}", listener.local_addr()?);
    state.set_base_url(base_url.clone());
    let app = router(state.clone());
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(error = %error, "emulator server stopped");
        }
    });
    callbacks::spawn_dispatcher(state.clone());
    callbacks::spawn_ticker(state.clone());
    if options.state_file.is_some() {
        state_file::spawn_periodic(state.clone());
    }
    Ok(EmulatorHandle {
        base_url,
        state,
        seeded_accounts,
    })
}
