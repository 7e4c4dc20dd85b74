//! `handoff_nonce`: the nonce of every accepted hand-off, so that each signed URL signs in
//! once. Rows whose URL has expired are pruned as new nonces arrive.

use sqlx::PgPool;
use time::OffsetDateTime;

/// Records `nonce` (valid until `expires_at`): `false` when it was used before. Prunes the
/// nonces of URLs that have expired (with a minute's margin) first.
#[tracing::instrument(skip_all)]
pub async fn record(db: &PgPool, nonce: &str, expires_at: OffsetDateTime) -> sqlx::Result<bool> {
    sqlx::query!("delete from handoff_nonce where expires_at < now() - interval '1 minute'")
        .execute(db)
        .await?;
    let inserted = sqlx::query!(
        "insert into handoff_nonce (nonce, expires_at) values ($1, $2)
         on conflict (nonce) do nothing",
        nonce,
        expires_at,
    )
    .execute(db)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
