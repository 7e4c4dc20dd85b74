//! What every handler can reach.

use std::sync::Arc;

use sqlx::PgPool;

use crate::config::Config;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The application database.
    pub db: PgPool,
    /// The configuration the process started with.
    pub config: Arc<Config>,
}
