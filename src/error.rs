//! The one error type at the web boundary. It renders the error page; internal details go only
//! to the log, next to the request id that the page shows.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::db::tenants::TenantError;
use crate::lifecycle::EngineError;
use crate::telemetry::request_id;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing does not exist — or belongs to another tenant, which must look the same.
    #[error("not found")]
    NotFound,
    /// No session: send the visitor to sign in.
    #[error("sign-in required")]
    Unauthenticated {
        /// Where to sign in (customer or staff login).
        login_path: &'static str,
    },
    /// Signed in, but not allowed (or a CSRF token that does not match).
    #[error("forbidden")]
    Forbidden,
    /// The request itself is malformed (a query parameter out of range, say); the text is
    /// shown to the user.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request conflicts with the current state; the text is shown to the user.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A database failure.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Anything else unexpected.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<EngineError> for AppError {
    /// The engine's refusals are shown to the user as they are worded (its `Display` is safe
    /// for customers); failures of Twilio, the database or anything else are 500s, logged.
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::NotFound => Self::NotFound,
            EngineError::NotEditable(_)
            | EngineError::NotCompliant
            | EngineError::InvalidField(_)
            | EngineError::UnreadableSnapshot(_) => Self::Conflict(error.to_string()),
            EngineError::Twilio(error) => Self::Unexpected(anyhow::Error::new(error)),
            EngineError::Other(error) => Self::Unexpected(error),
        }
    }
}

impl From<TenantError> for AppError {
    /// Handlers that can put a refusal beside a form field match those cases first; what is
    /// left is a missing tenant or a failure.
    fn from(error: TenantError) -> Self {
        match error {
            TenantError::NotFound => Self::NotFound,
            TenantError::Database(error) => Self::Database(error),
            other => Self::Unexpected(anyhow::Error::new(other)),
        }
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        Self::Unexpected(anyhow::Error::new(error).context("session store"))
    }
}

impl From<askama::Error> for AppError {
    /// A page or fragment that did not render is a bug, logged as a 500.
    fn from(error: askama::Error) -> Self {
        Self::Unexpected(anyhow::Error::new(error).context("rendering a template"))
    }
}

/// A session extractor ran on a route without the session layer (a routing mistake).
#[derive(Debug, thiserror::Error)]
#[error("no session layer on this route: {0}")]
pub struct NoSessionLayer(pub &'static str);

impl From<NoSessionLayer> for AppError {
    fn from(error: NoSessionLayer) -> Self {
        Self::Unexpected(anyhow::Error::new(error))
    }
}

/// `Result` with [`AppError`] as the default error.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The error page.
#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorPage {
    /// HTTP status code shown in the heading.
    pub status: u16,
    /// Short title.
    pub title: String,
    /// What the visitor should know; never internal details.
    pub message: String,
    /// The request id, for support.
    pub request_id: String,
}

impl ErrorPage {
    /// Renders the page, falling back to plain text if the template itself fails.
    pub fn into_response_with(self, status: StatusCode) -> Response {
        match self.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, self.message).into_response(),
        }
    }
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated { .. } => StatusCode::SEE_OTHER,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Database(_) | AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Unauthenticated { login_path } = self {
            return Redirect::to(login_path).into_response();
        }
        let status = self.status();
        let (title, message) = match &self {
            AppError::NotFound => (
                "Page not found",
                "We could not find that page. It may have moved, or the link may be incomplete."
                    .to_owned(),
            ),
            AppError::Forbidden => (
                "Not allowed",
                "You are not allowed to do that. If you followed a form, reload the page and try again."
                    .to_owned(),
            ),
            AppError::BadRequest(text) => ("That address is not right", text.clone()),
            AppError::Conflict(text) => ("That could not be done", text.clone()),
            _ => (
                "Something went wrong",
                "Something went wrong on our side. It has been logged; please try again in a moment."
                    .to_owned(),
            ),
        };
        let request_id = request_id::current();
        if status.is_server_error() {
            tracing::error!(
                request_id = %request_id,
                error.message = %self,
                error.cause_chain = ?self,
                "request failed"
            );
        }
        ErrorPage {
            status: status.as_u16(),
            title: title.to_owned(),
            message,
            request_id,
        }
        .into_response_with(status)
    }
}

#[cfg(test)]
mod engine_error_tests {
    use super::*;
    use crate::domain::renewal_state::RenewalState;

    #[test]
    fn engine_refusals_keep_their_words_and_failures_are_server_errors() {
        assert_eq!(
            AppError::from(EngineError::NotFound).status(),
            StatusCode::NOT_FOUND
        );
        let refused = AppError::from(EngineError::NotEditable(RenewalState::Submitted));
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert!(refused.to_string().contains("cannot be changed right now"));
        let failed = AppError::from(EngineError::Other(anyhow::anyhow!("boom")));
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
