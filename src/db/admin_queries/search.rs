//! The staff console's global search: tenants, customer users and renewals that match what was
//! typed (bundles by SID reuse the bundle list's own filter). Every pattern is bound and
//! matches literally, wildcards included (see `filter::literal_contains_pattern`).

use sqlx::PgPool;

use crate::domain::ids::{TenantId, UserId};

use super::filter::literal_contains_pattern;

/// A tenant whose name, customer-facing name, short name or Twilio account matches.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TenantHit {
    /// Primary key.
    pub tenant_id: TenantId,
    /// Its name.
    pub name: String,
    /// Its short name.
    pub slug: String,
    /// `AC…`.
    pub twilio_account_sid: Option<String>,
}

/// A customer user whose email or name matches.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserHit {
    /// Primary key.
    pub app_user_id: UserId,
    /// Their tenant.
    pub tenant_id: TenantId,
    /// The tenant's name.
    pub tenant_name: String,
    /// Lower-case address.
    pub email: String,
    /// Name (may be empty).
    pub name: String,
}

/// What a tenant search looks for.
#[derive(Debug, Clone, Copy)]
pub enum TenantSearch<'a> {
    /// Part of its name, customer-facing name, short name or account SID.
    Text(&'a str),
    /// Its id.
    Id(TenantId),
}

/// Tenants matching `search`, by name.
pub async fn tenants(
    db: &PgPool,
    search: TenantSearch<'_>,
    limit: i64,
) -> sqlx::Result<Vec<TenantHit>> {
    let (pattern, id) = match search {
        TenantSearch::Text(needle) => (Some(literal_contains_pattern(needle)), None),
        TenantSearch::Id(id) => (None, Some(id)),
    };
    sqlx::query_as!(
        TenantHit,
        r#"select tenant_id as "tenant_id: TenantId", name, slug, twilio_account_sid from tenant
         where tenant_id = $2 or name ilike $1 or customer_name ilike $1 or slug ilike $1
            or twilio_account_sid ilike $1
         order by lower(name), slug limit $3"#,
        pattern,
        id as _,
        limit,
    )
    .fetch_all(db)
    .await
}

/// Customer users whose email or name matches `needle`, by email.
pub async fn users(db: &PgPool, needle: &str, limit: i64) -> sqlx::Result<Vec<UserHit>> {
    sqlx::query_as!(
        UserHit,
        r#"select u.app_user_id as "app_user_id: UserId", u.tenant_id as "tenant_id: TenantId",
            t.name as tenant_name, u.email, u.name
         from app_user u join tenant t on t.tenant_id = u.tenant_id
         where u.email ilike $1 or u.name ilike $1
         order by u.email, lower(t.name) limit $2"#,
        literal_contains_pattern(needle),
        limit,
    )
    .fetch_all(db)
    .await
}
