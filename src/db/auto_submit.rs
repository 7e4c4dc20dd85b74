//! Zero-touch submission: whether a tenant lets recomply submit a copy that is already
//! compliant, and whether a renewal's latest submission was recomply's own.

use sqlx::PgExecutor;

use crate::domain::ids::{RenewalId, TenantId};

/// Whether the tenant lets recomply submit compliant copies by itself (`false` for an unknown
/// tenant).
pub async fn tenant_allows(db: impl PgExecutor<'_>, tenant_id: TenantId) -> sqlx::Result<bool> {
    let allows: Option<bool> = sqlx::query_scalar!(
        "select auto_submit from tenant where tenant_id = $1",
        tenant_id as _,
    )
    .fetch_optional(db)
    .await?;
    Ok(allows.unwrap_or(false))
}

/// Sets the tenant's choice; `false` when there is no such tenant.
pub async fn set_tenant_allows(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    allows: bool,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update tenant set auto_submit = $2 where tenant_id = $1",
        tenant_id as _,
        allows,
    )
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Records who made the renewal's latest submission: recomply by itself, or a person.
pub async fn record_submission(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    automatic: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update renewal set submitted_automatically = $3
          where tenant_id = $1 and renewal_id = $2",
        tenant_id as _,
        renewal_id as _,
        automatic,
    )
    .execute(db)
    .await?;
    Ok(())
}
