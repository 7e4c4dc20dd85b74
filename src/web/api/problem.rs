//! Errors of the JSON API as `application/problem+json` (RFC 9457): `type`, `title`,
//! `status`, `detail`. Every refusal of the API, its extractors included, goes through
//! [`ApiError`]; internal details go only to the log.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoResponses, ToSchema};

use crate::telemetry::request_id;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem details object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// Identifies the kind of problem, e.g. `urn:recomply:problem:not-found`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request, in words.
    pub detail: String,
}

/// The refusals any GET can answer with, for the OpenAPI document.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only documents responses; values are built as `ApiError`s.
pub enum ReadProblems {
    /// A malformed parameter, cursor or id.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No key, or an unknown or revoked one.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// Nothing there for this key.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// Over the key's rate limit (see `Retry-After`).
    #[response(status = 429, content_type = "application/problem+json")]
    RateLimited(Problem),
}

/// The refusals any POST can answer with, for the OpenAPI document.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only documents responses; values are built as `ApiError`s.
pub enum WriteProblems {
    /// A malformed parameter, id, body or idempotency key.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No key, or an unknown or revoked one.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// A read-only key.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// Nothing there for this key.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The request conflicts with the current state, or the same idempotency key is still
    /// being answered.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// The body is too large.
    #[response(status = 413, content_type = "application/problem+json")]
    PayloadTooLarge(Problem),
    /// A field's value is not acceptable, or an idempotency key was reused for another request.
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
    /// Over the key's rate limit (see `Retry-After`).
    #[response(status = 429, content_type = "application/problem+json")]
    RateLimited(Problem),
}

/// Everything an API handler or extractor can refuse with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Malformed request: a parameter, a cursor or a body that does not parse.
    #[error("{0}")]
    BadRequest(String),
    /// No key, a key that does not exist or does not match, or a revoked key.
    #[error("{0}")]
    Unauthenticated(&'static str),
    /// The key may not do this (a read-only key on a POST).
    #[error("{0}")]
    Forbidden(&'static str),
    /// The thing does not exist, or the key may not see it (which must look the same).
    #[error("not found")]
    NotFound,
    /// The request conflicts with the state of things.
    #[error("{0}")]
    Conflict(String),
    /// The body is larger than the API takes.
    #[error("The request body is larger than {0} KB.")]
    PayloadTooLarge(usize),
    /// Well-formed but unacceptable (a field's value, an idempotency key reused).
    #[error("{0}")]
    Unprocessable(String),
    /// Over the key's rate limit; retry after this many seconds.
    #[error("rate limit exceeded")]
    RateLimited {
        /// Seconds until the next window.
        retry_after: u64,
    },
    /// Anything unexpected (logged).
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::Internal(anyhow::Error::new(error))
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::BadRequest(format!("The path is not valid: {}", rejection.body_text()))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::BadRequest(format!(
            "The query string is not valid: {}",
            rejection.body_text()
        ))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(e) => Self::Unprocessable(e.body_text()),
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Self::PayloadTooLarge(crate::web::body_limit::FORM_LIMIT / 1024)
            }
            other => Self::BadRequest(other.body_text()),
        }
    }
}

impl ApiError {
    /// The status, the problem type's last word and its title.
    fn kind(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            Self::Unauthenticated(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Missing or invalid API key",
            ),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
            Self::NotFound => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            Self::Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            Self::PayloadTooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
            ),
            Self::Unprocessable(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unprocessable",
                "Unprocessable request",
            ),
            Self::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }

    /// The problem object this error is answered with.
    pub fn problem(&self) -> Problem {
        let (status, slug, title) = self.kind();
        let detail = match self {
            Self::NotFound => "Nothing exists at this address for this API key.".to_owned(),
            Self::RateLimited { retry_after } => format!(
                "This API key made too many requests this minute; retry in {retry_after} s."
            ),
            Self::Internal(_) => format!(
                "Something went wrong on our side; it has been logged (request id {}).",
                request_id::current()
            ),
            other => other.to_string(),
        };
        Problem {
            problem_type: format!("urn:recomply:problem:{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
        }
    }
}

/// A problem body with its status and content type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).expect("a problem serialises");
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
        body,
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(error) = &self {
            tracing::error!(request_id = %request_id::current(), error.cause_chain = ?error, "API request failed");
        }
        let mut response = problem_response(&self.problem());
        let headers = response.headers_mut();
        match &self {
            Self::Unauthenticated(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"recomply\""),
                );
            }
            Self::RateLimited { retry_after } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
            _ => {}
        }
        response
    }
}

/// The 413 problem for a body declared larger than `limit` bytes; the body was not read, so
/// the connection is closed.
pub fn too_large(limit: usize) -> Response {
    let mut response = ApiError::PayloadTooLarge(limit / 1024).into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// `Result` with [`ApiError`].
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_their_kind_and_never_leak_internal_errors() {
        let problem = ApiError::NotFound.problem();
        assert_eq!(problem.status, 404);
        assert_eq!(problem.problem_type, "urn:recomply:problem:not-found");
        let internal = ApiError::Internal(anyhow::anyhow!("password=hunter2")).problem();
        assert_eq!(internal.status, 500);
        assert!(!internal.detail.contains("hunter2"));
        let limited = ApiError::RateLimited { retry_after: 7 }.problem();
        assert_eq!(limited.status, 429);
        assert!(limited.detail.contains("7 s"));
    }
}
