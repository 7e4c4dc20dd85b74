//! Logs and housekeeping: `GET`/`DELETE requests`, `GET callbacks`, `POST reset`,
//! `DELETE addresses/{sid}`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;

/// The request log.
pub async fn list_requests(State(state): State<EmulatorState>) -> Json<Value> {
    let store = state.lock();
    Json(json!({
        "total": store.requests.total(),
        "requests": store.requests.entries(),
    }))
}

/// Clears the request log → 204.
pub async fn clear_requests(State(state): State<EmulatorState>) -> StatusCode {
    state.lock().requests.clear();
    StatusCode::NO_CONTENT
}

/// The callback delivery log and how many callbacks are still waiting.
pub async fn list_callbacks(State(state): State<EmulatorState>) -> Json<Value> {
    let store = state.lock();
    Json(json!({
        "pending": store.outbox.pending.len(),
        "deliveries": store.outbox.log,
    }))
}

/// Forgets everything (accounts too) → 204.
pub async fn reset(State(state): State<EmulatorState>) -> StatusCode {
    *state.lock() = Store::new();
    StatusCode::NO_CONTENT
}

/// Deletes an Address without the in-use check (copying a bundle that uses it then fails with
/// 22230) → 204.
pub async fn delete_address(
    State(state): State<EmulatorState>,
    Path(sid): Path<String>,
) -> StatusCode {
    state.lock().delete_address(&sid);
    StatusCode::NO_CONTENT
}
