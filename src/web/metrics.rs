//! `GET /metrics`: Prometheus text exposition (format 0.0.4). Counters live in this process
//! (`telemetry::metrics::Metrics`; the Twilio client counts its own calls); the job and renewal
//! gauges are read from Postgres at scrape time, so every `serve` process reports the same
//! totals for them.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::db;
use crate::domain::renewal::RenewalState;
use crate::error::AppError;
use crate::routes;
use crate::state::AppState;
use crate::telemetry::metrics::{Sample, render, with_zeros};

/// The exposition format's content type.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Job statuses, always reported (0 when none).
const JOB_STATUSES: [&str; 4] = ["pending", "running", "done", "dead"];

/// The metrics route.
pub fn router() -> Router<AppState> {
    Router::new().route(routes::METRICS, get(show_metrics))
}

async fn show_metrics(State(state): State<AppState>) -> Result<Response, AppError> {
    let jobs = db::jobs::count_by_status(&state.db).await?;
    let renewals = db::renewals::count_by_state(&state.db).await?;
    let sample = Sample {
        responses: [1, 2, 3, 4, 5].map(|class| state.metrics.responses(class)),
        webhooks: state.metrics.webhooks(),
        twilio_calls: state.engine.twilio_calls_made(),
        jobs: with_zeros(&JOB_STATUSES, jobs),
        renewals: with_zeros(&RenewalState::ALL.map(RenewalState::as_str), renewals),
    };
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], render(&sample)).into_response())
}
