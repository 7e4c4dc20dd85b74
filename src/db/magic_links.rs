//! `magic_link` (single-use sign-in links, stored as token hashes) and `login_attempt` (the
//! DB-backed rate limit on requesting them).

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

/// Who a consumed link signs in, and where it leads.
#[derive(Debug, Clone, FromRow)]
pub struct ConsumedLink {
    /// The user the link was bound to.
    pub app_user_id: Uuid,
    /// That user's tenant.
    pub tenant_id: Uuid,
    /// The renewal the link was sent about, if any.
    pub renewal_id: Option<Uuid>,
}

/// A link that can no longer be used, with what is needed to offer a new one.
#[derive(Debug, Clone, FromRow)]
pub struct SpentLink {
    /// The renewal it was sent about, if any.
    pub renewal_id: Option<Uuid>,
    /// Whether it was used (otherwise it expired).
    pub used: bool,
}

/// Stores a new link for `app_user_id` (its tenant is looked up, so the link can never be
/// bound to a user and another tenant).
#[tracing::instrument(skip_all, fields(%app_user_id))]
pub async fn insert_link(
    db: &PgPool,
    app_user_id: Uuid,
    token_hash: &[u8],
    renewal_id: Option<Uuid>,
    expires_at: OffsetDateTime,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into magic_link (tenant_id, app_user_id, token_hash, renewal_id, expires_at)
         select u.tenant_id, u.app_user_id, $2, r.renewal_id, $4
         from app_user u
         left join renewal r on r.renewal_id = $3 and r.tenant_id = u.tenant_id
         where u.app_user_id = $1
         returning magic_link_id",
    )
    .bind(app_user_id)
    .bind(token_hash)
    .bind(renewal_id)
    .bind(expires_at)
    .fetch_one(db)
    .await
}

/// Marks the link used, atomically: only an unused, unexpired link is consumed, and only once.
#[tracing::instrument(skip_all)]
pub async fn consume_link(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<ConsumedLink>> {
    sqlx::query_as(
        "update magic_link set used_at = now()
         where token_hash = $1 and used_at is null and expires_at > now()
         returning app_user_id, tenant_id, renewal_id",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// The address a link that is still usable is bound to (None when it is used, expired or
/// unknown). Reading it changes nothing, so a mail scanner's `GET` leaves the link as it was.
#[tracing::instrument(skip_all)]
pub async fn find_usable_link(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "select u.email from magic_link m join app_user u using (app_user_id)
         where m.token_hash = $1 and m.used_at is null and m.expires_at > now()",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// A known link that is used or expired (None for a token that never existed).
#[tracing::instrument(skip_all)]
pub async fn find_spent_link(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<SpentLink>> {
    sqlx::query_as(
        "select m.renewal_id, m.used_at is not null as used
         from magic_link m where m.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// Counts one attempt in each bucket and says whether every bucket is still within its limit
/// (`max` attempts within `window`, this one included). Serialised per bucket with an advisory
/// lock so that concurrent requests, from any process, cannot all slip under the limit.
#[tracing::instrument(skip_all)]
pub async fn record_attempt(
    db: &PgPool,
    buckets: &[(&str, i64)],
    window: time::Duration,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let mut allowed = true;
    for (bucket, max) in buckets {
        sqlx::query("select pg_advisory_xact_lock(hashtextextended($1, 7))")
            .bind(bucket)
            .execute(&mut *tx)
            .await?;
        let recent: i64 = sqlx::query_scalar(
            "select count(*) from login_attempt
             where bucket = $1 and created_at > now() - make_interval(secs => $2)",
        )
        .bind(bucket)
        .bind(window.as_seconds_f64())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("insert into login_attempt (bucket) values ($1)")
            .bind(bucket)
            .execute(&mut *tx)
            .await?;
        if recent >= *max {
            allowed = false;
        }
    }
    // Old attempts are of no further use.
    sqlx::query("delete from login_attempt where created_at < now() - interval '1 day'")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(allowed)
}
