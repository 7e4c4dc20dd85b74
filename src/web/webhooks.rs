//! `POST /webhooks/twilio/bundle-status`: Twilio's Bundle status callbacks.
//!
//! The tenant is found by the AccountSid in the body; the `X-Twilio-Signature` is checked with
//! that tenant's auth token against our public URL (403 otherwise, nothing stored). A verified
//! callback is stored once and a job re-reads the bundle from Twilio: the payload is a hint,
//! never the truth.
//!
//! De-duplication is on what Twilio signs: the SHA-256 of the full URL and the sorted body
//! fields. The same signed content again within [`DEDUPE_WINDOW`] is answered 200 and neither
//! stored nor queued, whatever its `I-Twilio-Idempotency-Token` (that header is not signed, so
//! whoever captured a callback can change it). Each tenant may have
//! `RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE` callbacks stored per minute, counted in Postgres
//! (so across every `serve` process); over it the answer is 429 and Twilio retries later.
//! Only verified, new callbacks count, so nobody without the tenant's auth token can use up
//! its allowance.
//!
//! No callback waits for another unless they carry the same signed content: there is no
//! per-tenant lock, the rate count is sharded, and a callback whose bundle already has a
//! re-read pending joins it without writing its row (`docs/webhooks.md`, "No hot row").
//!
//! With the database unreachable the answer is a quick 503 (within [`DATABASE_DEADLINE`], not
//! the pool's acquire timeout), so Twilio retries; a callback lost to a longer outage is
//! recovered by the next poll of the copy.

use crate::domain::ids::{TenantId, WebhookEventId};
use crate::domain::sid::BundleSid;
use axum::Router;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum_extra::extract::Form;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::time::Duration;

use crate::db::webhook_events::{self, NewWebhookEvent, Recorded};
use crate::db::webhook_signers;
use crate::error::AppError;
use crate::lifecycle::callbacks;
use crate::queue::forward_callback::ForwardCallback;
use crate::queue::process_bundle_status::ProcessBundleStatus;
use crate::queue::sweep_tenant::SweepTenant;
use crate::routes;
use crate::state::AppState;
use crate::twilio::signature;

/// Twilio's per-delivery idempotency header (constant across its retries; not signed, so it
/// is only logged).
const IDEMPOTENCY_HEADER: &str = "I-Twilio-Idempotency-Token";

/// How long the same signed URL and body count as a repeat. Twilio's own retries come within
/// minutes; a bundle that later really returns to a status it had sends the same body again,
/// and the poll job (`RECOMPLY_POLL_INTERVAL_SECS`) reads that change in any case.
pub const DEDUPE_WINDOW: time::Duration = time::Duration::hours(24);

/// How long the handler may wait for the database before answering 503: well inside Twilio's
/// 15 s callback timeout, and shorter than the pool's acquire timeout.
pub const DATABASE_DEADLINE: Duration = Duration::from_secs(2);

/// The webhook routes.
pub fn router() -> Router<AppState> {
    Router::new().route(routes::BUNDLE_STATUS_WEBHOOK, post(receive_bundle_status))
}

#[tracing::instrument(name = "webhook", skip_all)]
async fn receive_bundle_status(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Form(params): Form<Vec<(String, String)>>,
) -> Response {
    state.metrics.record_webhook();
    let handled =
        tokio::time::timeout(DATABASE_DEADLINE, handle(&state, &uri, &headers, &params)).await;
    match handled {
        Ok(Ok(response)) => response,
        Ok(Err(error)) if is_database_failure(&error) => {
            tracing::warn!(%error, "status callback refused: the database failed");
            unavailable()
        }
        Ok(Err(error)) => error.into_response(),
        Err(_) => {
            tracing::warn!(
                deadline = ?DATABASE_DEADLINE,
                "status callback refused: the database did not answer in time"
            );
            unavailable()
        }
    }
}

/// 503 with a `Retry-After`: Twilio delivers the callback again later.
fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
    )
        .into_response()
}

/// Whether `error` is the database failing (rather than a bug): worth a retry by Twilio.
fn is_database_failure(error: &AppError) -> bool {
    match error {
        AppError::Database(_) => true,
        AppError::Unexpected(error) => error.chain().any(|cause| cause.is::<sqlx::Error>()),
        _ => false,
    }
}

async fn handle(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    params: &[(String, String)],
) -> Result<Response, AppError> {
    // One connection for the whole intake (one pool checkout, one liveness ping).
    let mut conn = state.db.acquire().await?;
    let Some(Verified {
        tenant_id,
        account_sid,
        url,
        unattributed,
        forward_url,
    }) = verify(state, &mut conn, uri, headers, params).await?
    else {
        return Ok(StatusCode::FORBIDDEN.into_response());
    };
    let bundle_sid = field(params, "BundleSid");
    let dedupe_key = signed_content_hash(&url, params);
    let idempotency_token = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let recorded = webhook_events::record(
        &mut tx,
        &NewWebhookEvent {
            tenant_id,
            account_sid,
            bundle_sid,
            status: field(params, "Status"),
            failure_reason: field(params, "FailureReason"),
            payload: payload(params),
            dedupe_key: &dedupe_key,
        },
        DEDUPE_WINDOW,
        i64::from(state.config.webhook_callbacks_per_minute),
    )
    .await?;
    let event_id = match recorded {
        Recorded::Stored(event_id) => event_id,
        Recorded::Duplicate => {
            tx.commit().await?;
            state.metrics.record_webhook_dropped("duplicate");
            tracing::info!(%tenant_id, idempotency_token, "status callback repeated: not stored again");
            return Ok(StatusCode::OK.into_response());
        }
        Recorded::RateLimited => {
            tx.commit().await?;
            state.metrics.record_webhook_dropped("rate_limited");
            tracing::warn!(%tenant_id, "status callbacks over the per-tenant rate limit");
            return Ok(
                (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "60")]).into_response(),
            );
        }
    };
    if !unattributed.is_empty() {
        // Not yet any tenant's: the sweeps of the account's tenants attribute it.
        for tenant_id in unattributed {
            crate::queue::enqueue(&mut tx, &SweepTenant { tenant_id }).await?;
        }
    } else if let Some(bundle_sid) = bundle_sid {
        if let Some(url) = forward_url {
            forward_to_the_original_url(&mut tx, tenant_id, event_id, &url).await?;
        }
        let job = ProcessBundleStatus {
            tenant_id,
            // Signed by Twilio: its text is taken as it is.
            bundle_sid: BundleSid::from_trusted(bundle_sid),
            webhook_event_id: Some(event_id),
        };
        // Joins a re-read already pending without writing it; the job waits for this
        // transaction (the intake lock `record` took) before reading the callbacks.
        crate::queue::enqueue_joining(&mut tx, &job).await?;
    }
    tx.commit().await?;
    tracing::info!(%tenant_id, idempotency_token, "status callback stored");
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// When the ISV had its own status callback URL on the bundle, the callback is forwarded
/// there too (by the durable `forward_callback` job, in this transaction).
async fn forward_to_the_original_url(
    tx: &mut crate::db::PgTx<'_>,
    tenant_id: TenantId,
    webhook_event_id: WebhookEventId,
    url: &str,
) -> Result<(), AppError> {
    // Twilio will not send it again and no poll or sweep forwards it: not lost on a crash.
    webhook_events::commit_durably(tx).await?;
    webhook_events::set_forward_url(&mut **tx, tenant_id, webhook_event_id, url).await?;
    let job = ForwardCallback {
        tenant_id,
        webhook_event_id,
    };
    crate::queue::enqueue(tx, &job).await?;
    Ok(())
}

/// A callback whose signature checked out with its tenant's auth token.
struct Verified<'p> {
    tenant_id: TenantId,
    account_sid: &'p str,
    /// The URL Twilio signed.
    url: String,
    /// On an account several tenants share, a bundle none of them knows: all of them (each
    /// sweep finds whose it is). Empty when the callback's tenant is known.
    unattributed: Vec<TenantId>,
    /// Where the tenant forwards the bundle's callbacks (a web URL), if anywhere.
    forward_url: Option<String>,
}

/// The callback's tenant, when Twilio signed it with that tenant's auth token; `None` (a 403)
/// for an unknown account, a tenant without a token, or a bad signature. One query on `conn`
/// (`db::webhook_signers`).
async fn verify<'p>(
    state: &AppState,
    conn: &mut sqlx::PgConnection,
    uri: &Uri,
    headers: &HeaderMap,
    params: &'p [(String, String)],
) -> Result<Option<Verified<'p>>, AppError> {
    let Some(account_sid) = field(params, "AccountSid") else {
        return Ok(None);
    };
    // On a shared account, the tenant whose bundle it is; every tenant of the account for a
    // bundle none of them knows yet.
    let key = &state.config.secret_key;
    let signers =
        webhook_signers::of_callback(conn, key, account_sid, field(params, "BundleSid")).await?;
    if signers.is_empty() {
        tracing::warn!("status callback for an unknown account");
        return Ok(None);
    }
    let path_and_query = uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or(uri.path());
    let url = state.config.url_for(path_and_query);
    let given = headers
        .get(signature::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let candidates: Vec<TenantId> = signers.iter().map(|s| s.tenant_id).collect();
    for signer in signers.iter() {
        let tenant_id = signer.tenant_id;
        let token = signer
            .credentials
            .as_ref()
            .and_then(|c| c.webhook_auth_token());
        let Some(token) = token else {
            tracing::warn!(%tenant_id, "no auth token to verify the status callback");
            continue;
        };
        if signature::verify(token.expose(), &url, params, given) {
            let shared = candidates.len() > 1;
            return Ok(Some(Verified {
                tenant_id,
                account_sid,
                url,
                unattributed: if shared { candidates } else { Vec::new() },
                forward_url: callbacks::forwardable(signer.forward_url.clone()),
            }));
        }
    }
    tracing::warn!(tenants = ?candidates, "status callback with an invalid signature");
    Ok(None)
}

/// A form field by name, ignoring case (`AccountSid` / `AccountSID`).
fn field<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
        .filter(|value| !value.is_empty())
}

fn payload(params: &[(String, String)]) -> Value {
    let map: Map<String, Value> = params
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    Value::Object(map)
}

/// SHA-256 of what the signature covers: the full URL, then the fields sorted by name and
/// value (each part NUL-terminated, so no two different callbacks run together).
fn signed_content_hash(url: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<_> = params.iter().collect();
    pairs.sort();
    let mut hasher = Sha256::new();
    hasher.update(url.as_bytes());
    hasher.update([0]);
    for (key, value) in pairs {
        hasher.update(key.as_bytes());
        hasher.update([0]);
        hasher.update(value.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_case_insensitively() {
        let params = vec![("AccountSID".to_owned(), "AC1".to_owned())];
        assert_eq!(field(&params, "AccountSid"), Some("AC1"));
        assert_eq!(field(&params, "BundleSid"), None);
    }

    #[test]
    fn the_content_hash_ignores_field_order_and_covers_url_and_values() {
        let a = vec![
            ("A".to_owned(), "1".to_owned()),
            ("B".to_owned(), "2".to_owned()),
        ];
        let b = vec![
            ("B".to_owned(), "2".to_owned()),
            ("A".to_owned(), "1".to_owned()),
        ];
        let url = "https://app.example.com/webhooks/twilio/bundle-status";
        assert_eq!(signed_content_hash(url, &a), signed_content_hash(url, &b));
        assert_ne!(
            signed_content_hash(url, &a),
            signed_content_hash(url, &[("A".to_owned(), "2".to_owned())])
        );
        assert_ne!(
            signed_content_hash(url, &a),
            signed_content_hash(&format!("{url}?x=1"), &a)
        );
    }
}
