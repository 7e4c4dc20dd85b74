//! `/healthz` (the process is up) and `/readyz` (the database answers and its schema is one
//! this binary can run on).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use crate::routes;
use crate::state::AppState;

/// Health routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::HEALTHZ, get(healthz))
        .route(routes::READYZ, get(readyz))
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    // A second try when the first read fails: a pooled connection that died with a database
    // restarted moments ago (too recently to be pinged again) fails once and is then replaced;
    // it says nothing about the database now.
    let schema = match crate::db::schema::state(&state.db).await {
        Ok(schema) => Ok(schema),
        Err(_) => crate::db::schema::state(&state.db).await,
    };
    match schema {
        Ok(schema) if schema.is_usable() => (StatusCode::OK, "ready".to_owned()),
        Ok(schema) => {
            let reason = schema.describe();
            tracing::warn!(%reason, "readiness check: schema not usable");
            (StatusCode::SERVICE_UNAVAILABLE, reason)
        }
        Err(error) => {
            tracing::warn!(%error, "readiness check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable".to_owned(),
            )
        }
    }
}
