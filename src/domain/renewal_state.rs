//! The states of a renewal, as stored in `renewal.state`.
//! (The transitions between them live in the renewal state machine.)

use std::fmt;
use std::str::FromStr;

/// Where a renewal is in Twilio's compliance-update lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalState {
    /// A bundle got a `valid_until`; nothing done yet.
    Detected,
    /// The Bundle Copy exists.
    CopyCreated,
    /// Waiting for the customer to provide information.
    Collecting,
    /// The copy was submitted (`pending-review`).
    Submitted,
    /// Twilio is reviewing the copy.
    InReview,
    /// Twilio rejected the copy (the customer fixes and resubmits).
    Rejected,
    /// Twilio approved the copy.
    Approved,
    /// ReplaceItems moved the copy's items into the original.
    ItemsReplaced,
    /// The copy was deleted.
    CopyDeleted,
    /// Done: the original is approved without `valid_until`.
    Completed,
    /// The deadline passed; Twilio rejected the original.
    Expired,
    /// Stopped by staff.
    Cancelled,
    /// A failure a human must look at.
    NeedsAttention,
}

impl RenewalState {
    /// Every state, in lifecycle order.
    pub const ALL: [RenewalState; 13] = [
        Self::Detected,
        Self::CopyCreated,
        Self::Collecting,
        Self::Submitted,
        Self::InReview,
        Self::Rejected,
        Self::Approved,
        Self::ItemsReplaced,
        Self::CopyDeleted,
        Self::Completed,
        Self::Expired,
        Self::Cancelled,
        Self::NeedsAttention,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Detected => "detected",
            Self::CopyCreated => "copy_created",
            Self::Collecting => "collecting",
            Self::Submitted => "submitted",
            Self::InReview => "in_review",
            Self::Rejected => "rejected",
            Self::Approved => "approved",
            Self::ItemsReplaced => "items_replaced",
            Self::CopyDeleted => "copy_deleted",
            Self::Completed => "completed",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
            Self::NeedsAttention => "needs_attention",
        }
    }

    /// The message id of the customer's words for this state (the portal and customer
    /// emails, in the customer's language).
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Detected => "state-detected",
            Self::CopyCreated => "state-copy-created",
            Self::Collecting => "state-collecting",
            Self::Submitted => "state-submitted",
            Self::InReview => "state-in-review",
            Self::Rejected => "state-rejected",
            Self::Approved => "state-approved",
            Self::ItemsReplaced | Self::CopyDeleted => "state-finishing",
            Self::Completed => "state-completed",
            Self::Expired => "state-expired",
            Self::Cancelled => "state-cancelled",
            Self::NeedsAttention => "state-needs-attention",
        }
    }

    /// The customer's words for this state, in English.
    pub fn label(self) -> String {
        crate::i18n::Tr::english().t(self.label_id())
    }

    /// Words for support staff: what the renewal is waiting for, said from their side.
    pub fn staff_label(self) -> &'static str {
        match self {
            Self::Detected => "Detected",
            Self::CopyCreated => "Copy created",
            Self::Collecting => "Waiting for the customer",
            Self::Submitted => "Submitted",
            Self::InReview => "In review at Twilio",
            Self::Rejected => "Rejected by Twilio",
            Self::Approved => "Approved",
            Self::ItemsReplaced => "Items replaced",
            Self::CopyDeleted => "Copy deleted",
            Self::Completed => "Completed",
            Self::Expired => "Expired",
            Self::Cancelled => "Cancelled",
            Self::NeedsAttention => "Needs attention",
        }
    }

    /// The badge class, the same in the portal and the admin: `badge-warn` while the
    /// customer has something to do (including fixing a rejection, which is recoverable),
    /// `badge-danger` only when the renewal is lost or stuck without a human.
    pub fn badge(self) -> &'static str {
        match self {
            Self::Completed | Self::Approved | Self::ItemsReplaced | Self::CopyDeleted => {
                "badge-ok"
            }
            Self::Detected | Self::Collecting | Self::Rejected => "badge-warn",
            Self::Expired | Self::NeedsAttention => "badge-danger",
            Self::Submitted | Self::InReview | Self::CopyCreated => "badge-info",
            Self::Cancelled => "",
        }
    }

    /// Whether the customer may change the copy's information now (the engine refuses edits
    /// in every other state).
    pub fn customer_may_edit(self) -> bool {
        self == Self::Collecting
    }

    /// Whether the portal shows the renewal page (the form, or "we're preparing your
    /// update") rather than the status page. Wider than [`Self::customer_may_edit`]: while
    /// the copy is being prepared the page shows, but there is nothing to edit yet.
    pub fn shows_renewal_page(self) -> bool {
        matches!(
            self,
            Self::Detected | Self::CopyCreated | Self::Collecting | Self::Rejected
        )
    }

    /// Whether the customer has something to do now: fill in what is missing, or fix what
    /// Twilio rejected. These renewals come first in the customer's list.
    pub fn customer_must_act(self) -> bool {
        matches!(self, Self::Collecting | Self::Rejected)
    }

    /// Whether the customer has yet to submit (before the first submission, or after a
    /// rejection): the submit-by date matters.
    pub fn waits_for_submission(self) -> bool {
        matches!(
            self,
            Self::Detected | Self::CopyCreated | Self::Collecting | Self::Rejected
        )
    }

    /// The names of the states for which `holds` is true, to bind as a SQL `text[]` so a
    /// query applies the same rule as the code (`state = any($1)`).
    pub fn names_where(holds: fn(Self) -> bool) -> Vec<&'static str> {
        Self::ALL
            .into_iter()
            .filter(|s| holds(*s))
            .map(Self::as_str)
            .collect()
    }

    /// Whether the renewal moves on without anyone's action: Twilio is reviewing the copy, or
    /// recomply is finishing after the approval. The status pages follow these live.
    pub fn moves_on_its_own(self) -> bool {
        matches!(
            self,
            Self::Submitted
                | Self::InReview
                | Self::Approved
                | Self::ItemsReplaced
                | Self::CopyDeleted
        )
    }

    /// Whether the renewal is still open (counts against "one open renewal per bundle");
    /// completed, expired and cancelled renewals are closed.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Completed | Self::Expired | Self::Cancelled)
    }

    /// Whether staff may reopen the bundle for renewal (a cancel holds it until then).
    pub fn may_reopen(self) -> bool {
        self == Self::Cancelled
    }
}

impl fmt::Display for RenewalState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A state name that is not one of [`RenewalState::ALL`].
#[derive(Debug, thiserror::Error)]
#[error("unknown renewal state {0:?}")]
pub struct UnknownState(pub String);

impl FromStr for RenewalState {
    type Err = UnknownState;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| UnknownState(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_database_name() {
        for state in RenewalState::ALL {
            assert_eq!(state.as_str().parse::<RenewalState>().unwrap(), state);
        }
        assert!("approved-ish".parse::<RenewalState>().is_err());
    }

    #[test]
    fn only_completed_expired_and_cancelled_are_closed() {
        let closed: Vec<_> = RenewalState::ALL
            .into_iter()
            .filter(|s| !s.is_open())
            .collect();
        assert_eq!(
            closed,
            [
                RenewalState::Completed,
                RenewalState::Expired,
                RenewalState::Cancelled
            ]
        );
    }

    #[test]
    fn a_rejected_renewal_wears_the_same_warning_badge_in_portal_and_admin() {
        // Twilio asked for changes: the customer can still fix it, so it is a warning like
        // "waiting for your information", not a failure like an expired renewal.
        assert_eq!(RenewalState::Rejected.badge(), "badge-warn");
        assert_eq!(RenewalState::Collecting.badge(), "badge-warn");
        assert_eq!(RenewalState::Expired.badge(), "badge-danger");
        assert_eq!(RenewalState::NeedsAttention.badge(), "badge-danger");
    }

    #[test]
    fn staff_wording_never_addresses_the_customer() {
        for state in RenewalState::ALL {
            assert!(!state.staff_label().contains("your"), "{state}");
        }
        assert_eq!(
            RenewalState::Collecting.label(),
            "Waiting for your information"
        );
        assert_eq!(
            RenewalState::Collecting.staff_label(),
            "Waiting for the customer"
        );
    }

    #[test]
    fn a_renewal_being_prepared_shows_its_page_but_cannot_be_edited_yet() {
        let shown: Vec<_> = RenewalState::ALL
            .into_iter()
            .filter(|s| s.shows_renewal_page())
            .collect();
        let editable: Vec<_> = RenewalState::ALL
            .into_iter()
            .filter(|s| s.customer_may_edit())
            .collect();
        assert_eq!(
            shown,
            [
                RenewalState::Detected,
                RenewalState::CopyCreated,
                RenewalState::Collecting,
                RenewalState::Rejected
            ]
        );
        assert_eq!(editable, [RenewalState::Collecting]);
    }
}
