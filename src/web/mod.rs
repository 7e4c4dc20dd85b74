//! The HTTP layer: each module exports `router()`; this one merges them and applies the layers
//! once (response counting and timing, tracing, request ids, security headers, body limits per route,
//! compression, static files).

pub mod admin;
pub mod api;
pub mod body_limit;
pub mod brand;
pub mod chrome;
pub mod client_ip;
pub mod evaluation_history;
pub mod evidence;
pub mod flash;
mod framed_cookies;
pub mod handoff;
pub mod health;
pub mod home;
pub mod list_query;
pub mod metrics;
pub mod pagination;
pub mod portal;
mod response_policy;
mod security_headers;
pub mod server;
pub mod session;
pub mod user_agent;
pub mod webhooks;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderValue, header};
use axum::middleware;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::error::AppError;
use crate::routes;
use crate::state::AppState;
use crate::telemetry::{http_metrics, query_count, request_id};

/// What a `worker` process serves on its probe port: `/healthz`, `/readyz` and `/metrics`.
pub fn probe_router(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .merge(metrics::router())
        .layer(middleware::from_fn(http_metrics::track))
        .with_state(state)
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    // Directories answer 404 rather than redirecting to a trailing slash: a redirect built
    // from `/static//x` would point off-site (`//x/`).
    let files = ServeDir::new(&state.config.static_dir)
        .append_index_html_on_directories(false)
        .not_found_service(not_found.into_service());
    let static_files =
        Router::new()
            .fallback_service(files)
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ));
    let mut app = Router::new()
        .merge(health::router())
        .merge(metrics::router())
        .merge(home::router())
        .merge(brand::router())
        .merge(webhooks::router())
        .merge(portal::router(&state))
        .merge(handoff::router(&state))
        .merge(admin::router(&state))
        .merge(api::router(&state));
    if state.config.expose_test_routes {
        app = app.merge(home::test_router());
    }
    app.nest_service(routes::STATIC, static_files)
        .fallback(not_found)
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn(http_metrics::track))
                .layer(middleware::from_fn(request_id::assign))
                .layer(middleware::from_fn_with_state(
                    query_count::ServerTiming(state.config.server_timing),
                    query_count::count,
                ))
                .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
                    let id = request
                        .headers()
                        .get(request_id::HEADER)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("http", method = %request.method(), path = %routes::loggable_path(request.uri().path()), request_id = %id)
                }))
                .layer(middleware::from_fn_with_state(
                    security_headers::HeaderPolicy::from_config(&state.config),
                    security_headers::apply,
                ))
                .layer(middleware::from_fn_with_state(
                    framed_cookies::Framed(state.config.frame_ancestors.is_on()),
                    framed_cookies::apply,
                ))
                .layer(middleware::from_fn(response_policy::apply))
                .layer(middleware::from_fn(chrome::remember_pick))
                .layer(middleware::from_fn(body_limit::enforce))
                .layer(CompressionLayer::new())
                // Extractors' own cap; the upload route raises it for itself.
                .layer(DefaultBodyLimit::max(body_limit::FORM_LIMIT)),
        )
        .with_state(state)
}

/// Any path no route matches.
async fn not_found() -> AppError {
    AppError::NotFound
}
