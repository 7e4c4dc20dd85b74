//! Where an email of the outbox is, as stored in `email_outbox.status`.

use super::text_enum::text_enum;

/// The delivery status of an outbox email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmailStatus {
    /// Kept in the outbox (no transport configured, or not yet delivered).
    Outbox,
    /// Delivered to the mail server.
    Sent,
    /// The mail server refused it.
    Failed,
}

text_enum!(EmailStatus, "email status", {
    Outbox => "outbox",
    Sent => "sent",
    Failed => "failed",
});

impl EmailStatus {
    /// Staff's words for the status ("Kept in outbox", "Sent", "Failed").
    pub fn label(self) -> &'static str {
        match self {
            Self::Outbox => "Kept in outbox",
            Self::Sent => "Sent",
            Self::Failed => "Failed",
        }
    }

    /// The badge class.
    pub fn badge(self) -> &'static str {
        match self {
            Self::Sent => "badge-ok",
            Self::Failed => "badge-danger",
            Self::Outbox => "badge-info",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_stored_name() {
        for status in EmailStatus::ALL {
            assert_eq!(status.as_str().parse::<EmailStatus>().unwrap(), *status);
        }
        assert!("bounced".parse::<EmailStatus>().is_err());
        assert_eq!(EmailStatus::Failed.badge(), "badge-danger");
    }
}
