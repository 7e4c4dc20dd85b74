//! `api_key` (keys for the JSON API, stored as keyed hashes) and `api_rate_window` (requests
//! per key per minute). Keys are the ISV's, not a tenant's: admin staff manage all of them; a
//! key restricted to a tenant carries its `tenant_id`.

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use crate::domain::api_scope::ApiScope;
use crate::domain::ids::{ApiKeyId, TenantId};

/// A key as the admin page lists it (never its hash).
#[derive(Debug, Clone, FromRow)]
pub struct ApiKey {
    /// Primary key (also the visible part of the key).
    pub api_key_id: ApiKeyId,
    /// What the admin called it.
    pub name: String,
    /// What it may do.
    pub scope: ApiScope,
    /// The only tenant it may see, if restricted.
    pub tenant_id: Option<TenantId>,
    /// That tenant's name.
    pub tenant_name: Option<String>,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: OffsetDateTime,
    /// Its last successful request.
    pub last_used_at: Option<OffsetDateTime>,
    /// When it was revoked (it no longer works).
    pub revoked_at: Option<OffsetDateTime>,
}

/// What authenticating a request needs.
#[derive(Debug, Clone, FromRow)]
pub struct KeyCredentials {
    /// Primary key.
    pub api_key_id: ApiKeyId,
    /// What it may do.
    pub scope: ApiScope,
    /// The only tenant it may see, if restricted.
    pub tenant_id: Option<TenantId>,
    /// The keyed hash of its secret.
    pub secret_hash: Vec<u8>,
}

/// A key to store.
#[derive(Debug, Clone)]
pub struct NewApiKey<'a> {
    /// Its id (part of the key text, so chosen before the secret is made).
    pub api_key_id: ApiKeyId,
    /// 1–100 characters.
    pub name: &'a str,
    /// What it may do.
    pub scope: ApiScope,
    /// Restrict it to this tenant.
    pub tenant_id: Option<TenantId>,
    /// The keyed hash of its secret.
    pub secret_hash: &'a [u8],
    /// The staff member creating it.
    pub created_by: &'a str,
}

/// Stores a new key.
#[tracing::instrument(skip_all, fields(api_key_id = %key.api_key_id))]
pub async fn create(db: &PgPool, key: &NewApiKey<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into api_key (api_key_id, name, scope, tenant_id, secret_hash, created_by)
         values ($1, $2, $3, $4, $5, $6)",
        key.api_key_id as _,
        key.name,
        key.scope as _,
        key.tenant_id as _,
        key.secret_hash,
        key.created_by,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Every key, working ones first, newest first.
pub async fn list(db: &PgPool) -> sqlx::Result<Vec<ApiKey>> {
    sqlx::query_as!(
        ApiKey,
        r#"select k.api_key_id as "api_key_id: ApiKeyId", k.name, k.scope as "scope: ApiScope",
                k.tenant_id as "tenant_id: TenantId", t.name as "tenant_name?", k.created_by,
                k.created_at, k.last_used_at, k.revoked_at
         from api_key k left join tenant t on t.tenant_id = k.tenant_id
         order by k.revoked_at is not null, k.created_at desc, k.api_key_id desc"#,
    )
    .fetch_all(db)
    .await
}

/// The credentials of a key that is not revoked.
pub async fn find_active(
    db: &PgPool,
    api_key_id: ApiKeyId,
) -> sqlx::Result<Option<KeyCredentials>> {
    sqlx::query_as!(
        KeyCredentials,
        r#"select api_key_id as "api_key_id: ApiKeyId", scope as "scope: ApiScope",
                tenant_id as "tenant_id: TenantId", secret_hash from api_key
         where api_key_id = $1 and revoked_at is null"#,
        api_key_id as _,
    )
    .fetch_optional(db)
    .await
}

/// Records a successful authentication (written at most once a second per key).
pub async fn touch(db: &PgPool, api_key_id: ApiKeyId) -> sqlx::Result<()> {
    sqlx::query!(
        "update api_key set last_used_at = now()
         where api_key_id = $1
           and (last_used_at is null or last_used_at < now() - interval '1 second')",
        api_key_id as _,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Revokes a key; false when it does not exist or was already revoked.
#[tracing::instrument(skip_all, fields(%api_key_id))]
pub async fn revoke(db: &PgPool, api_key_id: ApiKeyId, revoked_by: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update api_key set revoked_at = now(), revoked_by = $2
         where api_key_id = $1 and revoked_at is null",
        api_key_id as _,
        revoked_by,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts one request of `api_key_id` in the current one-minute window and returns the
/// window's count (this request included) and its start. One statement, so concurrent
/// requests from any process each get their own number.
pub async fn count_request(
    db: &PgPool,
    api_key_id: ApiKeyId,
) -> sqlx::Result<(i32, OffsetDateTime)> {
    let counted = sqlx::query!(
        "insert into api_rate_window (api_key_id, window_start, requests)
         values ($1, date_trunc('minute', now()), 1)
         on conflict (api_key_id, window_start)
             do update set requests = api_rate_window.requests + 1
         returning requests, window_start",
        api_key_id as _,
    )
    .map(|row| (row.requests, row.window_start))
    .fetch_one(db)
    .await?;
    // The first request of a window clears the key's older windows.
    if counted.0 == 1 {
        sqlx::query!(
            "delete from api_rate_window where api_key_id = $1 and window_start < $2",
            api_key_id as _,
            counted.1,
        )
        .execute(db)
        .await?;
    }
    Ok(counted)
}

/// How the timeline names an action taken with a key: `API key "name"`.
pub async fn actor_name(db: &PgPool, api_key_id: ApiKeyId) -> sqlx::Result<String> {
    let name = sqlx::query_scalar!(
        "select name from api_key where api_key_id = $1",
        api_key_id as _,
    )
    .fetch_optional(db)
    .await?;
    Ok(format!("API key \"{}\"", name.unwrap_or_default()))
}
