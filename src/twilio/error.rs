//! What can go wrong when calling Twilio, as one typed enum.
//!
//! Twilio's error body is `{"code", "message", "more_info", "status"}` (see docs/emulator-fidelity.md, "Errors"). The
//! variants keep the distinctions the lifecycle needs: "bad credentials", "gone", "slow down",
//! "no answer", and everything else with Twilio's numeric code.

use std::time::Duration;

use serde::Deserialize;

use crate::domain::twilio_codes;

/// A failed call to Twilio.
#[derive(Debug, thiserror::Error)]
pub enum TwilioError {
    /// Twilio answered with an error status (4xx other than 401/404/429, or 5xx).
    #[error("Twilio error {code:?} (HTTP {status}): {message}")]
    Api {
        /// The HTTP status.
        status: u16,
        /// Twilio's error code (e.g. 22204), when the body carried one.
        code: Option<u32>,
        /// Twilio's message (never contains our secrets; may name a resource path).
        message: String,
        /// Link to Twilio's error dictionary.
        more_info: Option<String>,
    },
    /// 401: the account SID / auth token / API key was refused.
    #[error("Twilio refused the credentials (HTTP 401)")]
    Unauthorized,
    /// 404: the SID does not exist, belongs to another account, or the path is wrong.
    #[error("Twilio resource not found: {message}")]
    NotFound {
        /// Twilio's message.
        message: String,
    },
    /// 429: too many concurrent requests; Twilio did not process the request.
    #[error("Twilio rate limited the request (retry after {retry_after:?})")]
    RateLimited {
        /// The `Retry-After` delay, when Twilio sent one.
        retry_after: Option<Duration>,
    },
    /// No complete answer within the configured timeout.
    #[error("Twilio did not answer in time")]
    Timeout,
    /// The request could not be sent or the answer not read (DNS, connect, TLS, reset...).
    #[error("could not reach Twilio: {0}")]
    Transport(#[source] reqwest::Error),
    /// The answer was not what the API promises (bad JSON, unexpected paging URL...).
    #[error("unexpected answer from Twilio: {0}")]
    Decode(String),
    /// The caller passed something that cannot be sent (e.g. a malformed upload MIME type).
    #[error("invalid request to Twilio: {0}")]
    InvalidRequest(String),
}

impl TwilioError {
    /// Twilio's numeric error code: from the body for [`TwilioError::Api`], the canonical code
    /// for 401/404/429, `None` when Twilio never answered.
    pub fn code(&self) -> Option<u32> {
        match self {
            Self::Api { code, .. } => *code,
            Self::Unauthorized => Some(twilio_codes::UNAUTHORIZED),
            Self::NotFound { .. } => Some(twilio_codes::NOT_FOUND),
            Self::RateLimited { .. } => Some(twilio_codes::RATE_LIMITED),
            Self::Timeout | Self::Transport(_) | Self::Decode(_) | Self::InvalidRequest(_) => None,
        }
    }

    /// The HTTP status Twilio answered with, if it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } => Some(*status),
            Self::Unauthorized => Some(401),
            Self::NotFound { .. } => Some(404),
            Self::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// A short, fixed name of the variant: the `outcome` label of the Twilio latency
    /// histogram (`client_error` for a 4xx, `server_error` for a 5xx).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Api { status, .. } if *status >= 500 => "server_error",
            Self::Api { .. } => "client_error",
            Self::Unauthorized => "unauthorized",
            Self::NotFound { .. } => "not_found",
            Self::RateLimited { .. } => "rate_limited",
            Self::Timeout => "timeout",
            Self::Transport(_) => "transport",
            Self::Decode(_) => "decode",
            Self::InvalidRequest(_) => "invalid_request",
        }
    }

    /// Whether trying the same request again later may succeed: 429, 5xx, timeouts and
    /// transport failures. Says nothing about whether a retry is *safe*; see
    /// [`TwilioError::never_reached_twilio`] for non-idempotent creates.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::RateLimited { .. } | Self::Timeout | Self::Transport(_) => true,
            Self::Api { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Whether the request provably was not processed by Twilio, so that even a
    /// non-idempotent create can be retried without risking a duplicate: a 429 (Twilio
    /// documents these as not processed) or a failure to connect.
    pub fn never_reached_twilio(&self) -> bool {
        match self {
            Self::RateLimited { .. } => true,
            Self::Transport(error) => error.is_connect(),
            _ => false,
        }
    }

    /// Builds the error for a non-success answer from its status, body and `Retry-After`.
    pub(crate) fn from_response(status: u16, body: &[u8], retry_after: Option<Duration>) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
        let message = parsed
            .as_ref()
            .and_then(|body| body.message.clone())
            .unwrap_or_else(|| format!("HTTP {status} without a Twilio error body"));
        match status {
            401 => Self::Unauthorized,
            404 => Self::NotFound { message },
            429 => Self::RateLimited { retry_after },
            _ => Self::Api {
                status,
                code: parsed.as_ref().and_then(|body| body.code),
                message,
                more_info: parsed.and_then(|body| body.more_info),
            },
        }
    }
}

/// Twilio's legacy error body; every key optional so odd bodies still produce an error.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    code: Option<u32>,
    message: Option<String>,
    more_info: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilio_error_bodies_become_typed_errors_with_their_code() {
        let body = br#"{"code": 22204, "message": "Bundle status and properties cannot be updated in the same request",
                        "more_info": "https://www.twilio.com/docs/errors/22204", "status": 400, "extra": true}"#;
        let error = TwilioError::from_response(400, body, None);
        assert!(matches!(
            error,
            TwilioError::Api {
                status: 400,
                code: Some(22204),
                ..
            }
        ));
        assert_eq!(error.code(), Some(22204));
        assert!(!error.is_retryable());
        let TwilioError::Api {
            more_info, message, ..
        } = error
        else {
            unreachable!()
        };
        assert_eq!(
            more_info.as_deref(),
            Some("https://www.twilio.com/docs/errors/22204")
        );
        assert!(message.starts_with("Bundle status"));
    }

    #[test]
    fn well_known_statuses_map_to_their_own_variants() {
        let not_found = br#"{"code": 20404, "message": "The requested resource /v2/x was not found", "status": 404}"#;
        let error = TwilioError::from_response(404, not_found, None);
        assert!(matches!(&error, TwilioError::NotFound { message } if message.contains("/v2/x")));
        assert_eq!(error.code(), Some(20404));
        assert!(matches!(
            TwilioError::from_response(401, b"{}", None),
            TwilioError::Unauthorized
        ));
        let limited = TwilioError::from_response(429, b"", Some(Duration::from_secs(2)));
        assert!(
            matches!(limited, TwilioError::RateLimited { retry_after: Some(d) } if d.as_secs() == 2)
        );
        assert!(limited.is_retryable() && limited.never_reached_twilio());
    }

    #[test]
    fn server_errors_are_retryable_but_may_have_reached_twilio() {
        let error = TwilioError::from_response(503, b"<html>busy</html>", None);
        assert!(matches!(
            error,
            TwilioError::Api {
                status: 503,
                code: None,
                ..
            }
        ));
        assert!(error.is_retryable());
        assert!(!error.never_reached_twilio());
        assert!(!TwilioError::Timeout.never_reached_twilio());
        assert!(TwilioError::Timeout.is_retryable());
    }
}
