//! The renewal state machine: which [`RenewalEvent`] may move a renewal from which
//! [`RenewalState`] to which. Pure; `db::renewals::transition` persists the result.
//!
//! ```text
//! detected ─CopyCreated─▶ copy_created ─Prepared─▶ collecting ─Submitted─▶ submitted
//! submitted ─ReviewStarted─▶ in_review
//! submitted|in_review ─Rejected─▶ rejected ─Reopened─▶ collecting
//! submitted|in_review ─Approved─▶ approved ─ItemsReplaced─▶ items_replaced
//! items_replaced ─CopyDeleted─▶ copy_deleted ─Completed─▶ completed
//! any active ─Expired─▶ expired · ─Cancelled─▶ cancelled · ─AttentionNeeded─▶ needs_attention
//! needs_attention ─Resumed(s)─▶ s (any active state but needs_attention)
//! ```

pub use super::renewal_state::RenewalState;

/// Something that happened to a renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RenewalEvent {
    /// The Bundle Copy was created (or an earlier one adopted).
    CopyCreated,
    /// The copy was evaluated and its items read: the customer can fill in the page.
    Prepared,
    /// The copy was submitted (`pending-review`).
    Submitted,
    /// Twilio started reviewing (`in-review`).
    ReviewStarted,
    /// Twilio rejected the copy.
    Rejected,
    /// After a rejection the copy is open for changes again.
    Reopened,
    /// Twilio approved the copy.
    Approved,
    /// ReplaceItems moved the copy's items into the original.
    ItemsReplaced,
    /// The copy was deleted (after `valid_until` was confirmed gone).
    CopyDeleted,
    /// Nothing left to do.
    Completed,
    /// The deadline passed and Twilio rejected the original.
    Expired,
    /// Staff stopped the renewal.
    Cancelled,
    /// A failure a human must look at (the reason is stored on the renewal).
    AttentionNeeded,
    /// Staff retried: go back to where the renewal was before it needed attention.
    Resumed(RenewalState),
}

impl RenewalEvent {
    /// The name written to the timeline.
    pub fn name(self) -> &'static str {
        match self {
            Self::CopyCreated => "copy_created",
            Self::Prepared => "prepared",
            Self::Submitted => "submitted",
            Self::ReviewStarted => "review_started",
            Self::Rejected => "rejected",
            Self::Reopened => "reopened",
            Self::Approved => "approved",
            Self::ItemsReplaced => "items_replaced",
            Self::CopyDeleted => "copy_deleted",
            Self::Completed => "completed",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
            Self::AttentionNeeded => "attention_needed",
            Self::Resumed(_) => "resumed",
        }
    }

    /// Every event without data, plus `Resumed` to each state (for exhaustive tests).
    pub fn all() -> Vec<RenewalEvent> {
        let mut events = vec![
            Self::CopyCreated,
            Self::Prepared,
            Self::Submitted,
            Self::ReviewStarted,
            Self::Rejected,
            Self::Reopened,
            Self::Approved,
            Self::ItemsReplaced,
            Self::CopyDeleted,
            Self::Completed,
            Self::Expired,
            Self::Cancelled,
            Self::AttentionNeeded,
        ];
        events.extend(RenewalState::ALL.into_iter().map(Self::Resumed));
        events
    }
}

/// `event` cannot happen in `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a renewal in state {from} cannot take event {}", event.name())]
pub struct InvalidTransition {
    /// The state the renewal was in.
    pub from: RenewalState,
    /// The refused event.
    pub event: RenewalEvent,
}

/// The state after `event` happens in `state`.
pub fn apply(state: RenewalState, event: RenewalEvent) -> Result<RenewalState, InvalidTransition> {
    use RenewalEvent as E;
    use RenewalState as S;
    let next = match (state, event) {
        (S::Detected, E::CopyCreated) => S::CopyCreated,
        (S::CopyCreated, E::Prepared) => S::Collecting,
        (S::Collecting, E::Submitted) => S::Submitted,
        (S::Submitted, E::ReviewStarted) => S::InReview,
        (S::Submitted | S::InReview, E::Rejected) => S::Rejected,
        (S::Rejected, E::Reopened) => S::Collecting,
        (S::Submitted | S::InReview, E::Approved) => S::Approved,
        (S::Approved, E::ItemsReplaced) => S::ItemsReplaced,
        (S::ItemsReplaced, E::CopyDeleted) => S::CopyDeleted,
        (S::CopyDeleted, E::Completed) => S::Completed,
        (from, E::Expired | E::Cancelled) if from.is_open() => match event {
            E::Expired => S::Expired,
            _ => S::Cancelled,
        },
        (from, E::AttentionNeeded) if from.is_open() && from != S::NeedsAttention => {
            S::NeedsAttention
        }
        (S::NeedsAttention, E::Resumed(to)) if to.is_open() && to != S::NeedsAttention => to,
        _ => return Err(InvalidTransition { from: state, event }),
    };
    Ok(next)
}

impl TryFrom<String> for RenewalState {
    type Error = super::renewal_state::UnknownState;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// Why a transition happened (the timeline's `cause` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The end customer did it.
    Customer,
    /// Support staff did it.
    Staff,
    /// A Twilio status callback led to it.
    Webhook,
    /// The periodic or on-demand sweep found it.
    Sweep,
    /// A background job did it.
    Job,
}

super::text_enum::text_enum!(Cause, "cause", {
    Customer => "customer",
    Staff => "staff",
    Webhook => "webhook",
    Sweep => "sweep",
    Job => "job",
});

#[cfg(test)]
mod tests {
    use super::*;
    use RenewalEvent as E;
    use RenewalState as S;

    /// The complete transition table: every (state, event) pair not listed must be refused.
    fn expected(state: S, event: E) -> Option<S> {
        let table: &[(S, E, S)] = &[
            (S::Detected, E::CopyCreated, S::CopyCreated),
            (S::CopyCreated, E::Prepared, S::Collecting),
            (S::Collecting, E::Submitted, S::Submitted),
            (S::Submitted, E::ReviewStarted, S::InReview),
            (S::Submitted, E::Rejected, S::Rejected),
            (S::InReview, E::Rejected, S::Rejected),
            (S::Rejected, E::Reopened, S::Collecting),
            (S::Submitted, E::Approved, S::Approved),
            (S::InReview, E::Approved, S::Approved),
            (S::Approved, E::ItemsReplaced, S::ItemsReplaced),
            (S::ItemsReplaced, E::CopyDeleted, S::CopyDeleted),
            (S::CopyDeleted, E::Completed, S::Completed),
        ];
        if let Some((_, _, to)) = table.iter().find(|(s, e, _)| *s == state && *e == event) {
            return Some(*to);
        }
        let open = !matches!(state, S::Completed | S::Expired | S::Cancelled);
        match event {
            E::Expired if open => Some(S::Expired),
            E::Cancelled if open => Some(S::Cancelled),
            E::AttentionNeeded if open && state != S::NeedsAttention => Some(S::NeedsAttention),
            E::Resumed(to)
                if state == S::NeedsAttention
                    && !matches!(
                        to,
                        S::Completed | S::Expired | S::Cancelled | S::NeedsAttention
                    ) =>
            {
                Some(to)
            }
            _ => None,
        }
    }

    #[test]
    fn every_state_and_event_pair_follows_the_table() {
        let mut allowed = 0;
        for state in S::ALL {
            for event in E::all() {
                let result = apply(state, event);
                match expected(state, event) {
                    Some(to) => {
                        allowed += 1;
                        assert_eq!(result, Ok(to), "{state} + {}", event.name());
                    }
                    None => assert_eq!(
                        result,
                        Err(InvalidTransition { from: state, event }),
                        "{state} + {} should be refused",
                        event.name()
                    ),
                }
            }
        }
        // 12 lifecycle edges + 10 open states × (expire, cancel) + 9 × attention + 9 resumes.
        assert_eq!(allowed, 12 + 20 + 9 + 9);
    }

    #[test]
    fn the_happy_path_reaches_completed() {
        let path = [
            E::CopyCreated,
            E::Prepared,
            E::Submitted,
            E::ReviewStarted,
            E::Approved,
            E::ItemsReplaced,
            E::CopyDeleted,
            E::Completed,
        ];
        let end = path
            .into_iter()
            .try_fold(S::Detected, apply)
            .expect("the happy path is valid");
        assert_eq!(end, S::Completed);
    }

    #[test]
    fn a_rejection_reopens_collecting_and_allows_resubmission() {
        let end = [E::Rejected, E::Reopened, E::Submitted, E::Approved]
            .into_iter()
            .try_fold(S::InReview, apply)
            .unwrap();
        assert_eq!(end, S::Approved);
    }

    #[test]
    fn closed_renewals_take_no_event_at_all() {
        for state in [S::Completed, S::Expired, S::Cancelled] {
            assert!(E::all().into_iter().all(|e| apply(state, e).is_err()));
        }
    }

    #[test]
    fn a_renewal_needing_attention_resumes_only_into_an_open_state() {
        assert_eq!(
            apply(S::NeedsAttention, E::Resumed(S::Approved)),
            Ok(S::Approved)
        );
        assert!(apply(S::NeedsAttention, E::Resumed(S::Completed)).is_err());
        assert!(apply(S::Approved, E::Resumed(S::Approved)).is_err());
        assert!(apply(S::NeedsAttention, E::AttentionNeeded).is_err());
    }

    #[test]
    fn an_invalid_transition_names_the_state_and_event() {
        let error = apply(S::Detected, E::Approved).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a renewal in state detected cannot take event approved"
        );
    }

    #[test]
    fn every_cause_round_trips_and_unknown_causes_are_refused() {
        for cause in Cause::ALL {
            assert_eq!(cause.as_str().parse::<Cause>().unwrap(), *cause);
        }
        assert_eq!(Cause::Customer.to_string(), "customer");
        let error = "robot".parse::<Cause>().unwrap_err();
        assert_eq!(error.to_string(), "unknown cause \"robot\"");
    }
}
