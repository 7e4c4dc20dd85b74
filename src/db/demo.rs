//! What `recomply demo` asks of its database: whether it was seeded, starting over, and a
//! customer to print a sign-in link for.

use sqlx::PgPool;

use crate::domain::ids::TenantId;
use crate::domain::ids::UserId;

/// How many tenants exist.
pub async fn tenant_count(db: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "count!" from tenant"#)
        .fetch_one(db)
        .await
}

/// How many tenants the demo did not seed (0 on a database never migrated).
pub async fn foreign_tenant_count(db: &PgPool) -> sqlx::Result<i64> {
    let migrated: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from information_schema.columns
                        where table_schema = 'public' and table_name = 'tenant'
                          and column_name = 'demo') as "exists!""#
    )
    .fetch_one(db)
    .await?;
    let has_tenants: bool =
        sqlx::query_scalar!(r#"select to_regclass('public.tenant') is not null as "value!""#)
            .fetch_one(db)
            .await?;
    match (has_tenants, migrated) {
        (false, _) => Ok(0),
        // Tenants from before the demo marker existed: none of them is known to be a demo's.
        (true, false) => {
            sqlx::query_scalar!(r#"select count(*) as "count!" from tenant"#)
                .fetch_one(db)
                .await
        }
        (true, true) => {
            sqlx::query_scalar!(r#"select count(*) as "count!" from tenant where not demo"#)
                .fetch_one(db)
                .await
        }
    }
}

/// Marks `tenant_id` as seeded by the demo.
pub async fn mark_demo_tenant(db: &PgPool, tenant_id: TenantId) -> sqlx::Result<()> {
    sqlx::query!(
        "update tenant set demo = true where tenant_id = $1",
        tenant_id as _,
    )
    .execute(db)
    .await
    .map(drop)
}

/// Drops every table (with the migrations record) and the session store: an empty database.
pub async fn drop_everything(db: &PgPool) -> sqlx::Result<()> {
    for statement in [
        "drop schema if exists public cascade",
        "create schema public",
        "drop schema if exists tower_sessions cascade",
    ] {
        sqlx::query(statement).execute(db).await?;
    }
    Ok(())
}

/// The first customer user ever created: (app_user_id, email).
pub async fn first_customer(db: &PgPool) -> sqlx::Result<Option<(UserId, String)>> {
    sqlx::query!(
        r#"select app_user_id as "app_user_id: UserId", email from app_user order by created_at,
            email limit 1"#
    )
    .map(|row| (row.app_user_id, row.email))
    .fetch_optional(db)
    .await
}
