//! Counts for the staff dashboard.

use sqlx::PgPool;
use time::{Date, OffsetDateTime};

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
    sqlx::query!(
        r#"select state as "state: RenewalState", count(*) as "count!" from renewal group by state"#
    )
    .map(|row| (row.state, row.count))
    .fetch_all(db)
    .await
}

/// The counts that are not read off the chart's days: overdue bundles and renewals past their
/// submit-by date, each read from the rows in that range (`renewal_open_submit_by_idx`), not
/// from every bundle. `within_7`, `within_30` and `active_renewals` are left at zero for
/// [`DeadlineCounts::complete`].
pub async fn deadline_counts(db: &PgPool) -> sqlx::Result<DeadlineCounts> {
    use crate::db::deadline::{days_until, past};
    // Runtime-checked: composed from `db::deadline`'s day-arithmetic fragments.
    sqlx::query_as(&format!(
        "select
           (select count(*) from bundle b where {overdue} and exists (
              select 1 from renewal r where r.bundle_id = b.bundle_id
                and renewal_is_open(r.state))) as overdue,
           0::int8 as within_7, 0::int8 as within_30, 0::int8 as active_renewals,
           (select count(*) from renewal
             where renewal_is_open(state) and {submit_by_past}
               and state = any($1) and {submit_by} < 0 and {deadline} >= 0) as past_submit_by",
        overdue = past("b.valid_until"),
        submit_by_past = past("submit_by"),
        submit_by = days_until("submit_by"),
        deadline = days_until("deadline"),
    ))
    .bind(RenewalState::names_where(
        RenewalState::waits_for_submission,
    ))
    .fetch_one(db)
    .await
}

impl DeadlineCounts {
    /// Fills in what the chart's days and the states' counts already tell: bundles with 7 and
    /// 30 days left (`days` as [`deadline_days`] returns them, from today), and open renewals.
    pub fn complete(
        mut self,
        days: &[DayDeadlines],
        by_state: &[(RenewalState, i64)],
        today: Date,
    ) -> Self {
        let within = |last: i64| {
            days.iter()
                .filter(|d| (0..=last).contains(&(d.day - today).whole_days()))
                .map(|d| d.bundles)
                .sum()
        };
        self.within_7 = within(7);
        self.within_30 = within(30);
        self.active_renewals = by_state
            .iter()
            .filter(|(state, _)| state.is_open())
            .map(|(_, n)| n)
            .sum();
        self
    }
}

/// The bundles whose `valid_until` falls on one UTC day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct DayDeadlines {
    /// The day.
    pub day: Date,
    /// Bundles due that day.
    pub bundles: i64,
    /// Their phone numbers.
    pub numbers: i64,
}

/// Every UTC day in `[from, until)` on which a `valid_until` falls, with its bundles and their
/// phone numbers (the chart sums them by week), one row per day rather than per bundle.
pub async fn deadline_days(
    db: &PgPool,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> sqlx::Result<Vec<DayDeadlines>> {
    sqlx::query_as!(
        DayDeadlines,
        r#"select (valid_until at time zone 'UTC')::date as "day!", count(*) as "bundles!",
                coalesce(sum(number_count), 0)::int8 as "numbers!"
         from bundle
         where valid_until >= $1 and valid_until < $2
         group by 1 order by 1"#,
        from,
        until,
    )
    .fetch_all(db)
    .await
}
