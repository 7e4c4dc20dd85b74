//! The bearer key extractor: `Authorization: Bearer rk_live_…`. It finds the key by its id,
//! checks the secret against the stored keyed hash, refuses revoked keys, counts the request
//! against the key's per-minute limit, records the key's last use, and refuses a read-only key
//! on anything but GET. Extracted once per request (the result is kept in the request's
//! extensions, so the idempotency layer and the handler share it).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use time::OffsetDateTime;

use super::problem::ApiError;
use crate::auth::api_key::PresentedKey;
use crate::db::api_keys;
use crate::domain::api_scope::ApiScope;
use crate::domain::ids::{ApiKeyId, TenantId};
use crate::state::AppState;

/// The key a request was made with.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The key's row.
    pub api_key_id: ApiKeyId,
    /// What it may do.
    pub scope: ApiScope,
    /// The only tenant it may see, if restricted.
    pub tenant_id: Option<TenantId>,
}

impl ApiCaller {
    /// Whether the key may see `tenant_id`.
    pub fn may_see(&self, tenant_id: TenantId) -> bool {
        self.tenant_id.is_none_or(|only| only == tenant_id)
    }

    /// `NotFound` unless the key may see `tenant_id` (another tenant must look absent).
    pub fn require_tenant(&self, tenant_id: TenantId) -> Result<(), ApiError> {
        if self.may_see(tenant_id) {
            Ok(())
        } else {
            Err(ApiError::NotFound)
        }
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(caller) = parts.extensions.get::<ApiCaller>() {
            return Ok(caller.clone());
        }
        let caller = authenticate(parts, state).await?;
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

/// Every check, in order: a well-formed key, a live key whose secret matches, within the
/// rate limit, and a scope that allows the method.
async fn authenticate(parts: &Parts, state: &AppState) -> Result<ApiCaller, ApiError> {
    let presented = bearer(parts).ok_or(ApiError::Unauthenticated(
        "Send an API key as `Authorization: Bearer rk_live_…`.",
    ))?;
    let stored = api_keys::find_active(&state.db, presented.api_key_id)
        .await?
        .filter(|stored| presented.matches(&state.config.secret_key, &stored.secret_hash))
        .ok_or(ApiError::Unauthenticated(
            "This API key does not exist or has been revoked.",
        ))?;
    enforce_rate_limit(state, stored.api_key_id).await?;
    api_keys::touch(&state.db, stored.api_key_id).await?;
    let writes = !matches!(parts.method, Method::GET | Method::HEAD);
    if writes && !stored.scope.may_write() {
        return Err(ApiError::Forbidden(
            "This API key is read-only; a read-write key is needed for this request.",
        ));
    }
    Ok(ApiCaller {
        api_key_id: stored.api_key_id,
        scope: stored.scope,
        tenant_id: stored.tenant_id,
    })
}

/// The key in the `Authorization` header, if it is shaped like one.
fn bearer(parts: &Parts) -> Option<PresentedKey> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    PresentedKey::parse(token.trim())
}

/// Counts the request in the key's current minute; over the limit, refuses it until the
/// next minute starts.
async fn enforce_rate_limit(state: &AppState, api_key_id: ApiKeyId) -> Result<(), ApiError> {
    let (count, window_start) = api_keys::count_request(&state.db, api_key_id).await?;
    let limit = i64::from(state.config.api_requests_per_minute);
    if i64::from(count) <= limit {
        return Ok(());
    }
    let next_window = window_start + time::Duration::minutes(1);
    let wait = (next_window - OffsetDateTime::now_utc()).whole_seconds() + 1;
    tracing::warn!(%api_key_id, "API key over its rate limit");
    Err(ApiError::RateLimited {
        retry_after: u64::try_from(wait.clamp(1, 60)).unwrap_or(60),
    })
}
