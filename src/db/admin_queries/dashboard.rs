//! Counts for the staff dashboard.

use sqlx::PgPool;

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
pub async fn renewals_by_state(db: &PgPool) -> sqlx::Result<Vec<(String, i64)>> {
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

/// Bundles still ahead of their `valid_until`, counted per calendar week (Monday to Sunday, UTC)
/// for `weeks` weeks from the week that starts on `first_monday`.
pub async fn deadlines_per_week(
    db: &PgPool,
    first_monday: time::Date,
    weeks: i32,
) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i32, i64)> = sqlx::query_as(
        "select ((date_trunc('week', valid_until at time zone 'utc')::date - $1::date) / 7)::int
                  as week,
                count(*)
         from bundle
         where valid_until >= now()
           and valid_until < ($1::date + make_interval(weeks => $2))::timestamp at time zone 'utc'
         group by 1",
    )
    .bind(first_monday)
    .bind(weeks)
    .fetch_all(db)
    .await?;
    let mut counts = vec![0; weeks.max(0) as usize];
    for (week, count) in rows {
        if let Some(slot) = usize::try_from(week).ok().and_then(|w| counts.get_mut(w)) {
            *slot += count;
        }
    }
    Ok(counts)
}
