//! Authentication helpers shared by the customer portal and the admin view.

pub mod api_key;
pub mod csrf;
pub mod customer;
pub mod handoff;
pub mod idle;
pub mod login_csrf;
pub mod staff;
pub mod staff_enrolling;
pub mod staff_pending;
pub mod staff_sign_in;
pub mod staff_throttle;
pub mod staff_two_factor;
pub mod totp;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tower_sessions::Session;

use crate::error::{AppError, NoSessionLayer};

/// The request's session, for the extractors above it.
pub async fn session_of<S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<Session, AppError> {
    Session::from_request_parts(parts, state)
        .await
        .map_err(|(_, message)| NoSessionLayer(message).into())
}
