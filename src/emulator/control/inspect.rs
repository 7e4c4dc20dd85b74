//! `GET /__emulator/bundles/{sid}`: the full internal view of a bundle (failure reason, flags,
//! review timers, items with their statuses, latest evaluation).

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::error::{ControlError, ControlResult};
use crate::emulator::clock::format;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views;

/// The internal view of a bundle, or `None` if unknown.
pub fn internal_view(store: &Store, sid: &str) -> Option<Value> {
    let bundle = store.bundles.get(sid)?;
    let origin = "";
    let mut view = views::bundle_fields(bundle);
    let (end_users, documents) = store.assigned_items(sid);
    let extra = json!({
        "failure_reason": bundle.failure_reason,
        "is_test": bundle.is_test,
        "has_active_numbers": bundle.has_active_numbers,
        "copied_from": bundle.copied_from,
        "in_review_at": bundle.in_review_at.map(format),
        "review_due_at": bundle.review_due_at.map(format),
        "regulation_version": store.regulation_of(bundle).map(|r| r.version),
        "end_users": end_users.iter().map(|e| views::end_user(origin, e)).collect::<Vec<_>>(),
        "documents": documents.iter().map(|d| {
            let mut value = views::document(origin, d);
            value["file_size"] = json!(d.file_size);
            value
        }).collect::<Vec<_>>(),
        "item_assignments": store.assignments_of(sid).iter()
            .map(|a| views::assignment(origin, a)).collect::<Vec<_>>(),
        "latest_evaluation": store.latest_evaluation(sid).map(|e| {
            let mut value = views::evaluation(origin, e);
            value["regulation_version"] = json!(e.regulation_version);
            value
        }),
    });
    if let (Some(map), Value::Object(extra)) = (view.as_object_mut(), extra) {
        map.extend(extra);
    }
    Some(view)
}

/// `GET bundles/{sid}`.
pub async fn show_bundle(
    State(state): State<EmulatorState>,
    Path(sid): Path<String>,
) -> ControlResult<Json<Value>> {
    let store = state.lock();
    internal_view(&store, &sid)
        .map(Json)
        .ok_or_else(|| ControlError::not_found(format!("bundle {sid}")))
}
