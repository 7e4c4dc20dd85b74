//! Makes tenants of the subaccounts in one request (see
//! `lifecycle::parent_account::create_tenants`); a retry picks up only those still waiting.

use super::{JobContext, RunJob};
pub use crate::queue::create_subaccount_tenants::{CreateSubaccountTenants, JOB_NAME};

impl RunJob for CreateSubaccountTenants {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::parent_account::create_tenants(&ctx.engine, self.batch_id).await
    }
}
