//! Why staff cancelled a renewal. Each reason holds: the sweep does not open another renewal
//! for the bundle, except that a snooze ends on its date (see `db::renewals::blocked_openings`).

use std::fmt;
use std::str::FromStr;

/// Why a renewal was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CancelReason {
    /// The customer does not want the bundle renewed.
    WontRenew,
    /// The bundle's numbers were released: nothing depends on it.
    NumbersReleased,
    /// The renewal is being done another way (by Twilio support, in the Console).
    HandledElsewhere,
    /// Not now: renew again after a date.
    Snoozed,
    /// The tenant was removed.
    TenantRemoved,
    /// Twilio rejected the bundle as a test bundle (`IsTest`, 18099): it can never be renewed.
    TestBundle,
}

impl CancelReason {
    /// The reasons staff choose from, in the form's order.
    pub const CHOICES: [CancelReason; 4] = [
        Self::WontRenew,
        Self::NumbersReleased,
        Self::HandledElsewhere,
        Self::Snoozed,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WontRenew => "wont_renew",
            Self::NumbersReleased => "numbers_released",
            Self::HandledElsewhere => "handled_elsewhere",
            Self::Snoozed => "snoozed",
            Self::TenantRemoved => "tenant_removed",
            Self::TestBundle => "test_bundle",
        }
    }

    /// In staff's words.
    pub fn label(self) -> &'static str {
        match self {
            Self::WontRenew => "The customer won't renew this bundle",
            Self::NumbersReleased => "Its phone numbers were released",
            Self::HandledElsewhere => "It is being handled elsewhere",
            Self::Snoozed => "Not now: renew again after a date",
            Self::TenantRemoved => "The tenant was removed",
            Self::TestBundle => {
                "Twilio test bundle (IsTest): Twilio rejects every test bundle with error 18099, \
                 so it is never renewed"
            }
        }
    }
}

impl fmt::Display for CancelReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Not one of the stored values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown cancel reason {0:?}")]
pub struct UnknownCancelReason(pub String);

impl FromStr for CancelReason {
    type Err = UnknownCancelReason;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        [
            Self::WontRenew,
            Self::NumbersReleased,
            Self::HandledElsewhere,
            Self::Snoozed,
            Self::TenantRemoved,
            Self::TestBundle,
        ]
        .into_iter()
        .find(|reason| reason.as_str() == text)
        .ok_or_else(|| UnknownCancelReason(text.to_owned()))
    }
}

/// A cancel as staff asked for it: the reason, and for a snooze the date it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancellation {
    /// Why.
    pub reason: CancelReason,
    /// Until when (a snooze only).
    pub snoozed_until: Option<time::OffsetDateTime>,
}

impl Cancellation {
    /// A cancel for `reason` that is not a snooze.
    pub fn because(reason: CancelReason) -> Self {
        Self {
            reason,
            snoozed_until: None,
        }
    }

    /// The timeline's words for it.
    pub fn summary(&self) -> String {
        match self.snoozed_until {
            Some(until) => format!("{} ({})", self.reason.label(), until.date()),
            None => self.reason.label().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_from_what_is_stored() {
        for reason in CancelReason::CHOICES
            .into_iter()
            .chain([CancelReason::TenantRemoved])
        {
            assert_eq!(reason.as_str().parse::<CancelReason>(), Ok(reason));
        }
        assert!("later".parse::<CancelReason>().is_err());
    }
}
