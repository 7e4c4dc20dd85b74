//! `GET /metrics`: Prometheus text exposition (format 0.0.4), on `serve` and on a worker's
//! probe port alike. The process's own metrics come from its recorder
//! (`telemetry::metrics`); the job and renewal gauges are read from Postgres at scrape time
//! (`telemetry::db_gauges`), so every process reports the same totals for them. With
//! `RECOMPLY_METRICS_TOKEN` set, a scrape needs `Authorization: Bearer <token>` (401 otherwise).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db;
use crate::domain::job_status::JobStatus;
use crate::domain::renewal::RenewalState;
use crate::error::AppError;
use crate::routes;
use crate::state::AppState;
use crate::telemetry::db_gauges::{self, DbSample, with_zeros};

/// The exposition format's content type.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The metrics route.
pub fn router() -> Router<AppState> {
    Router::new().route(routes::METRICS, get(show_metrics))
}

async fn show_metrics(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(token) = &state.config.metrics_token
        && !bearer_matches(&headers, token.expose())
    {
        return Ok((
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
            "a bearer token is required\n",
        )
            .into_response());
    }
    let jobs = db::jobs::count_by_status(&state.db).await?;
    let renewals = db::renewals::count_by_state(&state.db).await?;
    // Every job status and renewal state is reported, 0 when none.
    let job_statuses: Vec<&str> = JobStatus::ALL.iter().map(|s| s.as_str()).collect();
    let gauges = DbSample {
        jobs: with_zeros(&job_statuses, jobs),
        renewals: with_zeros(&RenewalState::ALL.map(RenewalState::as_str), renewals),
    };
    let mut text = state.metrics.render();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&db_gauges::render(&gauges));
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response())
}

/// Whether `Authorization` is `Bearer <expected>`. Both sides are hashed first, so the
/// comparison takes the same time whatever the length or content of the guess.
fn bearer_matches(headers: &HeaderMap, expected: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or("");
    let given = Sha256::digest(given.trim().as_bytes());
    let expected = Sha256::digest(expected.as_bytes());
    bool::from(given.ct_eq(&expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, value.parse().unwrap());
        headers
    }

    #[test]
    fn only_the_exact_bearer_token_matches() {
        let token = "s3cret-metrics-token";
        assert!(bearer_matches(
            &with_authorization("Bearer s3cret-metrics-token"),
            token
        ));
        assert!(!bearer_matches(&HeaderMap::new(), token));
        assert!(!bearer_matches(&with_authorization("Bearer s3cret"), token));
        assert!(!bearer_matches(
            &with_authorization("Basic s3cret-metrics-token"),
            token
        ));
        assert!(!bearer_matches(&with_authorization("Bearer "), token));
    }
}
