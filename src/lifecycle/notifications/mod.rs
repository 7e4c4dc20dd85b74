//! Emails about renewals: action needed (held briefly and sent as one digest per tenant when
//! several bundles need action together), deadline reminders, submitted, rejected, completed,
//! expired, and staff alerts (about one renewal, or about the fleet: refused credentials, dead
//! jobs). Each is enqueued as a job in the transaction of the change that causes it, then
//! rendered from `templates/emails/<kind>/` per recipient and sent via the mailer.

mod deliver;
mod digest;
mod facts;
mod link;
mod missing;
pub mod staff_alerts;
mod templates;

pub use deliver::deliver;
pub use digest::send_digests;
pub use link::{CustomerLink, customer_link, staff_renewal_link};

pub use crate::queue::send_notification::{Notification, NotificationKind};
