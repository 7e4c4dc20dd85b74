//! `renewal_evaluation`: every evaluation of every copy, with when, why and what was judged.

use sqlx::types::Json;
use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use super::PgTx;
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::Cause;
use crate::domain::snapshot::RenewalSnapshot;

/// Why a snapshot was taken: the cause, who, and the timeline event it belongs to.
#[derive(Debug, Clone)]
pub struct EvaluationCause<'a> {
    /// customer | staff | webhook | sweep | job.
    pub cause: Cause,
    /// Who (customer email, staff name, job name).
    pub actor: &'a str,
    /// The event, e.g. `prepared`, `changes_saved`, `rejected`.
    pub reason: EvaluationReason,
}

/// One kept evaluation.
#[derive(Debug, Clone, FromRow)]
pub struct StoredEvaluation {
    /// Ordering.
    pub renewal_evaluation_id: i64,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// The cause.
    pub cause: Cause,
    /// Who.
    pub actor: Option<String>,
    /// The event it belongs to.
    pub reason: EvaluationReason,
    /// The snapshot it took.
    pub snapshot: Json<RenewalSnapshot>,
    /// When Twilio's evaluation was read.
    pub evaluated_at: OffsetDateTime,
}

/// Appends the evaluation in `snapshot`, in the caller's transaction.
pub async fn append(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    snapshot: &RenewalSnapshot,
    why: EvaluationCause<'_>,
) -> sqlx::Result<()> {
    let evaluation = snapshot.evaluation.as_ref();
    sqlx::query!(
        "insert into renewal_evaluation (tenant_id, renewal_id, copy_sid, evaluation_sid, status,
             cause, actor, reason, snapshot, evaluated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        tenant_id as _,
        renewal_id as _,
        &snapshot.copy_sid,
        evaluation.map(|e| e.sid.as_str()),
        evaluation.map(|e| e.status.as_str()),
        why.cause.as_str(),
        why.actor,
        why.reason.as_str(),
        Json(snapshot) as _,
        snapshot.taken_at,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A renewal's evaluations, oldest first; empty for another tenant's renewal.
pub async fn list_for_renewal(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Vec<StoredEvaluation>> {
    sqlx::query_as!(
        StoredEvaluation,
        r#"select renewal_evaluation_id, renewal_id as "renewal_id: RenewalId",
            cause as "cause: Cause", actor, reason as "reason: EvaluationReason",
            snapshot as "snapshot: Json<RenewalSnapshot>", evaluated_at
         from renewal_evaluation
         where tenant_id = $1 and renewal_id = $2
         order by renewal_evaluation_id"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_all(db)
    .await
}
