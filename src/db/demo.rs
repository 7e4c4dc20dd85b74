//! What `recomply demo` asks of its database: whether it was seeded, starting over, and a
//! customer to print a sign-in link for.

use sqlx::PgPool;
use uuid::Uuid;

/// How many tenants exist.
pub async fn tenant_count(db: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(db)
        .await
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
pub async fn first_customer(db: &PgPool) -> sqlx::Result<Option<(Uuid, String)>> {
    sqlx::query_as("select app_user_id, email from app_user order by created_at, email limit 1")
        .fetch_optional(db)
        .await
}
