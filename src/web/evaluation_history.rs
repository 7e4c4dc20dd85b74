//! The renewal's evaluation history as pages show it: newest first, each with what changed
//! since the evaluation before it.

use time::OffsetDateTime;

use crate::db::evaluations::StoredEvaluation;
use crate::domain::evaluation_changes::evaluation_changes;

/// One evaluation, for a page.
#[derive(Debug, Clone)]
pub struct EvaluationHistoryRow {
    /// When Twilio's evaluation was read.
    pub at: OffsetDateTime,
    /// customer | staff | webhook | sweep | job.
    pub cause: String,
    /// Who.
    pub actor: String,
    /// The timeline event it belongs to.
    pub reason: String,
    /// compliant | noncompliant (empty when the read carried none).
    pub status: String,
    /// What changed since the previous evaluation (empty for the first).
    pub changes: Vec<String>,
}

/// `evaluations` (oldest first, as stored) as rows, newest first.
pub fn history_rows(evaluations: &[StoredEvaluation]) -> Vec<EvaluationHistoryRow> {
    let mut rows: Vec<_> = evaluations
        .iter()
        .enumerate()
        .map(|(index, stored)| {
            let snapshot = &stored.snapshot.0;
            let changes = index
                .checked_sub(1)
                .map(|previous| evaluation_changes(&evaluations[previous].snapshot.0, snapshot))
                .unwrap_or_default();
            EvaluationHistoryRow {
                at: stored.evaluated_at,
                cause: stored.cause.clone(),
                actor: stored.actor.clone().unwrap_or_default(),
                reason: stored.reason.replace('_', " "),
                status: snapshot
                    .evaluation
                    .as_ref()
                    .map(|e| e.status.clone())
                    .unwrap_or_default(),
                changes,
            }
        })
        .collect();
    rows.reverse();
    rows
}
