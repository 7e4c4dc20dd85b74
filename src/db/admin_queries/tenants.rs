//! Per-tenant figures for the tenant pages.

use sqlx::PgPool;
use time::OffsetDateTime;

use crate::domain::ids::TenantId;

/// A tenant in the list, with its counts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TenantSummary {
    /// Primary key.
    pub tenant_id: TenantId,
    /// Display name.
    pub name: String,
    /// The name customers see in place of `name`, when set.
    pub display_name: Option<String>,
    /// URL-safe name.
    pub slug: String,
    /// `AC…`.
    pub twilio_account_sid: Option<String>,
    /// Whether credentials are stored.
    pub has_credentials: bool,
    /// Customer users.
    pub users: i64,
    /// Mirrored bundles.
    pub bundles: i64,
    /// Open renewals.
    pub open_renewals: i64,
    /// The last time a bundle was synced.
    pub last_synced_at: Option<OffsetDateTime>,
    /// Its Twilio account's status, when discovery listed it as a subaccount.
    pub subaccount_status: Option<crate::twilio::AccountStatus>,
}

/// Every tenant with its counts, by name.
pub async fn summaries(db: &PgPool) -> sqlx::Result<Vec<TenantSummary>> {
    query(db, None).await
}

/// One tenant's counts.
pub async fn summary(db: &PgPool, tenant_id: TenantId) -> sqlx::Result<Option<TenantSummary>> {
    Ok(query(db, Some(tenant_id)).await?.into_iter().next())
}

async fn query(db: &PgPool, tenant_id: Option<TenantId>) -> sqlx::Result<Vec<TenantSummary>> {
    sqlx::query_as!(
        TenantSummary,
        r#"select t.tenant_id as "tenant_id: TenantId", t.name, t.display_name, t.slug,
            t.twilio_account_sid,
                t.twilio_credentials is not null as "has_credentials!",
                (select count(*) from app_user u where u.tenant_id = t.tenant_id) as "users!",
                (select count(*) from bundle b where b.tenant_id = t.tenant_id) as "bundles!",
                (select count(*) from renewal r where r.tenant_id = t.tenant_id
                   and renewal_is_open(r.state)) as "open_renewals!",
                (select max(synced_at) from bundle b where b.tenant_id = t.tenant_id) as last_synced_at,
                    
                (select s.status from subaccount s
                   where s.account_sid = t.twilio_account_sid) as "subaccount_status: crate::twilio::AccountStatus"
         from tenant t where ($1::uuid is null or t.tenant_id = $1)
         order by lower(t.name), t.slug"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}
