//! `GET /__emulator/clock`, `POST /__emulator/clock/advance`.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::emulator::clock;
use crate::emulator::state::EmulatorState;

/// Body of `clock/advance`.
#[derive(Debug, Deserialize)]
pub struct Advance {
    /// Seconds to move emulator time forward.
    pub seconds: i64,
}

/// Emulator time and its offset from real time.
pub async fn show_clock(State(state): State<EmulatorState>) -> Json<Value> {
    let store = state.lock();
    Json(json!({
        "now": clock::format(store.now()),
        "offset_seconds": store.clock_offset,
    }))
}

/// Moves emulator time forward and fires the events that became due.
pub async fn advance_clock(
    State(state): State<EmulatorState>,
    Json(body): Json<Advance>,
) -> Json<Value> {
    state.mutate(|store| {
        store.clock_offset += body.seconds.max(0);
        let fired = store.fire_due_events();
        Json(json!({
            "now": clock::format(store.now()),
            "offset_seconds": store.clock_offset,
            "fired": fired,
        }))
    })
}
