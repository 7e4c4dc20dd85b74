//! Reading a pack's contents from the database, all in one read-only snapshot (so the
//! timeline, the evaluations, the documents and the chain head agree with each other).

use std::collections::BTreeSet;

use sqlx::PgPool;
use time::{Date, OffsetDateTime, Time};

use super::assemble::{StoredRenewal, renewal_evidence};
use super::pack::{EvidencePack, FORMAT_VERSION, PackChain, PackScope, PackTenant};
use crate::db::{PgTx, documents, evaluations, renewals, tenants, timeline_chain, webhook_events};
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::timeline_chain::{ChainRow, GENESIS_HASH};

/// The pack of one renewal; `None` when the tenant has no such renewal.
pub async fn renewal_pack(
    db: &PgPool,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Option<EvidencePack>> {
    let mut tx = crate::db::begin_read_snapshot(db).await?;
    let Some(renewal) = renewals::find(&mut *tx, tenant_id, renewal_id).await? else {
        return Ok(None);
    };
    let rows = timeline_chain::renewal_chain(&mut *tx, tenant_id, renewal_id).await?;
    let stored = stored_renewal(&mut tx, renewal, rows).await?;
    let scope = PackScope::Renewal { renewal_id };
    pack(&mut tx, tenant_id, scope, vec![stored]).await
}

/// The pack of every timeline row a tenant wrote from `from` to `to` (UTC days, inclusive)
/// and of the renewals they belong to; `None` for an unknown tenant.
pub async fn tenant_range_pack(
    db: &PgPool,
    tenant_id: TenantId,
    from: Date,
    to: Date,
) -> sqlx::Result<Option<EvidencePack>> {
    let mut tx = crate::db::begin_read_snapshot(db).await?;
    let start = OffsetDateTime::new_utc(from, Time::MIDNIGHT);
    let until = OffsetDateTime::new_utc(to.next_day().unwrap_or(to), Time::MIDNIGHT);
    let rows = timeline_chain::tenant_chain_between(&mut *tx, tenant_id, start, until).await?;
    let ids: BTreeSet<RenewalId> = rows.iter().map(|row| row.renewal_id).collect();
    let mut covered = Vec::new();
    for renewal_id in ids {
        let Some(renewal) = renewals::find(&mut *tx, tenant_id, renewal_id).await? else {
            continue;
        };
        let own = rows
            .iter()
            .filter(|row| row.renewal_id == renewal_id)
            .cloned()
            .collect();
        covered.push(stored_renewal(&mut tx, renewal, own).await?);
    }
    covered.sort_by_key(|stored| stored.rows.first().map(|row| row.chain_seq));
    pack(
        &mut tx,
        tenant_id,
        PackScope::TenantRange { from, to },
        covered,
    )
    .await
}

async fn stored_renewal(
    tx: &mut PgTx<'_>,
    renewal: renewals::Renewal,
    rows: Vec<ChainRow>,
) -> sqlx::Result<StoredRenewal> {
    let (tenant_id, renewal_id) = (renewal.tenant_id, renewal.renewal_id);
    Ok(StoredRenewal {
        evaluations: evaluations::list_for_renewal(&mut **tx, tenant_id, renewal_id).await?,
        documents: documents::list_for_renewal(&mut **tx, tenant_id, renewal_id).await?,
        renewal,
        rows,
    })
}

async fn pack(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    scope: PackScope,
    covered: Vec<StoredRenewal>,
) -> sqlx::Result<Option<EvidencePack>> {
    let Some((tenant_id, slug, name)) = tenants::identity(&mut **tx, tenant_id).await? else {
        return Ok(None);
    };
    let (tenant_rows, head) = timeline_chain::chain_head(&mut **tx, tenant_id).await?;
    let generated_at = webhook_events::database_now(&mut **tx).await?;
    let renewals: Vec<_> = covered.iter().map(renewal_evidence).collect();
    Ok(Some(EvidencePack {
        format_version: FORMAT_VERSION,
        generator: format!("recomply {}", env!("CARGO_PKG_VERSION")),
        generated_at,
        scope,
        tenant: PackTenant {
            tenant_id,
            slug,
            name,
        },
        chain: PackChain {
            tenant_rows,
            head_hash: head.unwrap_or_else(|| GENESIS_HASH.to_owned()),
            rows_in_pack: renewals.iter().map(|r| r.timeline.len()).sum(),
        },
        renewals,
    }))
}
