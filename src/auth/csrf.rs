//! CSRF: a synchronizer token kept in the session and compared in constant time.
//! Every POST form carries it as the hidden field `csrf_token`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::error::AppError;

/// Name of the hidden form field.
pub const FIELD: &str = "csrf_token";
const SESSION_KEY: &str = "csrf_token";

/// The session's CSRF token (created on first use). Render it into forms, check it on POST.
#[derive(Debug, Clone)]
pub struct CsrfToken(String);

impl CsrfToken {
    /// The token text for the hidden field.
    pub fn value(&self) -> &str {
        &self.0
    }

    /// `Ok` when `submitted` equals the session's token; `Forbidden` (403) otherwise.
    pub fn verify(&self, submitted: &str) -> Result<(), AppError> {
        if !submitted.is_empty() && bool::from(self.0.as_bytes().ct_eq(submitted.as_bytes())) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Replaces the session's token with a new one (at sign-in, so that a token seen before
    /// signing in is worthless afterwards and the first signed-in page writes nothing).
    pub async fn rotate(session: &Session) -> Result<Self, AppError> {
        let token = crate::crypto::random_token(32);
        session.insert(SESSION_KEY, &token).await?;
        Ok(Self(token))
    }

    /// Reads or creates the token in `session`.
    pub async fn for_session(session: &Session) -> Result<Self, AppError> {
        let existing: Option<String> = session.get(SESSION_KEY).await?;
        let token = match existing {
            Some(token) => token,
            None => {
                let token = crate::crypto::random_token(32);
                session.insert(SESSION_KEY, &token).await?;
                token
            }
        };
        Ok(Self(token))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let session = super::session_of(parts, state).await?;
        Self::for_session(&session).await
    }
}
