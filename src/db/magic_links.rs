//! `magic_link` (emailed links, stored as token hashes: single-use sign-in links and reusable
//! renewal links) and `login_attempt` (the DB-backed rate limit on requesting them).

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use super::PgTx;
use crate::domain::ids::{MagicLinkId, RenewalId, TenantId, UserId};
use crate::domain::link_kind::LinkKind;

// When a link is usable (`m` is the `magic_link` row): unexpired, not revoked, unused unless
// it is a renewal link, and a renewal link only while its renewal is open. The one rule for
// showing and for consuming a link.
// (Written out in each statement that uses it: the query macros read whole SQL.)

/// A link to store.
#[derive(Debug, Clone, Copy)]
pub struct NewLink<'a> {
    /// The user it signs in.
    pub app_user_id: UserId,
    /// The keyed hash of its token.
    pub token_hash: &'a [u8],
    /// The renewal it opens (required for a renewal link).
    pub renewal_id: Option<RenewalId>,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
    /// When it stops working.
    pub expires_at: OffsetDateTime,
}

/// A known link, usable or not, with what is needed to offer its owner a fresh one.
#[derive(Debug, Clone, FromRow)]
pub struct LinkOwner {
    /// The user the link was bound to.
    pub app_user_id: UserId,
    /// That user's tenant.
    pub tenant_id: TenantId,
    /// The renewal it was sent about, if any.
    pub renewal_id: Option<RenewalId>,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
    /// Whether that renewal is still open.
    pub renewal_open: bool,
}

/// Who a consumed link signs in, and where it leads.
#[derive(Debug, Clone, FromRow)]
pub struct ConsumedLink {
    /// The user the link was bound to.
    pub app_user_id: UserId,
    /// That user's tenant.
    pub tenant_id: TenantId,
    /// The renewal the link was sent about, if any.
    pub renewal_id: Option<RenewalId>,
}

/// A link that can no longer be used, with what is needed to offer a new one.
#[derive(Debug, Clone, FromRow)]
pub struct SpentLink {
    /// The renewal it was sent about, if any.
    pub renewal_id: Option<RenewalId>,
    /// Whether it was used (otherwise it expired or was revoked).
    pub used: bool,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
}

/// Stores a new link for `app_user_id` (its tenant is looked up, so the link can never be
/// bound to a user and another tenant). A renewal link whose renewal is not of that tenant is
/// not stored (`None`).
#[tracing::instrument(skip_all, fields(app_user_id = %link.app_user_id, kind = %link.kind))]
pub async fn insert_link(db: &PgPool, link: &NewLink<'_>) -> sqlx::Result<Option<MagicLinkId>> {
    sqlx::query_scalar!(
        r#"insert into magic_link (tenant_id, app_user_id, token_hash, renewal_id, expires_at, kind)
         select u.tenant_id, u.app_user_id, $2, r.renewal_id, $4, $5
         from app_user u
         left join renewal r on r.renewal_id = $3 and r.tenant_id = u.tenant_id
         where u.app_user_id = $1 and ($5 <> 'renewal' or r.renewal_id is not null)
         returning magic_link_id as "magic_link_id: MagicLinkId""#,
        link.app_user_id as _,
        link.token_hash,
        link.renewal_id as _,
        link.expires_at,
        link.kind.as_str(),
    )
    .fetch_optional(db)
    .await
}

/// Uses the link, atomically: a sign-in link only once, a renewal link as often as it stays
/// usable (the rule at the top of this file).
#[tracing::instrument(skip_all)]
pub async fn consume_link(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<ConsumedLink>> {
    sqlx::query_as!(
        ConsumedLink,
        r#"update magic_link m set used_at = coalesce(m.used_at, now()), last_used_at = now()
         where m.token_hash = $1 and m.expires_at > now() and m.revoked_at is null
     and (m.kind = 'renewal' or m.used_at is null)
     and (m.kind <> 'renewal' or exists (select 1 from renewal r
          where r.renewal_id = m.renewal_id
            and renewal_is_open(r.state)))
         returning m.app_user_id as "app_user_id: UserId",
             m.tenant_id as "tenant_id: TenantId", m.renewal_id as "renewal_id: RenewalId""#,
        token_hash,
    )
    .fetch_optional(db)
    .await
}

/// The address a link that is still usable is bound to (None when it is spent, expired,
/// revoked or unknown). Reading it changes nothing, so a mail scanner's `GET` leaves the link
/// as it was.
#[tracing::instrument(skip_all)]
pub async fn find_usable_link(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select u.email from magic_link m join app_user u using (app_user_id)
         where m.token_hash = $1 and m.expires_at > now() and m.revoked_at is null
     and (m.kind = 'renewal' or m.used_at is null)
     and (m.kind <> 'renewal' or exists (select 1 from renewal r
          where r.renewal_id = m.renewal_id
            and renewal_is_open(r.state)))",
        token_hash,
    )
    .fetch_optional(db)
    .await
}

/// A known link that can no longer be used (None for a token that never existed).
#[tracing::instrument(skip_all)]
pub async fn find_spent_link(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<SpentLink>> {
    sqlx::query_as!(
        SpentLink,
        r#"select m.renewal_id as "renewal_id: RenewalId", m.kind as "kind: LinkKind",
            m.used_at is not null and m.kind = 'sign_in' as "used!"
         from magic_link m where m.token_hash = $1"#,
        token_hash,
    )
    .fetch_optional(db)
    .await
}

/// Whom a known link (usable or not) belongs to.
#[tracing::instrument(skip_all)]
pub async fn find_owner(db: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<LinkOwner>> {
    sqlx::query_as!(
        LinkOwner,
        r#"select m.app_user_id as "app_user_id: UserId", m.tenant_id as "tenant_id: TenantId",
            m.renewal_id as "renewal_id: RenewalId", m.kind as "kind: LinkKind",
             coalesce(renewal_is_open(r.state), false) as "renewal_open!"
         from magic_link m
         left join renewal r on r.renewal_id = m.renewal_id and r.tenant_id = m.tenant_id
         where m.token_hash = $1"#,
        token_hash,
    )
    .fetch_optional(db)
    .await
}

/// Revokes every renewal link of the renewal still in force, in `tx`; returns how many.
/// `reason` is the renewal's closing state or `staff`.
pub async fn revoke_for_renewal(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    reason: &str,
) -> sqlx::Result<u64> {
    sqlx::query!(
        "update magic_link set revoked_at = now(), revoked_reason = $3
         where tenant_id = $1 and renewal_id = $2 and kind = 'renewal'
           and revoked_at is null and expires_at > now()",
        tenant_id as _,
        renewal_id as _,
        reason,
    )
    .execute(&mut **tx)
    .await
    .map(|done| done.rows_affected())
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
        sqlx::query!(
            "select pg_advisory_xact_lock(hashtextextended($1, 7))",
            bucket,
        )
        .execute(&mut *tx)
        .await?;
        let recent: i64 = sqlx::query_scalar!(
            r#"select count(*) as "count!" from login_attempt
             where bucket = $1 and created_at > now() - make_interval(secs => $2)"#,
            bucket,
            window.as_seconds_f64(),
        )
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query!("insert into login_attempt (bucket) values ($1)", bucket)
            .execute(&mut *tx)
            .await?;
        if recent >= *max {
            allowed = false;
        }
    }
    // Old attempts are of no further use.
    sqlx::query!("delete from login_attempt where created_at < now() - interval '1 day'")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(allowed)
}
