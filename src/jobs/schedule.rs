//! Starting the self-rescheduling periodic jobs (idempotent thanks to their dedupe keys).

use sqlx::PgPool;

use super::check_reminders::CheckReminders;
use super::discover_subaccounts::DiscoverSubaccounts;
use super::prune_jobs::PruneJobs;
use super::sweep_all_tenants::SweepAllTenants;

/// Makes sure the periodic sweep, reminder check, subaccount discovery and job pruning are
/// scheduled: due now if neither pending
/// nor running, otherwise left at their scheduled time.
pub async fn ensure_periodic_jobs(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    crate::queue::enqueue_if_absent(&mut tx, &SweepAllTenants::default()).await?;
    crate::queue::enqueue_if_absent(&mut tx, &CheckReminders::default()).await?;
    crate::queue::enqueue_if_absent(&mut tx, &PruneJobs::default()).await?;
    crate::queue::enqueue_if_absent(&mut tx, &DiscoverSubaccounts::scheduled()).await?;
    tx.commit().await?;
    Ok(())
}
