//! `Idempotency-Key` on API POSTs: the first response to a key is stored (per API key, for 24
//! hours) and a retry with the same key and the same request gets it again, marked
//! `Idempotent-Replayed: true`, without doing the work twice. The same key with another
//! request is refused (422); a retry while the first is still running is refused (409). A
//! request that fails on our side (5xx) gives its key up, so the retry runs afresh.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::auth::ApiCaller;
use super::problem::{ApiError, PROBLEM_JSON};
use crate::db::api_idempotency;
use crate::state::AppState;
use crate::web::body_limit::FORM_LIMIT;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// The header marking a replayed response.
pub const REPLAYED: &str = "idempotent-replayed";

/// Middleware on the API routes.
pub async fn apply(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.headers().contains_key(HEADER) {
        return next.run(request).await;
    }
    match run(&state, request, next).await {
        Ok(response) | Err(response) => response,
    }
}

async fn run(state: &AppState, request: Request, next: Next) -> Result<Response, Response> {
    let (mut parts, body) = request.into_parts();
    let key = idempotency_key(&parts.headers).map_err(IntoResponse::into_response)?;
    let caller = ApiCaller::from_request_parts(&mut parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    let bytes = to_bytes(body, FORM_LIMIT).await.map_err(|_| {
        ApiError::BadRequest("The request body is too large.".into()).into_response()
    })?;
    let fingerprint = fingerprint(&parts.method, &parts.uri.to_string(), &bytes);
    let db = &state.db;
    let stored = api_idempotency::claim(db, caller.api_key_id, &key, &fingerprint)
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    if let Some(stored) = stored {
        return Err(replay(stored, &fingerprint));
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (head, body) = response.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        let _ = api_idempotency::release(db, caller.api_key_id, &key).await;
        return Ok(ApiError::Internal(anyhow::anyhow!("response body unreadable")).into_response());
    };
    let outcome = if head.status.is_server_error() {
        api_idempotency::release(db, caller.api_key_id, &key).await
    } else {
        let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
        api_idempotency::complete(db, caller.api_key_id, &key, head.status.as_u16(), &json).await
    };
    if let Err(error) = outcome {
        tracing::error!(%error, "idempotency record not written");
    }
    Ok(Response::from_parts(head, Body::from(body)))
}

/// The header's value: 1–255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if value.is_empty() || value.len() > 255 || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::BadRequest(
            "`Idempotency-Key` must be 1 to 255 visible ASCII characters.".into(),
        ));
    }
    Ok(value.to_owned())
}

/// What makes two requests "the same": method, path with query, and body.
pub fn fingerprint(method: &Method, uri: &str, body: &[u8]) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(method.as_str().as_bytes());
    hash.update(b"\n");
    hash.update(uri.as_bytes());
    hash.update(b"\n");
    hash.update(body);
    hash.finalize().to_vec()
}

/// The answer to a key already used.
fn replay(stored: api_idempotency::StoredRequest, fingerprint: &[u8]) -> Response {
    if stored.request_hash != fingerprint {
        return ApiError::Unprocessable(
            "This Idempotency-Key was already used for a different request; use a new key.".into(),
        )
        .into_response();
    }
    let Some(status) = stored
        .status
        .and_then(|s| StatusCode::from_u16(s as u16).ok())
    else {
        return ApiError::Conflict(
            "A request with this Idempotency-Key is still being answered; retry shortly.".into(),
        )
        .into_response();
    };
    let content_type = if status.is_success() {
        "application/json"
    } else {
        PROBLEM_JSON
    };
    let body = serde_json::to_vec(&stored.body.unwrap_or(Value::Null)).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_must_be_short_visible_ascii() {
        let mut headers = HeaderMap::new();
        assert!(idempotency_key(&headers).is_err());
        headers.insert(HEADER, HeaderValue::from_static("order-42"));
        assert_eq!(idempotency_key(&headers).unwrap(), "order-42");
        headers.insert(HEADER, HeaderValue::from_str(&"x".repeat(256)).unwrap());
        assert!(idempotency_key(&headers).is_err());
        headers.insert(HEADER, HeaderValue::from_static("two words"));
        assert!(idempotency_key(&headers).is_err());
    }

    #[test]
    fn the_same_body_on_another_path_is_another_request() {
        let a = fingerprint(&Method::POST, "/api/v1/tenants/a/syncs", b"{}");
        let b = fingerprint(&Method::POST, "/api/v1/tenants/b/syncs", b"{}");
        assert_ne!(a, b);
        assert_eq!(
            a,
            fingerprint(&Method::POST, "/api/v1/tenants/a/syncs", b"{}")
        );
    }
}
