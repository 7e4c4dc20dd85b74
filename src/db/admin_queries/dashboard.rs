//! Counts for the staff dashboard.

use sqlx::PgPool;

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
}

/// Renewals per state (only states that have any).
pub async fn renewals_by_state(db: &PgPool) -> sqlx::Result<Vec<(RenewalState, i64)>> {
    sqlx::query_as("select state, count(*) from renewal group by state")
        .fetch_all(db)
        .await
}

/// Bundles by days left, and the number of open renewals.
pub async fn deadline_counts(db: &PgPool) -> sqlx::Result<DeadlineCounts> {
    sqlx::query_as(
        "select
           (select count(*) from bundle b where b.valid_until < now() and exists (
              select 1 from renewal r where r.bundle_id = b.bundle_id
                and r.state not in ('completed', 'expired', 'cancelled'))) as overdue,
           (select count(*) from bundle
             where valid_until >= now() and valid_until <= now() + interval '7 days') as within_7,
           (select count(*) from bundle
             where valid_until >= now() and valid_until <= now() + interval '30 days') as within_30,
           (select count(*) from renewal
             where state not in ('completed', 'expired', 'cancelled')) as active_renewals",
    )
    .fetch_one(db)
    .await
}

/// Bundles whose `valid_until` falls in each of the next `weeks` weeks (week 0 starts now).
pub async fn deadlines_per_week(db: &PgPool, weeks: i32) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i32, i64)> = sqlx::query_as(
        "select floor(extract(epoch from (valid_until - now())) / 604800)::int as week, count(*)
         from bundle
         where valid_until >= now() and valid_until < now() + make_interval(weeks => $1)
         group by 1",
    )
    .bind(weeks)
    .fetch_all(db)
    .await?;
    let mut counts = vec![0; weeks.max(0) as usize];
    for (week, count) in rows {
        if let Some(slot) = counts.get_mut(week as usize) {
            *slot += count;
        }
    }
    Ok(counts)
}
