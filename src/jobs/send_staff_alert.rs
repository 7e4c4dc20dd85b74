//! Emails every staff member about one fleet-level problem (see
//! `lifecycle::notifications::staff_alerts`).

use super::{JobContext, RunJob};
use crate::lifecycle::notifications::staff_alerts;
pub use crate::queue::send_staff_alert::{JOB_NAME, SendStaffAlert};

impl RunJob for SendStaffAlert {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let sent = staff_alerts::deliver(&ctx.engine, self.staff_alert_id).await?;
        tracing::info!(staff_alert_id = %self.staff_alert_id, sent, "staff alert sent");
        Ok(())
    }
}
