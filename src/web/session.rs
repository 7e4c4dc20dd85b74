//! Session layers (tower-sessions with its Postgres store). Customers and staff get separate
//! cookies, so a customer session can never reach `/admin`.
//!
//! Cookies are HttpOnly, `SameSite=Lax` (the magic-link navigation from an email client must
//! carry them), `Secure` when the public URL is https, and expire after inactivity; the absolute
//! lifetime is enforced by whoever signs the user in (see `auth::`).
//!
//! When the customer pages may be framed by the ISV's portal (`RECOMPLY_FRAME_ANCESTORS`), the
//! customer cookie is `SameSite=None; Secure` instead (a framed page is a third-party context,
//! where `Lax` cookies are never sent), and `web::framed_cookies` adds `Partitioned`.

use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use crate::state::AppState;

/// Cookie of end-customer sessions.
pub const CUSTOMER_COOKIE: &str = "recomply_session";
/// Cookie of staff sessions (path `/admin`).
pub const STAFF_COOKIE: &str = "recomply_staff";
/// Idle expiry of a customer session.
pub const CUSTOMER_IDLE: Duration = Duration::hours(2);
/// Idle expiry of a staff session.
pub const STAFF_IDLE: Duration = Duration::hours(1);

/// The layer for customer pages.
pub fn customer_layer(state: &AppState) -> SessionManagerLayer<PostgresStore> {
    let layer = layer(state, CUSTOMER_COOKIE, "/", CUSTOMER_IDLE);
    if state.config.frame_ancestors.is_on() {
        layer.with_same_site(SameSite::None).with_secure(true)
    } else {
        layer
    }
}

/// The layer for `/admin` pages.
pub fn staff_layer(state: &AppState) -> SessionManagerLayer<PostgresStore> {
    layer(state, STAFF_COOKIE, crate::routes::ADMIN, STAFF_IDLE)
}

fn layer(
    state: &AppState,
    name: &'static str,
    path: &'static str,
    idle: Duration,
) -> SessionManagerLayer<PostgresStore> {
    let secure = state.config.public_url.scheme() == "https";
    SessionManagerLayer::new(PostgresStore::new(state.db.clone()))
        .with_name(name)
        .with_path(path)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(idle))
}
