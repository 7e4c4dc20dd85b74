//! `POST /webhooks/twilio/bundle-status`: Twilio's Bundle status callbacks.
//!
//! The tenant is found by the AccountSid in the body; the `X-Twilio-Signature` is checked with
//! that tenant's auth token against our public URL (403 otherwise, nothing stored). A verified
//! callback is stored (duplicates kept and marked, by `I-Twilio-Idempotency-Token` or body
//! hash) and a job re-reads the bundle from Twilio: the payload is a hint, never the truth.

use crate::domain::sid::BundleSid;
use axum::Router;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum_extra::extract::Form;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::db::webhook_events::{self, NewWebhookEvent};
use crate::error::AppError;
use crate::lifecycle::tenants;
use crate::queue::process_bundle_status::ProcessBundleStatus;
use crate::routes;
use crate::state::AppState;
use crate::twilio::signature;

/// Twilio's per-delivery idempotency header (constant across its retries).
const IDEMPOTENCY_HEADER: &str = "I-Twilio-Idempotency-Token";

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
) -> Result<StatusCode, AppError> {
    state.metrics.record_webhook();
    let Some(account_sid) = field(&params, "AccountSid") else {
        return Ok(StatusCode::FORBIDDEN);
    };
    let Some(tenant_id) = tenants::by_account_sid(&state.db, account_sid).await? else {
        tracing::warn!("status callback for an unknown account");
        return Ok(StatusCode::FORBIDDEN);
    };
    let credentials = tenants::credentials(&state.engine, tenant_id).await?;
    let Some(token) = credentials.webhook_auth_token() else {
        tracing::warn!(%tenant_id, "no auth token to verify the status callback");
        return Ok(StatusCode::FORBIDDEN);
    };
    let path_and_query = uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or(uri.path());
    let url = state.config.url_for(path_and_query);
    let given = headers
        .get(signature::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !signature::verify(token.expose(), &url, &params, given) {
        tracing::warn!(%tenant_id, "status callback with an invalid signature");
        return Ok(StatusCode::FORBIDDEN);
    }
    let bundle_sid = field(&params, "BundleSid");
    let dedupe_key = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(|v| format!("token:{v}"))
        .unwrap_or_else(|| body_hash(&params));
    let mut tx = state.db.begin().await?;
    let (event_id, duplicate) = webhook_events::insert(
        &mut tx,
        &NewWebhookEvent {
            tenant_id,
            account_sid,
            bundle_sid,
            status: field(&params, "Status"),
            failure_reason: field(&params, "FailureReason"),
            payload: payload(&params),
            dedupe_key: &dedupe_key,
        },
    )
    .await?;
    if let (false, Some(bundle_sid)) = (duplicate, bundle_sid) {
        let job = ProcessBundleStatus {
            tenant_id,
            // Signed by Twilio: its text is taken as it is.
            bundle_sid: BundleSid::from_trusted(bundle_sid),
            webhook_event_id: Some(event_id),
        };
        crate::queue::enqueue(&mut tx, &job).await?;
    }
    tx.commit().await?;
    tracing::info!(%tenant_id, duplicate, "status callback stored");
    Ok(StatusCode::NO_CONTENT)
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

/// SHA-256 of the sorted fields, for callbacks without an idempotency token.
fn body_hash(params: &[(String, String)]) -> String {
    let mut pairs: Vec<_> = params.iter().collect();
    pairs.sort();
    let mut hasher = Sha256::new();
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
    fn the_body_hash_ignores_field_order() {
        let a = vec![
            ("A".to_owned(), "1".to_owned()),
            ("B".to_owned(), "2".to_owned()),
        ];
        let b = vec![
            ("B".to_owned(), "2".to_owned()),
            ("A".to_owned(), "1".to_owned()),
        ];
        assert_eq!(body_hash(&a), body_hash(&b));
        assert_ne!(
            body_hash(&a),
            body_hash(&[("A".to_owned(), "2".to_owned())])
        );
    }
}
