//! Emails about renewals: action needed, deadline reminders, submitted, rejected, completed,
//! expired, and staff alerts. Each is enqueued as a `send_notification` job in the transaction of the
//! change that causes it, then rendered from `templates/emails/<kind>/` and sent via the mailer.

mod deliver;
mod link;
mod templates;

pub use deliver::deliver;
pub use link::{renewal_link, staff_renewal_link};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::PgTx;
use crate::db::renewals::Renewal;
use crate::jobs::send_notification::SendNotification;

/// Which email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// The copy is ready: the customer must provide information (with a sign-in link).
    ActionNeeded,
    /// N days left and nothing submitted yet.
    Reminder,
    /// The customer's information went to Twilio for review.
    Submitted,
    /// Twilio asked for changes.
    Rejected,
    /// Everything is done.
    Completed,
    /// The deadline passed before approval and Twilio rejected the original.
    Expired,
    /// To staff: a renewal needs attention, or its deadline is 3 days away.
    StaffAlert,
}

impl NotificationKind {
    /// The `email_outbox.kind` value (also the template directory).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ActionNeeded => "action_needed",
            Self::Reminder => "reminder",
            Self::Submitted => "submitted",
            Self::Rejected => "rejected",
            Self::Completed => "completed",
            Self::Expired => "expired",
            Self::StaffAlert => "staff_alert",
        }
    }
}

/// One email to produce about one renewal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Which email.
    pub kind: NotificationKind,
    /// The tenant.
    pub tenant_id: Uuid,
    /// The renewal.
    pub renewal_id: Uuid,
    /// Reminders: days left.
    #[serde(default)]
    pub days_left: Option<i64>,
    /// Staff alerts: why.
    #[serde(default)]
    pub reason: Option<String>,
    /// This notification's identity: each recipient's delivery is recorded under it, so a
    /// retried job skips the recipients it already reached. (`None` only in payloads enqueued
    /// before it existed.)
    #[serde(default)]
    pub notification_id: Option<Uuid>,
}

impl Notification {
    /// A notification of `kind` about `renewal`.
    pub fn new(kind: NotificationKind, renewal: &Renewal) -> Self {
        Self {
            kind,
            tenant_id: renewal.tenant_id,
            renewal_id: renewal.renewal_id,
            days_left: None,
            reason: None,
            notification_id: Some(Uuid::new_v4()),
        }
    }

    /// Enqueues it in the caller's transaction.
    pub async fn enqueue(self, tx: &mut PgTx<'_>) -> sqlx::Result<()> {
        crate::jobs::enqueue(tx, &SendNotification(self))
            .await
            .map(drop)
    }
}
