//! The periodic sweep: every `RECOMPLY_SWEEP_INTERVAL_SECS`, enqueue a sweep of each tenant
//! that has credentials, then schedule the next round (same dedupe key).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::sweep_tenant::SweepTenant;
use super::{BackgroundJob, JobContext};
use crate::lifecycle::tenants;

/// The job name.
pub const JOB_NAME: &str = "sweep_all_tenants";

/// Payload: none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SweepAllTenants {}

impl BackgroundJob for SweepAllTenants {
    const JOB_NAME: &'static str = JOB_NAME;

    fn dedupe_key(&self) -> Option<String> {
        Some("sweep-all".into())
    }

    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let mut tx = engine.db.begin().await?;
        for tenant_id in tenants::with_credentials(&mut *tx).await? {
            super::enqueue(&mut tx, &SweepTenant { tenant_id }).await?;
        }
        let next = OffsetDateTime::now_utc() + engine.settings.sweep_interval;
        super::enqueue_at(&mut tx, &self, next).await?;
        tx.commit().await?;
        Ok(())
    }
}
