//! Read-only queries behind the support staff view. They read across every tenant on purpose:
//! only `/admin` (signed-in staff) calls them.

pub mod bundles;
pub mod dashboard;
pub mod filter;
pub mod ops;
pub mod outbox;
pub mod renewals;
pub mod search;
pub mod tenants;

use sqlx::PgPool;

use crate::domain::ids::TenantId;

/// A tenant for filter drop-downs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TenantOption {
    /// Primary key.
    pub tenant_id: TenantId,
    /// Display name.
    pub name: String,
}

/// Every tenant, by name.
pub async fn tenant_options(db: &PgPool) -> sqlx::Result<Vec<TenantOption>> {
    sqlx::query_as("select tenant_id, name from tenant order by lower(name)")
        .fetch_all(db)
        .await
}

/// Every country that has a bundle, for the country filter.
pub async fn countries(db: &PgPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select distinct iso_country from bundle where iso_country is not null order by 1",
    )
    .fetch_all(db)
    .await
}
