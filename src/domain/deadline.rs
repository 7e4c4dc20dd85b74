//! Days until a deadline: the one rule every page, email, list and chart uses.
//!
//! A deadline is counted in calendar days in UTC: it is "due today" on its own UTC date,
//! before and after its hour alike, "due in 1 day" on the date before, and "1 day overdue"
//! from the next date on. Customers read dates ("by 14 March"), not hour counts, so 30 hours
//! before a noon deadline they are told 1 day and the same evening after it they are still
//! told it is due today. `db::deadline` states the same rule in SQL for filters and counts.

use time::{OffsetDateTime, UtcOffset};

/// Calendar days (UTC) from `now` until `deadline`: 0 on the deadline's date, negative once
/// that date has passed.
pub fn days_until(deadline: OffsetDateTime, now: OffsetDateTime) -> i64 {
    let deadline = deadline.to_offset(UtcOffset::UTC).date();
    let today = now.to_offset(UtcOffset::UTC).date();
    (deadline - today).whole_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const DEADLINE: OffsetDateTime = datetime!(2027-03-11 12:00 UTC);

    fn at(hours_before: i64) -> i64 {
        days_until(DEADLINE, DEADLINE - Duration::hours(hours_before))
    }

    #[test]
    fn thirty_and_twenty_four_hours_before_a_noon_deadline_are_one_day() {
        assert_eq!(at(30), 1);
        assert_eq!(at(24), 1);
    }

    #[test]
    fn an_hour_before_and_an_hour_after_the_deadline_it_is_due_today() {
        assert_eq!(at(1), 0);
        assert_eq!(at(-1), 0);
        // The same evening is still today; the next morning it is overdue.
        assert_eq!(at(-11), 0);
        assert_eq!(at(-13), -1);
    }

    #[test]
    fn days_follow_the_utc_date_whatever_offset_the_times_carry() {
        let paris = DEADLINE.to_offset(time::macros::offset!(+1));
        assert_eq!(days_until(paris, DEADLINE - Duration::days(10)), 10);
        let late = datetime!(2027-03-10 23:30 UTC);
        assert_eq!(days_until(DEADLINE, late), 1);
    }
}
