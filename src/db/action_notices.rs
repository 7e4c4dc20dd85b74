//! The `action_notice` table: renewals whose customers must act, held until a digest email
//! carries them (see `lifecycle::notifications::digest`). A notice is *held* (no digest yet),
//! *claimed* (in a digest not yet delivered) or *delivered*.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::{NotificationId, RenewalId, TenantId};

use super::PgTx;

/// The renewals one digest carries, under the id its deliveries are recorded with.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Digest {
    /// The delivery key of every recipient's email.
    pub digest_id: NotificationId,
    /// The renewals, oldest notice first, each once.
    pub renewal_ids: Vec<RenewalId>,
}

/// Holds a notice that `renewal_id` needs its customers' action, in the caller's transaction.
pub async fn hold(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into action_notice (tenant_id, renewal_id) values ($1, $2)",
        tenant_id as _,
        renewal_id as _,
    )
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// Makes the caller's transaction the only one working on `tenant_id`'s digests until it ends
/// (another worker running a digest job of the same tenant waits here).
pub async fn lock_tenant(tx: &mut PgTx<'_>, tenant_id: TenantId) -> sqlx::Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('action_digest:' || $1::text, 0))",
        tenant_id as _,
    )
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// The tenant's oldest digest that was claimed but not delivered (a crash or a failed attempt
/// left it): it is finished under its own id before anything new is claimed.
pub async fn unfinished(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Option<Digest>> {
    sqlx::query_as!(
        Digest,
        r#"select digest_id as "digest_id!: NotificationId", array_agg(distinct renewal_id) as "renewal_ids!: Vec<RenewalId>"
         from action_notice
         where tenant_id = $1 and digest_id is not null and delivered_at is null
         group by digest_id
         order by min(created_at)
         limit 1"#,
        tenant_id as _,
    )
    .fetch_optional(db)
    .await
}

/// When the tenant's oldest held notice was made, if any is held.
pub async fn oldest_held(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Option<OffsetDateTime>> {
    sqlx::query_scalar!(
        "select min(created_at) from action_notice where tenant_id = $1 and digest_id is null",
        tenant_id as _,
    )
    .fetch_one(db)
    .await
}

/// Claims the tenant's held notices (all of them, or only the oldest when `only_oldest`) for a
/// new digest; `None` when none is held.
pub async fn claim_held(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    only_oldest: bool,
) -> sqlx::Result<Option<Digest>> {
    sqlx::query_as!(
        Digest,
        r#"with picked as (
             select action_notice_id from action_notice
             where tenant_id = $1 and digest_id is null
             order by created_at, action_notice_id
             limit case when $2 then 1 end
             for update skip locked
         ), claimed as (
             update action_notice n set digest_id = $3
             from picked where n.action_notice_id = picked.action_notice_id
             returning n.renewal_id
         )
         select $3 as "digest_id!: NotificationId",
             array_agg(distinct renewal_id) as "renewal_ids!: Vec<RenewalId>"
         from claimed
         having count(*) > 0"#,
        tenant_id as _,
        only_oldest,
        NotificationId::random() as _,
    )
    .fetch_optional(db)
    .await
}

/// Marks every notice of `digest_id` delivered.
pub async fn mark_delivered(
    db: impl PgExecutor<'_>,
    digest_id: NotificationId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update action_notice set delivered_at = now()
         where digest_id = $1 and delivered_at is null",
        digest_id as _,
    )
    .execute(db)
    .await
    .map(drop)
}
