//! Errors of the control API: `{"error": "..."}` with 400, 404 or 409.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A control API error.
#[derive(Debug)]
pub struct ControlError {
    status: StatusCode,
    message: String,
}

/// Result of a control handler.
pub type ControlResult<T> = Result<T, ControlError>;

impl ControlError {
    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404.
    pub fn not_found(what: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: format!("{} not found", what.into()),
        }
    }

    /// 409: the resource is in the wrong state.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::CONFLICT,
            message: message.into(),
        }
    }
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}
