//! `POST /__emulator/regulations/{sid}/changes`: a new regulation version, and `valid_until`
//! stamped on every twilio-approved bundle of that regulation (with their callbacks).

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::{ControlError, ControlResult};
use crate::emulator::catalogue::RegulationChange;
use crate::emulator::clock;
use crate::emulator::model::BundleStatus;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::AppliedChange;

/// Body of a regulation change.
#[derive(Debug, Deserialize)]
pub struct ChangeBody {
    /// The change (`{"kind": "add_end_user_field", …}`).
    pub change: Value,
    /// Days from now until affected bundles must be updated (default 30).
    #[serde(default = "thirty")]
    pub valid_until_days: i64,
}

fn thirty() -> i64 {
    30
}

/// Applies the change → `{regulation_sid, version, valid_until, bundle_sids}`.
pub async fn change_regulation(
    State(state): State<EmulatorState>,
    Path(sid): Path<String>,
    Json(body): Json<ChangeBody>,
) -> ControlResult<Json<Value>> {
    let change: RegulationChange = serde_json::from_value(body.change.clone())
        .map_err(|e| ControlError::bad_request(format!("invalid change: {e}")))?;
    state.mutate(|store| {
        if store.catalogue.regulation(&sid).is_none() {
            return Err(ControlError::not_found(format!("regulation {sid}")));
        }
        let version = store
            .catalogue
            .apply_change(&sid, &change)
            .map_err(ControlError::bad_request)?;
        store.regulation_changes.push(AppliedChange {
            regulation_sid: sid.clone(),
            change: body.change.clone(),
        });
        let valid_until = store.now() + body.valid_until_days * 86_400;
        let mut affected: Vec<(u64, String)> = store
            .bundles
            .values()
            .filter(|b| b.regulation_sid == sid && b.status == BundleStatus::TwilioApproved)
            .map(|b| (b.seq, b.sid.clone()))
            .collect();
        affected.sort();
        for (_, bundle_sid) in &affected {
            store.stamp_valid_until(bundle_sid, valid_until);
        }
        Ok(Json(json!({
            "regulation_sid": sid,
            "version": version,
            "valid_until": clock::format(valid_until),
            "bundle_sids": affected.into_iter().map(|(_, s)| s).collect::<Vec<_>>(),
        })))
    })
}
