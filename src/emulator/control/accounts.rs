//! `POST /__emulator/accounts`, `PUT /__emulator/accounts/{sid}/review-policy`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::error::{ControlError, ControlResult};
use crate::emulator::model::ReviewPolicy;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::AccountCredentials;

/// Body of `POST accounts`.
#[derive(Debug, Deserialize)]
pub struct NewAccount {
    /// Human name.
    pub friendly_name: String,
    /// Review policy (default auto, 60 s).
    #[serde(default)]
    pub review_policy: Option<ReviewPolicy>,
}

/// Creates an account → 201 with its credentials.
pub async fn create_account(
    State(state): State<EmulatorState>,
    Json(body): Json<NewAccount>,
) -> (StatusCode, Json<AccountCredentials>) {
    let credentials = state
        .lock()
        .create_account(&body.friendly_name, body.review_policy.unwrap_or_default());
    (StatusCode::CREATED, Json(credentials))
}

/// Sets an account's review policy.
pub async fn set_review_policy(
    State(state): State<EmulatorState>,
    Path(sid): Path<String>,
    Json(policy): Json<ReviewPolicy>,
) -> ControlResult<Json<ReviewPolicy>> {
    let mut store = state.lock();
    let account = store
        .accounts
        .get_mut(&sid)
        .ok_or_else(|| ControlError::not_found(format!("account {sid}")))?;
    account.review_policy = policy;
    Ok(Json(policy))
}
