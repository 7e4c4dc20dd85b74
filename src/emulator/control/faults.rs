//! `POST`/`DELETE /__emulator/faults` and `/__emulator/callback-faults`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::emulator::faults::{CallbackFaultRule, RequestFaultRule};
use crate::emulator::state::EmulatorState;

/// A request fault rule, optionally re-seeding the RNG.
#[derive(Debug, Deserialize)]
pub struct NewRequestFault {
    /// Seed for the RNG (deterministic tests).
    #[serde(default)]
    pub seed: Option<u64>,
    /// The rule.
    #[serde(flatten)]
    pub rule: RequestFaultRule,
}

/// A callback fault rule, optionally re-seeding the RNG.
#[derive(Debug, Deserialize)]
pub struct NewCallbackFault {
    /// Seed for the RNG.
    #[serde(default)]
    pub seed: Option<u64>,
    /// The rule.
    #[serde(flatten)]
    pub rule: CallbackFaultRule,
}

/// Adds a request fault rule → 201.
pub async fn add_fault(
    State(state): State<EmulatorState>,
    Json(body): Json<NewRequestFault>,
) -> (StatusCode, Json<Value>) {
    let mut store = state.lock();
    if let Some(seed) = body.seed {
        store.faults.reseed(seed);
    }
    store.faults.add_request_rule(body.rule);
    let active = store.faults.request_rules().len();
    (StatusCode::CREATED, Json(json!({ "active_rules": active })))
}

/// Removes every request fault rule → 204.
pub async fn clear_faults(State(state): State<EmulatorState>) -> StatusCode {
    state.lock().faults.clear_requests();
    StatusCode::NO_CONTENT
}

/// Adds a callback fault rule → 201.
pub async fn add_callback_fault(
    State(state): State<EmulatorState>,
    Json(body): Json<NewCallbackFault>,
) -> StatusCode {
    let mut store = state.lock();
    if let Some(seed) = body.seed {
        store.faults.reseed(seed);
    }
    store.faults.add_callback_rule(body.rule);
    StatusCode::CREATED
}

/// Removes every callback fault rule → 204.
pub async fn clear_callback_faults(State(state): State<EmulatorState>) -> StatusCode {
    state.lock().faults.clear_callbacks();
    StatusCode::NO_CONTENT
}
