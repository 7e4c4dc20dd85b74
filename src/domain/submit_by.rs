//! The submit-by date: the last day a customer should submit a renewal so that Twilio can
//! review it, reject it once, and still review the fixed copy before `valid_until`.
//!
//! `submit_by = valid_until − review − (review + fix)`, counted in business days (Monday to
//! Friday; Twilio's review time is quoted in business days). The time of day is kept, so the
//! date pages show follows the same UTC-date rule as every deadline (`domain::deadline`).
//! Defaults: a review takes 2 business days (`RECOMPLY_REVIEW_BUSINESS_DAYS`) and a customer
//! fixes a rejection in 2 business days (`RECOMPLY_REJECTION_FIX_BUSINESS_DAYS`): a submit-by
//! date 6 business days before the deadline. See `docs/submit-by.md`.

use time::{Duration, OffsetDateTime, Weekday};

/// Business days Twilio usually needs to review a submission, unless configured.
pub const DEFAULT_REVIEW_BUSINESS_DAYS: u32 = 2;
/// Business days a customer needs to fix a rejection, unless configured.
pub const DEFAULT_FIX_BUSINESS_DAYS: u32 = 2;

/// How much room the submit-by date leaves before the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubmitByRule {
    /// Business days one Twilio review takes.
    pub review_days: u32,
    /// Business days a customer takes to fix a rejection.
    pub fix_days: u32,
}

impl Default for SubmitByRule {
    fn default() -> Self {
        Self {
            review_days: DEFAULT_REVIEW_BUSINESS_DAYS,
            fix_days: DEFAULT_FIX_BUSINESS_DAYS,
        }
    }
}

impl SubmitByRule {
    /// Business days between the submit-by date and the deadline: a review, then one
    /// rejection round (the fix and a second review).
    pub fn room(self) -> u32 {
        self.review_days
            .saturating_mul(2)
            .saturating_add(self.fix_days)
    }

    /// The submit-by moment for a renewal due at `valid_until`.
    pub fn submit_by(self, valid_until: OffsetDateTime) -> OffsetDateTime {
        business_days_before(valid_until, self.room())
    }
}

/// `at` moved back `days` business days: each step goes back one day and over any weekend,
/// so the result is always a weekday (a deadline on a Sunday less one business day is the
/// Friday before).
pub fn business_days_before(at: OffsetDateTime, days: u32) -> OffsetDateTime {
    let mut moved = at;
    for _ in 0..days {
        moved -= Duration::days(1);
        while is_weekend(moved.weekday()) {
            moved -= Duration::days(1);
        }
    }
    moved
}

fn is_weekend(day: Weekday) -> bool {
    matches!(day, Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn rule(review_days: u32, fix_days: u32) -> SubmitByRule {
        SubmitByRule {
            review_days,
            fix_days,
        }
    }

    #[test]
    fn the_default_leaves_six_business_days_before_the_deadline() {
        assert_eq!(SubmitByRule::default().room(), 6);
        // Friday 18 December 2026 → Thursday 10 December (Fri, Mon–Thu back, over a weekend).
        let deadline = datetime!(2026-12-18 12:00 UTC);
        assert_eq!(
            SubmitByRule::default().submit_by(deadline),
            datetime!(2026-12-10 12:00 UTC)
        );
    }

    #[test]
    fn weekends_are_skipped_and_never_chosen() {
        // Monday less one business day is the Friday before.
        let monday = datetime!(2026-12-14 09:30 UTC);
        assert_eq!(
            business_days_before(monday, 1),
            datetime!(2026-12-11 09:30 UTC)
        );
        // A deadline on a Saturday or a Sunday, less one, is that week's Friday.
        let saturday = datetime!(2026-12-12 09:30 UTC);
        let sunday = datetime!(2026-12-13 09:30 UTC);
        assert_eq!(
            business_days_before(saturday, 1),
            datetime!(2026-12-11 09:30 UTC)
        );
        assert_eq!(
            business_days_before(sunday, 1),
            datetime!(2026-12-11 09:30 UTC)
        );
        // Five business days is exactly one week back from any weekday.
        assert_eq!(
            business_days_before(monday, 5),
            datetime!(2026-12-07 09:30 UTC)
        );
        for days in 0..15 {
            let weekday = business_days_before(saturday, days + 1).weekday();
            assert!(!is_weekend(weekday), "{days}: {weekday}");
        }
    }

    #[test]
    fn month_and_year_ends_are_crossed_by_calendar_not_by_counting_thirty_days() {
        // Tuesday 2 March 2027, 3 business days back: Mon 1 Mar, Fri 26 Feb, Thu 25 Feb.
        assert_eq!(
            rule(1, 1).submit_by(datetime!(2027-03-02 08:00 UTC)),
            datetime!(2027-02-25 08:00 UTC)
        );
        // Monday 4 January 2027 with the default rule: back over New Year to 25 December 2026.
        assert_eq!(
            SubmitByRule::default().submit_by(datetime!(2027-01-04 17:00 UTC)),
            datetime!(2026-12-25 17:00 UTC)
        );
        // 1 March 2028 (a leap year): Wed → Tue 29 Feb.
        assert_eq!(
            business_days_before(datetime!(2028-03-01 00:00 UTC), 1),
            datetime!(2028-02-29 00:00 UTC)
        );
    }

    #[test]
    fn no_room_keeps_the_deadline_and_the_room_follows_the_configuration() {
        let deadline = datetime!(2026-12-18 12:00 UTC);
        assert_eq!(rule(0, 0).submit_by(deadline), deadline);
        assert_eq!(rule(3, 1).room(), 7);
        assert_eq!(rule(u32::MAX, 5).room(), u32::MAX);
    }
}
