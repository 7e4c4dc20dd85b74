//! Creates (or adopts) the copy of a newly detected renewal and reads it into the snapshot.

use super::{JobContext, RunJob};
pub use crate::queue::prepare_renewal::{JOB_NAME, PrepareRenewal};

impl RunJob for PrepareRenewal {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        crate::lifecycle::preparation::prepare(&ctx.engine, self.tenant_id, self.renewal_id).await
    }
}
