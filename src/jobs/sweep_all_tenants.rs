//! The periodic sweep: every `RECOMPLY_SWEEP_INTERVAL_SECS`, enqueue a sweep of each tenant
//! that has credentials, then schedule the next round (same dedupe key).

use super::sweep_tenant::SweepTenant;
use super::{JobContext, RunJob};
use crate::lifecycle::tenants;
pub use crate::queue::sweep_all_tenants::{JOB_NAME, SweepAllTenants};
use time::OffsetDateTime;

impl RunJob for SweepAllTenants {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let mut tx = engine.db.begin().await?;
        for tenant_id in tenants::with_credentials(&mut *tx).await? {
            crate::queue::enqueue(&mut tx, &SweepTenant { tenant_id }).await?;
        }
        let next = OffsetDateTime::now_utc() + engine.settings.sweep_interval;
        crate::queue::enqueue_at(&mut tx, &self, next).await?;
        tx.commit().await?;
        Ok(())
    }
}
