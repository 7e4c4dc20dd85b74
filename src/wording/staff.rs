//! Words for staff: the formatting helpers the admin templates call as `fmt::when(..)`,
//! `fmt::days_left(..)` (dates in UTC, deadlines, urgency badges).

use time::OffsetDateTime;

use crate::domain::deadline;
use crate::domain::review_time::{ReviewSpan, TypicalReview};
use crate::domain::submit_by::SubmitByRule;
use time::macros::format_description;

/// What the admin renewal page says of a renewal whose saved information (its stored
/// snapshot) cannot be read; the customer's pages say so too.
pub const UNREADABLE_SNAPSHOT: &str = "This renewal's saved information could not be read, and \
     the customer's pages say so. The problem is logged with this renewal's id; evaluating \
     again replaces it.";

/// `2026-11-28 14:05 UTC`.
pub fn when(at: &OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

/// How long ago `at` was, to the second: `4 s ago` (a heartbeat's age).
pub fn seconds_ago(at: &OffsetDateTime) -> String {
    let age = (OffsetDateTime::now_utc() - *at).whole_seconds().max(0);
    format!("{age} s ago")
}

/// [`when`], or an em dash for none.
pub fn when_opt(at: &Option<OffsetDateTime>) -> String {
    at.as_ref().map(when).unwrap_or_else(|| "—".to_owned())
}

/// `2026-11-28`, or an em dash.
pub fn date_opt(at: &Option<OffsetDateTime>) -> String {
    at.map(|at| {
        at.to_offset(time::UtcOffset::UTC)
            .format(format_description!("[year]-[month]-[day]"))
            .unwrap_or_default()
    })
    .unwrap_or_else(|| "—".to_owned())
}

/// Days from now until `deadline` (see `domain::deadline`: 0 on its date, negative after).
pub fn days_until(deadline: &OffsetDateTime) -> i64 {
    deadline::days_until(*deadline, OffsetDateTime::now_utc())
}

/// "12 days", "Today", "3 days overdue", or an em dash.
pub fn days_left(deadline: &Option<OffsetDateTime>) -> String {
    deadline.map_or_else(|| "—".to_owned(), |d| days_in_words(days_until(&d)))
}

fn days_in_words(days: i64) -> String {
    match days {
        0 => "Today".to_owned(),
        1 => "1 day".to_owned(),
        -1 => "1 day overdue".to_owned(),
        n if n > 1 => format!("{n} days"),
        n => format!("{} days overdue", -n),
    }
}

/// The badge class for a deadline: danger ≤ 7 days (or past), warn ≤ 30 days.
pub fn urgency(deadline: &Option<OffsetDateTime>) -> &'static str {
    match deadline.as_ref().map(days_until) {
        Some(days) if days <= 7 => "badge-danger",
        Some(days) if days <= 30 => "badge-warn",
        Some(_) => "badge-ok",
        None => "",
    }
}

/// How long Twilio's review usually takes on this deployment: "about 5 hours (median of the
/// last 12 reviews)", or Twilio's own figure when there are too few reviews to go by.
pub fn review_time(typical: &Option<TypicalReview>) -> String {
    let Some(typical) = typical else {
        return "about 24 business hours (Twilio's figure; too few reviews here to tell)"
            .to_owned();
    };
    let span = match typical.span {
        ReviewSpan::UnderAnHour => "less than an hour".to_owned(),
        ReviewSpan::Hours(1) => "about an hour".to_owned(),
        ReviewSpan::Hours(hours) => format!("about {hours} hours"),
        ReviewSpan::Days(days) => format!("about {days} days"),
    };
    format!("{span} (median of the last {} reviews)", typical.reviews)
}

/// What the tenants list says of a tenant whose Twilio subaccount is not active:
/// `Subaccount suspended` / `Subaccount closed` (`None`: active, or not a listed subaccount).
pub fn subaccount_problem(status: &Option<crate::twilio::AccountStatus>) -> Option<&'static str> {
    use crate::twilio::AccountStatus;
    match status.as_ref()? {
        AccountStatus::Active => None,
        AccountStatus::Suspended => Some("Subaccount suspended"),
        AccountStatus::Closed => Some("Subaccount closed"),
    }
}

/// The badge class and label of a subaccount's status on the parent account page.
pub fn subaccount_status(status: crate::twilio::AccountStatus) -> (&'static str, &'static str) {
    use crate::twilio::AccountStatus;
    match status {
        AccountStatus::Active => ("badge-ok", "Active"),
        AccountStatus::Suspended => ("badge-warn", "Suspended"),
        AccountStatus::Closed => ("badge-danger", "Closed"),
    }
}

/// Staff's words for a test bundle.
pub const TEST_BUNDLE: &str = "Test bundle (IsTest): Twilio rejects every test bundle with error \
     18099, so recomply never renews it.";

/// What staff do about a bundle Twilio rejected outside any renewal (or with no deadline
/// left): it cannot be renewed here.
pub const REJECTED_NEXT_STEP: &str = "Next step: this bundle cannot be renewed here. Ask the \
     customer for corrected information, create a new bundle for them in the Twilio Console (or \
     ask Twilio support) and move their numbers onto it.";

/// How the submit-by date is set, for staff: "the deadline less 6 business days: a 2-day
/// review, then a 2-day fix and a second review".
pub fn submit_by_rule(rule: SubmitByRule) -> String {
    format!(
        "the deadline less {} business days: a {}-day review, then a {}-day fix and a second review",
        rule.room(),
        rule.review_days,
        rule.fix_days
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_reads_naturally_before_and_after_the_deadline() {
        let now = OffsetDateTime::now_utc();
        assert_eq!(days_left(&None), "—");
        assert_eq!(days_in_words(1), "1 day");
        assert_eq!(days_in_words(10), "10 days");
        assert_eq!(days_in_words(0), "Today");
        assert_eq!(days_in_words(-1), "1 day overdue");
        assert_eq!(days_in_words(-2), "2 days overdue");
        assert_eq!(days_left(&Some(now + time::Duration::days(10))), "10 days");
        assert_eq!(urgency(&Some(now + time::Duration::days(20))), "badge-warn");
    }
}
