//! The one error type at the web boundary. It renders the error page; internal details go only
//! to the log, next to the request id that the page shows.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

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
