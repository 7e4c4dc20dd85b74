//! What every handler can reach.

use std::sync::Arc;

use sqlx::PgPool;

use crate::config::Config;
use crate::lifecycle::Engine;
use crate::telemetry::metrics::Metrics;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The application database.
    pub db: PgPool,
    /// The configuration the process started with.
    pub config: Arc<Config>,
    /// The renewal lifecycle engine: the only road to Twilio and to outgoing mail.
    pub engine: Engine,
    /// This process's metrics recorder (one per process), rendered at `/metrics`.
    pub metrics: Metrics,
}
