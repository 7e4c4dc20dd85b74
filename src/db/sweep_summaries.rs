//! What each tenant's latest finished sweep found and did (one row per tenant), for the staff
//! "Last sweep" facts: "found 12 bundles, opened 2 renewals".

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::TenantId;

/// The counts of one finished sweep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct SweepSummary {
    /// Bundles read from Twilio.
    pub bundles_seen: i32,
    /// Renewals opened.
    pub renewals_opened: i32,
    /// Bundles that could not be mirrored.
    pub problems: i32,
    /// When the sweep finished.
    pub finished_at: OffsetDateTime,
}

/// Replaces the tenant's summary with a sweep that just finished.
pub async fn record(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundles_seen: usize,
    renewals_opened: usize,
    problems: usize,
) -> sqlx::Result<()> {
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    sqlx::query!(
        "insert into sweep_summary (tenant_id, bundles_seen, renewals_opened, problems)
         values ($1, $2, $3, $4)
         on conflict (tenant_id) do update
         set bundles_seen = excluded.bundles_seen, renewals_opened = excluded.renewals_opened,
             problems = excluded.problems, finished_at = now()",
        tenant_id as _,
        count(bundles_seen),
        count(renewals_opened),
        count(problems),
    )
    .execute(db)
    .await
    .map(drop)
}

/// The tenant's latest finished sweep, if any.
pub async fn latest(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Option<SweepSummary>> {
    sqlx::query_as!(
        SweepSummary,
        "select bundles_seen, renewals_opened, problems, finished_at
         from sweep_summary where tenant_id = $1",
        tenant_id as _,
    )
    .fetch_optional(db)
    .await
}
