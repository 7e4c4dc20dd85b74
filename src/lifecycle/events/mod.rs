//! Signed outbound events for the ISV's own backend (Standard Webhooks).
//!
//! - Staff register endpoints ([`endpoints`]): a URL, every tenant or one, the event types it
//!   wants; its signing secret is shown once and stored sealed.
//! - Events are recorded by `db::outbound_events` in the transaction of the change they
//!   report, with one delivery (and its `deliver_event` job) per endpoint that wants them.
//! - [`deliver`] posts a delivery, signed, and logs the attempt; anything but a 2xx fails the
//!   job, which the queue retries with backoff; a delivered message is not sent again unless
//!   staff ask for a resend ([`resend`]), which sends the same message (same `webhook-id`)
//!   with a new timestamp and signature.

pub mod endpoints;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::Context;
use time::OffsetDateTime;

use super::engine::Engine;
use crate::db::event_deliveries::{self, Attempt, Sending};
use crate::db::event_endpoints;
use crate::domain::ids::{EventDeliveryId, EventEndpointId, OutboundEventId, TenantId};
use crate::domain::webhook_signature;

/// How long an endpoint has to answer.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The `webhook-id` of the event `outbound_event_id`: the same for every attempt and resend.
pub fn message_id(outbound_event_id: OutboundEventId) -> String {
    format!("msg_{}", outbound_event_id.as_uuid().simple())
}

/// Sends the delivery `event_delivery_id` unless it was delivered already (or its endpoint
/// was disabled meanwhile), and logs the attempt. An answer other than 2xx, or none, is an
/// error, so the job is retried with backoff.
pub async fn deliver(
    engine: &Engine,
    tenant_id: TenantId,
    event_delivery_id: EventDeliveryId,
) -> anyhow::Result<()> {
    let Some(sending) =
        event_deliveries::for_sending(&engine.db, tenant_id, event_delivery_id).await?
    else {
        return Ok(());
    };
    if sending.delivered_at.is_some() || !sending.enabled {
        return Ok(());
    }
    let started = Instant::now();
    let sent = post(engine, &sending).await?;
    let error = sent.as_ref().err().map(|e| format!("{e:#}"));
    let attempt = Attempt {
        status: sent.as_ref().ok().map(|s| s.as_u16()),
        error: error.as_deref(),
        duration_ms: i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX),
    };
    event_deliveries::record_attempt(&engine.db, tenant_id, event_delivery_id, &attempt).await?;
    match sent {
        Ok(status) if status.is_success() => Ok(()),
        Ok(status) => anyhow::bail!("the event endpoint answered {status}"),
        Err(error) => Err(error.context("delivering the event")),
    }
}

/// Posts the delivery's body with fresh Standard Webhooks headers. The outer error is ours
/// (the secret does not open); the inner one is the endpoint's (no answer).
async fn post(
    engine: &Engine,
    sending: &Sending,
) -> anyhow::Result<anyhow::Result<reqwest::StatusCode>> {
    let secret = event_endpoints::open_secret(
        &engine.config.secret_key,
        sending.event_endpoint_id,
        &sending.sealed_secret,
    )
    .context("the endpoint's signing secret does not open with this key")?;
    let body = serde_json::to_vec(&sending.payload)?;
    let id = message_id(sending.outbound_event_id);
    let timestamp = OffsetDateTime::now_utc().unix_timestamp();
    let signature = webhook_signature::sign(secret.expose(), &id, timestamp, &body)?;
    let sent = client()
        .post(&sending.url)
        .header("content-type", "application/json")
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body)
        .send()
        .await;
    Ok(sent
        .map(|response| response.status())
        .map_err(anyhow::Error::new))
}

/// Sends the endpoint's delivery `event_delivery_id` again. False when it is not the
/// endpoint's, or the endpoint is off.
pub async fn resend(
    engine: &Engine,
    event_endpoint_id: EventEndpointId,
    event_delivery_id: EventDeliveryId,
) -> anyhow::Result<bool> {
    let mut tx = engine.db.begin().await?;
    let queued = event_deliveries::resend(&mut tx, event_endpoint_id, event_delivery_id).await?;
    tx.commit().await?;
    Ok(queued)
}

/// One client for every delivery: a timeout, and no redirects (a delivery goes where staff
/// registered it, nowhere else).
fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(DELIVERY_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("recomply/", env!("CARGO_PKG_VERSION"), " (events)"))
            .build()
            .expect("a reqwest client with a timeout builds")
    })
}
