//! The days-until-deadline rule of `domain::deadline`, stated in SQL for filters and counts
//! that run in the database: calendar days in UTC between today and the deadline's date.

/// A SQL expression for the calendar days (UTC) from today until the timestamptz
/// `column`: 0 on its date, negative after it.
pub fn days_until(column: &str) -> String {
    format!("((({column}) at time zone 'UTC')::date - (now() at time zone 'UTC')::date)")
}
