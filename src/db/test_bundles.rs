//! Bundles Twilio has rejected as test bundles (`IsTest`, error 18099): recorded once, in
//! Twilio's words, on the bundle row; such a bundle is never renewed.
//! Every query is scoped by tenant.

use sqlx::PgExecutor;

use crate::domain::ids::TenantId;

/// Records `reason` as why the tenant's bundle `bundle_sid` is a test bundle. Returns whether
/// this is news.
pub async fn mark(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &str,
    reason: &str,
) -> sqlx::Result<bool> {
    let marked = sqlx::query!(
        "update bundle set test_bundle_reason = $3
         where tenant_id = $1 and sid = $2 and test_bundle_reason is null",
        tenant_id as _,
        bundle_sid,
        reason,
    )
    .execute(db)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// Why the tenant's bundle `bundle_sid` is a test bundle, when it is one.
pub async fn reason(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> sqlx::Result<Option<String>> {
    let reason: Option<Option<String>> = sqlx::query_scalar!(
        "select test_bundle_reason from bundle where tenant_id = $1 and sid = $2",
        tenant_id as _,
        bundle_sid,
    )
    .fetch_optional(db)
    .await?;
    Ok(reason.flatten())
}
