//! Request extractors of the Twilio API: the authenticated account, the origin for absolute URLs,
//! and form/query parameters parsed by hand (repeated keys, percent-encoded keys like
//! `ValidUntilDate%3C`).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::error::ApiError;
use super::state::EmulatorState;

/// Decoded `name=value` pairs in their original order.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` text (also a raw query string).
    pub fn parse(text: &[u8]) -> Self {
        Self(url::form_urlencoded::parse(text).into_owned().collect())
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name`, or 20001 when it is missing or empty.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| ApiError::missing(name))
    }

    /// Whether `name` was sent.
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// A boolean parameter (`true`/`false`, case-insensitive); 20001 for anything else.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(_) => Err(ApiError::invalid(name, "expected true or false")),
        }
    }
}

/// Parameters of the query string.
#[derive(Debug, Clone, Default)]
pub struct QueryParams(pub Params);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(Self(Params::parse(
            parts.uri.query().unwrap_or("").as_bytes(),
        )))
    }
}

/// Parameters of a form-encoded body.
#[derive(Debug, Clone, Default)]
pub struct FormParams(pub Params);

impl<S: Send + Sync> FromRequest<S> for FormParams {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::bad_request(20001, format!("Unreadable body: {e}")))?;
        Ok(Self(Params::parse(&body)))
    }
}

/// The account that authenticated with HTTP Basic (`AC…:token` or `SK…:secret`).
#[derive(Debug, Clone)]
pub struct Caller {
    /// `AC…`.
    pub account_sid: String,
}

/// The `user:password` of a Basic `Authorization` header.
pub fn basic_credentials(parts: &Parts) -> Option<(String, String)> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value
        .strip_prefix("Basic ")
        .or(value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

impl FromRequestParts<EmulatorState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &EmulatorState,
    ) -> Result<Self, ApiError> {
        let (user, password) = basic_credentials(parts).ok_or_else(ApiError::unauthenticated)?;
        let store = state.read();
        let account = store
            .authenticate(&user, &password)
            .ok_or_else(ApiError::unauthenticated)?;
        Ok(Self {
            account_sid: account.sid.clone(),
        })
    }
}

/// `http://host[:port]` as the client addressed the emulator (Host header), or its bound URL.
#[derive(Debug, Clone)]
pub struct Origin(pub String);

impl FromRequestParts<EmulatorState> for Origin {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &EmulatorState,
    ) -> Result<Self, ApiError> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty());
        let scheme = parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("http");
        Ok(Self(match host {
            Some(host) => format!("{scheme}://{host}"),
            None => state.base_url().to_owned(),
        }))
    }
}
