//! The payload of the job that renders and sends one notification email: which email, about
//! which renewal.

use serde::{Deserialize, Serialize};

use super::Job;
use super::send_action_digest::SendActionDigest;
use crate::db::PgTx;
use crate::db::renewals::Renewal;
use crate::domain::ids::{NotificationId, RenewalId, TenantId};

/// The job name.
pub const JOB_NAME: &str = "send_notification";

/// Payload: the notification.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SendNotification(pub Notification);

impl Job for SendNotification {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 8;

    fn dedupe_key(&self) -> Option<String> {
        let n = &self.0;
        let days = n.days_left.map(|d| format!(":{d}")).unwrap_or_default();
        Some(format!("notify:{}:{}{days}", n.renewal_id, n.kind.as_str()))
    }

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.0.tenant_id)
    }
}

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
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
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
    pub notification_id: Option<NotificationId>,
    /// Submitted: recomply submitted by itself because nothing was missing.
    #[serde(default)]
    pub automatic: bool,
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
            notification_id: Some(NotificationId::random()),
            automatic: false,
        }
    }

    /// Marks a submitted notification as recomply's own submission (nothing was missing).
    pub fn made_automatically(mut self, automatic: bool) -> Self {
        self.automatic = automatic;
        self
    }

    /// Enqueues it in the caller's transaction. An action-needed notification is held for
    /// its tenant's next digest instead (see `lifecycle::notifications::send_digests`), so
    /// several bundles needing action together reach each customer as one email.
    pub async fn enqueue(self, tx: &mut PgTx<'_>) -> sqlx::Result<()> {
        if self.kind == NotificationKind::ActionNeeded {
            crate::db::action_notices::hold(tx, self.tenant_id, self.renewal_id).await?;
            let digest = SendActionDigest {
                tenant_id: self.tenant_id,
            };
            return super::enqueue(tx, &digest).await.map(drop);
        }
        super::enqueue(tx, &SendNotification(self)).await.map(drop)
    }
}
