//! Delivery of status callbacks: a background task posts each queued callback, form-encoded and
//! signed with the owning account's auth token (`X-Twilio-Signature` over the URL exactly as
//! stored), with `I-Twilio-Idempotency-Token`, retrying non-2xx answers and connection errors
//! with exponential backoff. Every attempt is logged.

use std::time::Duration;

use tokio::task::JoinHandle;

use super::clock::{self, real_now_ms};
use super::outbox::{CallbackJob, DeliveryAttempt};
use super::state::EmulatorState;
use crate::twilio::signature;

/// Attempts per callback before giving up.
pub const MAX_ATTEMPTS: u32 = 5;

/// Delay before the first retry; doubles with every further retry.
pub const FIRST_RETRY_MS: u64 = 250;

/// How long one attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Starts the dispatcher; it runs until the runtime stops.
pub fn spawn_dispatcher(state: EmulatorState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let client = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .user_agent("TwilioProxy/1.1")
            .build()
            .unwrap_or_default();
        loop {
            let due = state.lock().outbox.take_due(real_now_ms());
            for job in due {
                deliver(&state, &client, job).await;
            }
            tokio::select! {
                _ = state.callbacks_notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
        }
    })
}

/// Sends one job (twice when duplicated) and reschedules it if it failed.
async fn deliver(state: &EmulatorState, client: &reqwest::Client, mut job: CallbackJob) {
    let auth_token = {
        let store = state.lock();
        store
            .accounts
            .get(&job.account_sid)
            .map(|a| a.auth_token.clone())
    };
    let Some(auth_token) = auth_token else {
        return;
    };
    let signature = signature::compute(&auth_token, &job.url, &job.params);
    let sends = if job.duplicate { 2 } else { 1 };
    let mut delivered = false;
    for _ in 0..sends {
        job.attempts += 1;
        let result = client
            .post(&job.url)
            .header(signature::SIGNATURE_HEADER, &signature)
            .header("I-Twilio-Idempotency-Token", &job.idempotency_token)
            .form(&job.params)
            .send()
            .await;
        let (http_status, error) = match result {
            Ok(response) => (Some(response.status().as_u16()), None),
            Err(error) => (None, Some(error.to_string())),
        };
        let success = http_status.is_some_and(|s| (200..300).contains(&s));
        delivered |= success;
        let outcome = if success {
            "delivered"
        } else if job.attempts < MAX_ATTEMPTS {
            "retrying"
        } else {
            "failed"
        };
        record(state, &job, http_status, error, outcome);
        if !success {
            break;
        }
    }
    if !delivered && job.attempts < MAX_ATTEMPTS {
        job.not_before_ms = real_now_ms() + FIRST_RETRY_MS * 2u64.pow(job.attempts - 1);
        job.duplicate = false;
        job.reorder = false;
        state.lock().outbox.pending.push(job);
    }
}

fn record(
    state: &EmulatorState,
    job: &CallbackJob,
    http_status: Option<u16>,
    error: Option<String>,
    outcome: &str,
) {
    let mut store = state.lock();
    let at = clock::format(store.now());
    tracing::info!(
        bundle_sid = %job.bundle_sid,
        attempt = job.attempts,
        outcome,
        "emulator status callback"
    );
    store.outbox.log.push(DeliveryAttempt {
        callback_id: job.id,
        idempotency_token: job.idempotency_token.clone(),
        bundle_sid: job.bundle_sid.clone(),
        url: job.url.clone(),
        params: job.params.clone(),
        attempt: job.attempts,
        http_status,
        error,
        outcome: outcome.to_owned(),
        at,
    });
}

/// Starts the ticker that fires due review and expiry events in real time (once a second).
pub fn spawn_ticker(state: EmulatorState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        loop {
            interval.tick().await;
            state.mutate(|store| store.fire_due_events());
        }
    })
}
