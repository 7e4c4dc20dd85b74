//! Twilio's error body `{code, message, more_info, status}` and the codes the emulator uses.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error as Twilio returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Twilio error code.
    pub code: u32,
    /// Human message.
    pub message: String,
}

/// Result of a Twilio API handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with an explicit status.
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// A 400 with a Regulatory Compliance code (222xx, 216xx, 12301, …).
    pub fn bad_request(code: u32, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 20001: a required parameter is missing.
    pub fn missing(param: &str) -> Self {
        Self::bad_request(
            20001,
            format!("Missing required parameter {param} in the post body"),
        )
    }

    /// 20001 for a parameter with a value the emulator cannot use.
    pub fn invalid(param: &str, detail: &str) -> Self {
        Self::bad_request(20001, format!("Invalid parameter {param}: {detail}"))
    }

    /// 20404 for `path` (unknown SID, another account's SID, or unknown route).
    pub fn not_found(path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            20404,
            format!("The requested resource {path} was not found"),
        )
    }

    /// 20003: missing or wrong credentials.
    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 20003, "Authenticate")
    }

    /// 20429: too many requests (fault injection).
    pub fn too_many_requests() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            20429,
            "Too Many Requests: the request was not processed",
        )
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        json!({
            "code": self.code,
            "message": self.message,
            "more_info": format!("https://www.twilio.com/docs/errors/{}", self.code),
            "status": self.status.as_u16(),
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Twilio API\""),
            );
        }
        response
    }
}
