//! The landing page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;

use crate::error::AppError;
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;

/// Public routes of the landing page.
pub fn router() -> Router<AppState> {
    Router::new().route(routes::HOME, get(show_home))
}

/// Routes that exist only when `expose_test_routes` is on.
pub fn test_router() -> Router<AppState> {
    Router::new().route(routes::TEST_INTERNAL_ERROR, get(force_internal_error))
}

/// The landing page.
#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    c: Chrome,
}

async fn show_home(c: Chrome) -> HomePage {
    HomePage { c }
}

async fn force_internal_error() -> Result<(), AppError> {
    Err(anyhow::anyhow!("forced failure for the error-page test").into())
}
