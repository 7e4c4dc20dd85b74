//! `api_idempotency`: the first response to each API POST that carried an `Idempotency-Key`,
//! kept for 24 hours so a retry gets the same answer instead of doing the work twice.

use serde_json::Value;
use sqlx::{FromRow, PgPool};

use crate::domain::ids::ApiKeyId;

/// What is stored under a key.
#[derive(Debug, Clone, FromRow)]
pub struct StoredRequest {
    /// Hash of the request it was first used with (method, path and body).
    pub request_hash: Vec<u8>,
    /// The response status, or None while that request is still running.
    pub status: Option<i16>,
    /// The response body.
    pub body: Option<Value>,
}

/// Claims `idempotency_key` for a new request; returns what is already stored under it when
/// it was used within the last 24 hours (older entries are forgotten first).
pub async fn claim(
    db: &PgPool,
    api_key_id: ApiKeyId,
    idempotency_key: &str,
    request_hash: &[u8],
) -> sqlx::Result<Option<StoredRequest>> {
    sqlx::query!(
        "delete from api_idempotency
         where api_key_id = $1 and created_at < now() - interval '24 hours'",
        api_key_id as _,
    )
    .execute(db)
    .await?;
    let claimed = sqlx::query!(
        "insert into api_idempotency (api_key_id, idempotency_key, request_hash)
         values ($1, $2, $3) on conflict do nothing",
        api_key_id as _,
        idempotency_key,
        request_hash,
    )
    .execute(db)
    .await?;
    if claimed.rows_affected() == 1 {
        return Ok(None);
    }
    sqlx::query_as!(
        StoredRequest,
        "select request_hash, status, body from api_idempotency
         where api_key_id = $1 and idempotency_key = $2",
        api_key_id as _,
        idempotency_key,
    )
    .fetch_optional(db)
    .await
}

/// Stores the response of the request that claimed the key.
pub async fn complete(
    db: &PgPool,
    api_key_id: ApiKeyId,
    idempotency_key: &str,
    status: u16,
    body: &Value,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update api_idempotency set status = $3, body = $4
         where api_key_id = $1 and idempotency_key = $2",
        api_key_id as _,
        idempotency_key,
        i16::try_from(status).unwrap_or(500),
        body,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Gives the key up again (the request failed on our side, so a retry may run it afresh).
pub async fn release(db: &PgPool, api_key_id: ApiKeyId, idempotency_key: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from api_idempotency where api_key_id = $1 and idempotency_key = $2",
        api_key_id as _,
        idempotency_key,
    )
    .execute(db)
    .await?;
    Ok(())
}
