//! Small lookups the lifecycle needs across aggregates: which tenants a sweep can reach, a
//! tenant's display name (who to email is `db::recipients`).

use sqlx::PgExecutor;

use crate::domain::ids::TenantId;

/// Tenants with Twilio credentials configured, oldest first.
pub async fn tenants_with_credentials(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<TenantId>> {
    sqlx::query_scalar!(
        r#"select tenant_id as "tenant_id: TenantId" from tenant
         where twilio_account_sid is not null and twilio_credentials is not null
               and removed_at is null
         order by created_at"#
    )
    .fetch_all(db)
    .await
}

/// Whether `tenant_id` exists and is not removed (recomply still acts for its customers).
pub async fn is_served(db: impl PgExecutor<'_>, tenant_id: TenantId) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from tenant where tenant_id = $1 and removed_at is null)
             as "served!""#,
        tenant_id as _,
    )
    .fetch_one(db)
    .await
}

/// The tenant's name and the time zone its customers read dates in.
pub async fn tenant_letterhead(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<(String, crate::i18n::Zone)> {
    sqlx::query!(
        r#"select customer_name as "customer_name!",
            time_zone as "time_zone: crate::i18n::Zone" from tenant where tenant_id = $1"#,
        tenant_id as _,
    )
    .map(|row| (row.customer_name, row.time_zone))
    .fetch_one(db)
    .await
}

/// The status of job `job_id`, if it exists.
pub async fn job_status(
    db: impl PgExecutor<'_>,
    job_id: crate::domain::ids::JobId,
) -> sqlx::Result<Option<crate::domain::job_status::JobStatus>> {
    sqlx::query_scalar!(
        r#"select status as "status: crate::domain::job_status::JobStatus" from job where job_id = $1"#,
        job_id as _,
    )
        .fetch_optional(db)
        .await
}

/// Whether every approved bundle's status callbacks come to recomply for the tenant.
pub async fn callbacks_on_every_bundle(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<bool> {
    let every: Option<bool> = sqlx::query_scalar!(
        "select callbacks_on_every_bundle from tenant where tenant_id = $1",
        tenant_id as _,
    )
    .fetch_optional(db)
    .await?;
    Ok(every.unwrap_or(false))
}
