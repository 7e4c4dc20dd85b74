//! What every handler can reach.

use std::sync::Arc;

use sqlx::PgPool;

use crate::config::Config;
use crate::email::Mailer;
use crate::lifecycle::Engine;
use crate::twilio::TwilioClient;
use crate::web::metrics::Metrics;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The application database.
    pub db: PgPool,
    /// The configuration the process started with.
    pub config: Arc<Config>,
    /// Outgoing email (SMTP or the dev outbox).
    pub mailer: Mailer,
    /// The shared Twilio client (per-tenant handles via `for_tenant`).
    pub twilio: TwilioClient,
    /// The renewal lifecycle engine (operations for the web layer).
    pub engine: Engine,
    /// This process's counters for `/metrics`.
    pub metrics: Metrics,
}
