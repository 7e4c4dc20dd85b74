//! Emails about renewals: action needed, deadline reminders, submitted, rejected, completed,
//! expired, and staff alerts. Each is enqueued as a `send_notification` job in the transaction of the
//! change that causes it, then rendered from `templates/emails/<kind>/` and sent via the mailer.

mod deliver;
mod link;
mod templates;

pub use deliver::deliver;
pub use link::{CustomerLink, customer_link, staff_renewal_link};

pub use crate::queue::send_notification::{Notification, NotificationKind};
