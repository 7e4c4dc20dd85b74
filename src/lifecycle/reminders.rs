//! Reminders: at 30, 14, 7, 3 and 1 days before the renewal's submit-by date
//! (`domain::submit_by`), while nothing is submitted, each at most once per renewal (recorded
//! in `renewal_reminder`); and a staff alert once 3 days or fewer are left before the
//! submit-by date (and the deadline has not passed). A rejection makes the renewal wait for the
//! customer again: the reminders still to come go out, and the staff alert goes out again for
//! that round, until the copy is submitted again.

use time::{Duration, OffsetDateTime};

use super::Engine;
use super::notifications::{Notification, NotificationKind};
use crate::db::renewals::{self, Renewal};
use crate::domain::deadline::days_until;

/// Days before the submit-by date at which customers are reminded.
pub const REMINDER_DAYS: [i64; 5] = [30, 14, 7, 3, 1];
/// Days before the submit-by date from which staff are alerted.
pub const STAFF_ALERT_DAYS: i64 = 3;

/// The reminder due for a renewal opened at `opened` that should be submitted by `submit_by`,
/// at `now`: the most urgent threshold already reached. Thresholds the renewal was opened
/// inside are covered by the "action needed" email and are not due.
pub fn due_reminder(
    opened: OffsetDateTime,
    submit_by: OffsetDateTime,
    now: OffsetDateTime,
) -> Option<i64> {
    let deadline = submit_by;
    let left = days_until(deadline, now);
    if left <= 0 {
        return None;
    }
    REMINDER_DAYS
        .into_iter()
        .filter(|days| left <= *days)
        .min()
        .filter(|days| opened < deadline - Duration::days(*days))
}

/// Whether staff are alerted about a renewal due to be submitted by `submit_by` (deadline
/// `deadline`) at `now`: from [`STAFF_ALERT_DAYS`] before the submit-by date until the deadline
/// passes. Returns the days left before the deadline.
pub fn staff_alert_due(
    submit_by: OffsetDateTime,
    deadline: OffsetDateTime,
    now: OffsetDateTime,
) -> Option<i64> {
    let left = days_until(deadline, now);
    (left > 0 && days_until(submit_by, now) <= STAFF_ALERT_DAYS).then_some(left)
}

/// The record of the staff alert for the renewal's current round: one per rejection, so a
/// renewal rejected after the alert went out alerts staff again.
fn staff_alert_key(rejection: Option<&serde_json::Value>) -> String {
    let rejected_at = rejection
        .and_then(|r| r.get("rejected_at"))
        .and_then(|at| at.as_str());
    match rejected_at {
        Some(at) => format!("staff_3d_after_rejection_{at}"),
        None => "staff_3d".to_owned(),
    }
}

/// Checks every open, unsubmitted renewal and enqueues the reminders and alerts now due.
/// Returns how many were enqueued.
pub async fn check(engine: &Engine, now: OffsetDateTime) -> anyhow::Result<usize> {
    let mut enqueued = 0;
    for renewal in renewals::list_awaiting_submission(&engine.db).await? {
        let Some(deadline) = renewal.deadline else {
            continue;
        };
        let submit_by = renewal.submit_by.unwrap_or(deadline);
        let mut tx = engine.db.begin().await?;
        if let Some(days) = due_reminder(renewal.created_at, submit_by, now) {
            // Recording the threshold and every larger one means a late start never sends
            // a burst of stale reminders.
            let mut first = false;
            for threshold in REMINDER_DAYS.into_iter().filter(|t| *t >= days) {
                let recorded =
                    renewals::record_reminder(&mut tx, &renewal, &format!("reminder_{threshold}d"))
                        .await?;
                first |= recorded && threshold == days;
            }
            if first {
                reminder(&renewal, days).enqueue(&mut tx).await?;
                enqueued += 1;
            }
        }
        if let Some(left) = staff_alert_due(submit_by, deadline, now)
            && renewals::record_reminder(
                &mut tx,
                &renewal,
                &staff_alert_key(renewal.rejection.as_ref()),
            )
            .await?
        {
            let mut alert = Notification::new(NotificationKind::StaffAlert, &renewal);
            alert.reason = Some(staff_alert_reason(submit_by, left, now));
            alert.days_left = Some(left);
            alert.enqueue(&mut tx).await?;
            enqueued += 1;
        }
        tx.commit().await?;
    }
    Ok(enqueued)
}

/// Staff wording: how close the submit-by date is, and the deadline.
fn staff_alert_reason(submit_by: OffsetDateTime, left: i64, now: OffsetDateTime) -> String {
    let date = submit_by
        .to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_default();
    let to_submit = days_until(submit_by, now);
    let when = match to_submit {
        d if d > 0 => format!("submit by {date} ({d} days)"),
        0 => format!("submit by today, {date}"),
        _ => format!("the submit-by date {date} has passed"),
    };
    format!("Nothing submitted: {when}; {left} days left before the deadline")
}

fn reminder(renewal: &Renewal, days: i64) -> Notification {
    let mut notification = Notification::new(NotificationKind::Reminder, renewal);
    notification.days_left = Some(days);
    notification
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DEADLINE: OffsetDateTime = datetime!(2030-06-30 12:00 UTC);
    const OPENED_EARLY: OffsetDateTime = datetime!(2030-04-01 12:00 UTC);

    #[test]
    fn the_most_urgent_reached_threshold_is_due() {
        let at = |days: i64| DEADLINE - Duration::days(days);
        assert_eq!(due_reminder(OPENED_EARLY, DEADLINE, at(31)), None);
        assert_eq!(due_reminder(OPENED_EARLY, DEADLINE, at(30)), Some(30));
        assert_eq!(due_reminder(OPENED_EARLY, DEADLINE, at(20)), Some(30));
        assert_eq!(due_reminder(OPENED_EARLY, DEADLINE, at(14)), Some(14));
        assert_eq!(due_reminder(OPENED_EARLY, DEADLINE, at(3)), Some(3));
        assert_eq!(due_reminder(OPENED_EARLY, DEADLINE, at(1)), Some(1));
        assert_eq!(
            due_reminder(OPENED_EARLY, DEADLINE, DEADLINE + Duration::hours(1)),
            None
        );
    }

    #[test]
    fn staff_are_alerted_from_three_days_before_the_submit_by_date_until_the_deadline() {
        let submit_by = DEADLINE - Duration::days(8);
        let at = |days_to_submit_by: i64| submit_by - Duration::days(days_to_submit_by);
        assert_eq!(staff_alert_due(submit_by, DEADLINE, at(4)), None);
        assert_eq!(staff_alert_due(submit_by, DEADLINE, at(3)), Some(11));
        assert_eq!(staff_alert_due(submit_by, DEADLINE, at(-5)), Some(3));
        assert_eq!(
            staff_alert_due(submit_by, DEADLINE, DEADLINE + Duration::hours(1)),
            None
        );
    }

    #[test]
    fn a_rejection_starts_a_new_round_of_the_staff_alert() {
        assert_eq!(staff_alert_key(None), "staff_3d");
        let rejected = serde_json::json!({"rejected_at": "2030-06-20T10:00:00Z"});
        assert_eq!(
            staff_alert_key(Some(&rejected)),
            "staff_3d_after_rejection_2030-06-20T10:00:00Z"
        );
    }

    #[test]
    fn a_renewal_opened_inside_a_window_gets_no_reminder_for_it() {
        let opened = DEADLINE - Duration::days(20);
        assert_eq!(due_reminder(opened, DEADLINE, opened), None);
        assert_eq!(
            due_reminder(opened, DEADLINE, DEADLINE - Duration::days(14)),
            Some(14)
        );
    }
}
