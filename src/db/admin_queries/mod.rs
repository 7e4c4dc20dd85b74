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
    sqlx::query_as!(
        TenantOption,
        r#"select tenant_id as "tenant_id: TenantId", name from tenant order by lower(name)"#,
    )
    .fetch_all(db)
    .await
}

/// Every country that has a bundle, for the country filter: one probe of
/// `bundle_country_idx` per country (a skip scan), not a read of every bundle.
pub async fn countries(db: &PgPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"with recursive country (iso_country) as (
             (select iso_country from bundle where iso_country is not null
              order by iso_country limit 1)
             union all
             select (select b.iso_country from bundle b where b.iso_country > country.iso_country
                     order by b.iso_country limit 1)
             from country where country.iso_country is not null
         )
         select iso_country as "iso_country!" from country where iso_country is not null"#
    )
    .fetch_all(db)
    .await
}
