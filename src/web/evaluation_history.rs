//! The renewal's evaluation history as pages show it: newest first, each with what changed
//! since the evaluation before it.

use time::OffsetDateTime;

use crate::db::evaluations::StoredEvaluation;
use crate::domain::evaluation_changes::evaluation_changes;
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::renewal::Cause;
use crate::i18n::{Moment, Tr};

/// One evaluation, for a page.
#[derive(Debug, Clone)]
pub struct EvaluationHistoryRow {
    /// When Twilio's evaluation was read.
    pub at: OffsetDateTime,
    /// customer | staff | webhook | sweep | job.
    pub cause: Cause,
    /// Who.
    pub actor: String,
    /// The timeline event it belongs to.
    pub reason: EvaluationReason,
    /// compliant | noncompliant (empty when the read carried none).
    pub status: String,
    /// Whether Twilio found the copy compliant.
    pub compliant: bool,
    /// What changed since the previous evaluation (empty for the first).
    pub changes: Vec<String>,
}

/// `evaluations` (oldest first, as stored) as rows, newest first, changes worded in `tr`'s
/// language.
pub fn history_rows(evaluations: &[StoredEvaluation], tr: &Tr) -> Vec<EvaluationHistoryRow> {
    let mut rows: Vec<_> = evaluations
        .iter()
        .enumerate()
        .map(|(index, stored)| {
            let snapshot = &stored.snapshot.0;
            let changes = index
                .checked_sub(1)
                .map(|previous| evaluation_changes(&evaluations[previous].snapshot.0, snapshot, tr))
                .unwrap_or_default();
            let evaluation = snapshot.evaluation.as_ref();
            EvaluationHistoryRow {
                at: stored.evaluated_at,
                cause: stored.cause,
                actor: stored.actor.clone().unwrap_or_default(),
                reason: stored.reason.clone(),
                status: evaluation.map(|e| e.status.to_string()).unwrap_or_default(),
                compliant: evaluation.is_some_and(|e| e.is_compliant()),
                changes,
            }
        })
        .collect();
    rows.reverse();
    rows
}

/// One evaluation as the customer reads it.
#[derive(Debug, Clone)]
pub struct CustomerEvaluationRow {
    /// When Twilio checked, in the customer's words (`2 December 2026, 07:45 UTC`).
    pub at: Moment,
    /// Whether nothing was missing.
    pub compliant: bool,
    /// The verdict in plain words.
    pub verdict: String,
    /// When in the renewal it happened, e.g. `After you saved changes`.
    pub occasion: String,
    /// What changed since the check before.
    pub changes: Vec<String>,
}

/// `evaluations` (oldest first, as stored) in the customer's words, newest first; `email`
/// is the signed-in customer's, so their own saves read "you".
pub fn customer_rows(
    evaluations: &[StoredEvaluation],
    email: &str,
    tr: &Tr,
) -> Vec<CustomerEvaluationRow> {
    history_rows(evaluations, tr)
        .into_iter()
        .map(|row| {
            let compliant = row.compliant;
            // Who acted: "you", another user's address, support, or recomply itself.
            let who = match row.cause {
                Cause::Customer if row.actor == email => "you",
                Cause::Customer => "user",
                Cause::Staff => "support",
                Cause::Webhook | Cause::Sweep | Cause::Job => "us",
            };
            let by = |id: &str| tr.t2(id, "who", who, "user", &row.actor);
            let occasion = match &row.reason {
                EvaluationReason::Prepared => tr.t("check-when-prepared"),
                EvaluationReason::ChangesSaved => by("check-after-save"),
                EvaluationReason::Reevaluated => by("check-again"),
                EvaluationReason::Rejected => tr.t("check-after-rejection"),
                other @ EvaluationReason::Other(_) => {
                    format!("{} ({})", capitalised(&other.words()), by("check-by"))
                }
            };
            CustomerEvaluationRow {
                at: tr.moment(row.at),
                compliant,
                verdict: tr.t(if compliant {
                    "check-nothing-missing"
                } else {
                    "check-something-needed"
                }),
                occasion,
                changes: row.changes,
            }
        })
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
