//! Twilio's `provisionally-approved` answer on a renewal's copy: recorded once per submission
//! (`renewal.provisionally_approved_at`, cleared when the copy is submitted again), so pages can
//! say the numbers keep working while Twilio's final decision is awaited.
//! Every query is scoped by tenant.

use crate::domain::ids::{RenewalId, TenantId};

use super::PgTx;

/// Records that Twilio provisionally approved the copy of a renewal in review. Returns whether
/// this is news (the first time for this submission).
pub async fn mark(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<bool> {
    let marked = sqlx::query!(
        "update renewal set provisionally_approved_at = now()
         where tenant_id = $1 and renewal_id = $2 and provisionally_approved_at is null
           and state in ('submitted', 'in_review')",
        tenant_id as _,
        renewal_id as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(marked.rows_affected() == 1)
}
