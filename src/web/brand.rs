//! The brand's public files, served before anyone signs in (customer pages link them):
//! `/brand.css`, generated from the settings, and `/brand/logo`, the uploaded image, from our
//! own origin. Both are cached for good when `?v=` names the current version (the URLs the
//! pages use, see [`crate::brand::Brand`]), and only briefly otherwise.

use anyhow::Context;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::db;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;

/// For a URL carrying the current version: the content behind it never changes.
pub const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";
/// For any other URL: picked up again within a minute of a change.
pub const CACHE_BRIEFLY: &str = "public, max-age=60";

/// The brand's public routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::BRAND_STYLESHEET, get(stylesheet))
        .route(routes::BRAND_LOGO, get(logo))
}

/// `?v=` — anything that is not the current version (missing, stale, garbage) only gets the
/// short cache.
#[derive(Debug, Default, Deserialize)]
pub struct VersionQuery {
    #[serde(default)]
    v: Option<String>,
}

impl VersionQuery {
    fn cache_control(&self, current: i64) -> HeaderValue {
        let matches = self
            .v
            .as_deref()
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|v| v == current);
        HeaderValue::from_static(if matches {
            CACHE_FOREVER
        } else {
            CACHE_BRIEFLY
        })
    }
}

/// GET /brand.css
pub async fn stylesheet(
    State(state): State<AppState>,
    Query(query): Query<VersionQuery>,
) -> Result<Response> {
    let brand = db::brand::load(&state.db).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, query.cache_control(brand.version)),
        ],
        brand.stylesheet(),
    )
        .into_response())
}

/// GET /brand/logo — 404 when no logo is uploaded.
pub async fn logo(
    State(state): State<AppState>,
    Query(query): Query<VersionQuery>,
) -> Result<Response> {
    let logo = db::brand::logo(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let content_type = HeaderValue::from_str(&logo.content_type).context("stored logo type")?;
    let etag = format!("\"{}\"", hex_of(&logo.sha256));
    let etag = HeaderValue::from_str(&etag).context("logo etag")?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, query.cache_control(logo.version)),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (header::ETAG, etag),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline"),
            ),
        ],
        logo.bytes,
    )
        .into_response())
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
