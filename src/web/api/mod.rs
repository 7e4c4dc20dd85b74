//! The versioned JSON API for the ISV's backend, under `/api/v1`: bearer API keys
//! ([`auth`]), problem+json errors ([`problem`]), cursor pagination ([`pagination`]),
//! idempotent POSTs ([`idempotency`]), per-key rate limits, and an OpenAPI 3.1 document
//! generated from the handlers ([`openapi`]). One file per resource.

pub mod auth;
mod bundles;
mod extract;
pub mod idempotency;
mod links;
mod missing;
pub mod openapi;
pub mod pagination;
pub mod problem;
mod renewals;
mod syncs;
mod tenants;
mod users;

use axum::Router;
use axum::middleware;
use axum::routing::any;

use crate::routes;
use crate::state::AppState;
use problem::ApiError;

/// Every `/api/v1` route. Paths no route matches, and methods a route does not take, answer
/// problem+json too.
pub fn router(state: &AppState) -> Router<AppState> {
    let (documented, _) = openapi::documented().split_for_parts();
    documented
        .method_not_allowed_fallback(method_not_allowed)
        .route(routes::API_V1, any(not_found))
        .route(routes::API_V1_ANY, any(not_found))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::apply,
        ))
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut problem = ApiError::BadRequest(String::new()).problem();
    problem.problem_type = "urn:recomply:problem:method-not-allowed".into();
    problem.title = "Method not allowed".into();
    problem.status = 405;
    problem.detail = "This address does not take this method.".into();
    problem::problem_response(&problem).into_response()
}
