//! The types of outbound event recomply sends to the ISV's endpoints, with their wire names,
//! and which renewal event sends which.

use super::renewal::{RenewalEvent, RenewalState};
use super::text_enum::text_enum;

/// One type of outbound event (`type` in the body, and what an endpoint subscribes to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventType {
    /// A renewal was opened for a bundle.
    RenewalDetected,
    /// The renewal waits for the customer (prepared, or open again after a rejection).
    RenewalActionNeeded,
    /// The renewal was submitted to Twilio.
    RenewalSubmitted,
    /// Twilio rejected the renewal.
    RenewalRejected,
    /// The renewal is complete: the original bundle carries the new items.
    RenewalCompleted,
    /// The deadline passed before the renewal completed.
    RenewalExpired,
    /// The renewal needs staff.
    RenewalNeedsAttention,
    /// Twilio refuses the tenant's credentials (once per failure episode).
    TenantCredentialsFailed,
}

text_enum!(EventType, "event type", {
    RenewalDetected => "renewal.detected",
    RenewalActionNeeded => "renewal.action_needed",
    RenewalSubmitted => "renewal.submitted",
    RenewalRejected => "renewal.rejected",
    RenewalCompleted => "renewal.completed",
    RenewalExpired => "renewal.expired",
    RenewalNeedsAttention => "renewal.needs_attention",
    TenantCredentialsFailed => "tenant.credentials_failed",
});

impl EventType {
    /// The outbound event a renewal's move by `event` sends, if any (opening a renewal sends
    /// [`EventType::RenewalDetected`]; internal steps such as copy creation send nothing).
    pub fn for_transition(event: RenewalEvent) -> Option<Self> {
        use RenewalEvent as E;
        Some(match event {
            E::Prepared | E::Reopened | E::Resumed(RenewalState::Collecting) => {
                Self::RenewalActionNeeded
            }
            E::Submitted => Self::RenewalSubmitted,
            E::Rejected => Self::RenewalRejected,
            E::Completed => Self::RenewalCompleted,
            E::Expired => Self::RenewalExpired,
            E::AttentionNeeded => Self::RenewalNeedsAttention,
            _ => return None,
        })
    }

    /// What staff read beside its checkbox.
    pub fn description(self) -> &'static str {
        match self {
            Self::RenewalDetected => "A renewal was opened for a bundle",
            Self::RenewalActionNeeded => "The renewal waits for the customer",
            Self::RenewalSubmitted => "The renewal was submitted to Twilio",
            Self::RenewalRejected => "Twilio rejected the renewal",
            Self::RenewalCompleted => "The renewal is complete",
            Self::RenewalExpired => "The deadline passed before the renewal completed",
            Self::RenewalNeedsAttention => "The renewal needs staff",
            Self::TenantCredentialsFailed => "Twilio refuses the tenant's credentials",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_wire_name() {
        for kind in EventType::ALL {
            assert_eq!(kind.as_str().parse::<EventType>().unwrap(), *kind);
        }
        assert!("renewal.cancelled".parse::<EventType>().is_err());
    }

    #[test]
    fn customer_facing_moves_send_events_and_internal_steps_do_not() {
        use RenewalEvent as E;
        assert_eq!(
            EventType::for_transition(E::Prepared),
            Some(EventType::RenewalActionNeeded)
        );
        assert_eq!(
            EventType::for_transition(E::Completed),
            Some(EventType::RenewalCompleted)
        );
        for internal in [
            E::CopyCreated,
            E::ItemsReplaced,
            E::CopyDeleted,
            E::Approved,
        ] {
            assert_eq!(EventType::for_transition(internal), None);
        }
        assert_eq!(
            EventType::for_transition(E::Resumed(RenewalState::Submitted)),
            None
        );
    }
}
