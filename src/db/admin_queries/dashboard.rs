//! Counts for the staff dashboard.

use sqlx::PgPool;
use time::OffsetDateTime;

use crate::domain::renewal_state::RenewalState;

/// How many bundles reach their deadline soon.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct DeadlineCounts {
    /// `valid_until` in the past, with the renewal still open.
    pub overdue: i64,
    /// `valid_until` within the next 7 days.
    pub within_7: i64,
    /// `valid_until` within the next 30 days (includes the 7).
    pub within_30: i64,
    /// Renewals that are still open.
    pub active_renewals: i64,
    /// Open renewals not (or no longer, after a rejection) submitted whose submit-by date has
    /// passed while the deadline has not: one rejection could no longer be fixed in time.
    pub past_submit_by: i64,
}

/// Renewals per state (only states that have any).
pub async fn renewals_by_state(db: &PgPool) -> sqlx::Result<Vec<(RenewalState, i64)>> {
    sqlx::query_as("select state, count(*) from renewal group by state")
        .fetch_all(db)
        .await
}

/// Bundles by days left, and the number of open renewals.
pub async fn deadline_counts(db: &PgPool) -> sqlx::Result<DeadlineCounts> {
    use crate::db::deadline::{days_between, past};
    sqlx::query_as(&format!(
        "select
           (select count(*) from bundle b where {overdue} and exists (
              select 1 from renewal r where r.bundle_id = b.bundle_id
                and r.state not in ('completed', 'expired', 'cancelled'))) as overdue,
           (select count(*) from bundle where {within_7}) as within_7,
           (select count(*) from bundle where {within_30}) as within_30,
           (select count(*) from renewal
             where state not in ('completed', 'expired', 'cancelled')) as active_renewals,
           (select count(*) from renewal
             where state = any($1) and {submit_by} < 0 and {deadline} >= 0) as past_submit_by",
        overdue = past("b.valid_until"),
        within_7 = days_between("valid_until", 0, 7),
        within_30 = days_between("valid_until", 0, 30),
        submit_by = crate::db::deadline::days_until("submit_by"),
        deadline = crate::db::deadline::days_until("deadline"),
    ))
    .bind(RenewalState::names_where(
        RenewalState::waits_for_submission,
    ))
    .fetch_one(db)
    .await
}

/// Every `valid_until` in `[from, until)` with the bundle's phone numbers (the chart buckets
/// them by days left).
pub async fn deadlines_between(
    db: &PgPool,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> sqlx::Result<Vec<(OffsetDateTime, i64)>> {
    sqlx::query_as(
        "select valid_until, number_count::int8 from bundle
         where valid_until >= $1 and valid_until < $2",
    )
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await
}
