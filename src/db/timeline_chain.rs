//! Reading the timeline's hash chain (see [`crate::domain::timeline_chain`]).

use sqlx::PgExecutor;

use crate::domain::ids::{RenewalEventId, RenewalId, TenantId};
use crate::domain::timeline_chain::ChainRow;

/// Tenants that have a chain, with their slugs, in slug order.
pub async fn chained_tenants(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(TenantId, String)>> {
    sqlx::query!(
        r#"select t.tenant_id as "tenant_id: TenantId", t.slug from tenant t
         where exists (select 1 from renewal_event e where e.tenant_id = t.tenant_id)
         order by t.slug"#
    )
    .map(|row| (row.tenant_id, row.slug))
    .fetch_all(db)
    .await
}

/// A tenant's whole chain, in chain order.
pub async fn tenant_chain(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<ChainRow>> {
    sqlx::query_as!(
        ChainRowRecord,
        r#"select renewal_event_id as "renewal_event_id: RenewalEventId", tenant_id as "tenant_id: TenantId", chain_seq,
            renewal_id as "renewal_id: RenewalId", from_state,
    to_state, cause, actor, details::text as "details_text!", created_at, prev_hash,
        row_hash from renewal_event where tenant_id = $1 order by chain_seq"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(ChainRow::from).collect())
}

/// One renewal's rows of its tenant's chain, in chain order (empty for another tenant's).
pub async fn renewal_chain(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Vec<ChainRow>> {
    sqlx::query_as!(
        ChainRowRecord,
        r#"select renewal_event_id as "renewal_event_id: RenewalEventId", tenant_id as "tenant_id: TenantId", chain_seq,
            renewal_id as "renewal_id: RenewalId", from_state,
    to_state, cause, actor, details::text as "details_text!", created_at, prev_hash,
        row_hash from renewal_event
         where tenant_id = $1 and renewal_id = $2 order by chain_seq"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(ChainRow::from).collect())
}

#[derive(sqlx::FromRow)]
struct ChainRowRecord {
    renewal_event_id: RenewalEventId,
    tenant_id: TenantId,
    chain_seq: i64,
    renewal_id: RenewalId,
    from_state: Option<String>,
    to_state: String,
    cause: String,
    actor: Option<String>,
    details_text: String,
    created_at: time::OffsetDateTime,
    prev_hash: String,
    row_hash: String,
}

impl From<ChainRowRecord> for ChainRow {
    fn from(r: ChainRowRecord) -> Self {
        Self {
            renewal_event_id: r.renewal_event_id,
            tenant_id: r.tenant_id,
            chain_seq: r.chain_seq,
            renewal_id: r.renewal_id,
            from_state: r.from_state,
            to_state: r.to_state,
            cause: r.cause,
            actor: r.actor,
            details_text: r.details_text,
            created_at: r.created_at,
            prev_hash: r.prev_hash,
            row_hash: r.row_hash,
        }
    }
}

/// A tenant's chain size and head (the last row's hash; none for an empty chain).
pub async fn chain_head(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<(i64, Option<String>)> {
    sqlx::query!(
        r#"select count(*) as "count!", (select row_hash from renewal_event where tenant_id = $1
                            order by chain_seq desc limit 1) as "value_1"
         from renewal_event where tenant_id = $1"#,
        tenant_id as _,
    )
    .map(|row| (row.count, row.value_1))
    .fetch_one(db)
    .await
}

/// The contiguous stretch of a tenant's chain from its first row written at or after `from`
/// to its last row written before `until`, in chain order (rows written in one transaction
/// share a time, so the stretch is chosen by position and has no holes).
pub async fn tenant_chain_between(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    from: time::OffsetDateTime,
    until: time::OffsetDateTime,
) -> sqlx::Result<Vec<ChainRow>> {
    sqlx::query_as!(
        ChainRowRecord,
        r#"select renewal_event_id as "renewal_event_id: RenewalEventId", tenant_id as "tenant_id: TenantId", chain_seq,
            renewal_id as "renewal_id: RenewalId", from_state,
    to_state, cause, actor, details::text as "details_text!", created_at, prev_hash,
        row_hash from renewal_event
         where tenant_id = $1
           and chain_seq >= (select min(chain_seq) from renewal_event
                             where tenant_id = $1 and created_at >= $2)
           and chain_seq <= (select max(chain_seq) from renewal_event
                             where tenant_id = $1 and created_at < $3)
         order by chain_seq"#,
        tenant_id as _,
        from,
        until,
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(ChainRow::from).collect())
}
