//! The days-until-deadline rule of `domain::deadline`, stated in SQL for filters and counts
//! that run in the database: calendar days in UTC between today and the deadline's date.

/// A SQL expression for the calendar days (UTC) from today until the timestamptz
/// `column`: 0 on its date, negative after it.
pub fn days_until(column: &str) -> String {
    format!("((({column}) at time zone 'UTC')::date - (now() at time zone 'UTC')::date)")
}

/// A SQL condition equivalent to `days_until(column) between from and to` that an index on
/// `column` can serve: the timestamptz lies between the UTC midnight `from` days from today
/// and the UTC midnight after the day `to` days from today.
pub fn days_between(column: &str, from: i64, to: i64) -> String {
    let midnight = "(date_trunc('day', now() at time zone 'UTC') at time zone 'UTC')";
    format!(
        "(({column}) >= {midnight} + make_interval(days => {from}) \
         and ({column}) < {midnight} + make_interval(days => {}))",
        to + 1
    )
}

/// A SQL condition equivalent to `days_until(column) < 0` (the deadline's date has passed) that
/// an index on `column` can serve.
pub fn past(column: &str) -> String {
    format!("(({column}) < (date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'))")
}
