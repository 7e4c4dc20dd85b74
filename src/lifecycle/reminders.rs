//! Deadline reminders: at 30, 14, 7, 3 and 1 days before `valid_until`, while nothing has been
//! submitted, each at most once per renewal (recorded in `renewal_reminder`); and a staff alert
//! when 3 days are left.

use time::{Duration, OffsetDateTime};

use super::Engine;
use super::notifications::{Notification, NotificationKind};
use crate::db::renewals::{self, Renewal};
use crate::domain::deadline::days_until;

/// Days before the deadline at which customers are reminded.
pub const REMINDER_DAYS: [i64; 5] = [30, 14, 7, 3, 1];
/// Days before the deadline at which staff are alerted.
pub const STAFF_ALERT_DAYS: i64 = 3;

/// The reminder due for a renewal opened at `opened` with `deadline`, at `now`: the most urgent
/// threshold already reached. Thresholds the renewal was opened inside are covered by the
/// "action needed" email and are not due.
pub fn due_reminder(
    opened: OffsetDateTime,
    deadline: OffsetDateTime,
    now: OffsetDateTime,
) -> Option<i64> {
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

/// Checks every open, unsubmitted renewal and enqueues the reminders and alerts now due.
/// Returns how many were enqueued.
pub async fn check(engine: &Engine, now: OffsetDateTime) -> anyhow::Result<usize> {
    let mut enqueued = 0;
    for renewal in renewals::list_awaiting_submission(&engine.db).await? {
        let Some(deadline) = renewal.deadline else {
            continue;
        };
        let mut tx = engine.db.begin().await?;
        if let Some(days) = due_reminder(renewal.created_at, deadline, now) {
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
        let left = days_until(deadline, now);
        if left > 0
            && left <= STAFF_ALERT_DAYS
            && renewals::record_reminder(&mut tx, &renewal, "staff_3d").await?
        {
            let mut alert = Notification::new(NotificationKind::StaffAlert, &renewal);
            alert.reason = Some(format!("{left} days left and nothing submitted"));
            alert.days_left = Some(left);
            alert.enqueue(&mut tx).await?;
            enqueued += 1;
        }
        tx.commit().await?;
    }
    Ok(enqueued)
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
    fn a_renewal_opened_inside_a_window_gets_no_reminder_for_it() {
        let opened = DEADLINE - Duration::days(20);
        assert_eq!(due_reminder(opened, DEADLINE, opened), None);
        assert_eq!(
            due_reminder(opened, DEADLINE, DEADLINE - Duration::days(14)),
            Some(14)
        );
    }
}
