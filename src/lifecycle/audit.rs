//! `recomply audit verify`: every tenant's timeline chain recomputed and checked.

use sqlx::PgPool;

use crate::db::timeline_chain;
use crate::domain::ids::TenantId;
use crate::domain::timeline_chain::{ChainCheck, verify};

/// One tenant's chain and its check.
#[derive(Debug, Clone)]
pub struct TenantChainReport {
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its slug.
    pub slug: String,
    /// The outcome.
    pub check: ChainCheck,
}

impl TenantChainReport {
    /// One line for people, e.g. `acme: 12 rows, intact, head 3f…`.
    pub fn line(&self) -> String {
        match &self.check.first_break {
            None => format!(
                "{} ({}): {} rows, intact, head {}",
                self.slug, self.tenant_id, self.check.rows, self.check.head_hash
            ),
            Some(broken) => format!(
                "{} ({}): BROKEN at renewal_event {} (position {}): {}",
                self.slug, self.tenant_id, broken.renewal_event_id, broken.chain_seq, broken.fault
            ),
        }
    }
}

/// Checks every tenant's chain (tenants in slug order).
pub async fn verify_all(db: &PgPool) -> sqlx::Result<Vec<TenantChainReport>> {
    let mut reports = Vec::new();
    for (tenant_id, slug) in timeline_chain::chained_tenants(db).await? {
        let rows = timeline_chain::tenant_chain(db, tenant_id).await?;
        reports.push(TenantChainReport {
            tenant_id,
            slug,
            check: verify(&rows),
        });
    }
    Ok(reports)
}
