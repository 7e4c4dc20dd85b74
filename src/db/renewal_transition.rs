//! Moving a renewal: one event applied to the state the caller read (an optimistic check: the
//! move happens only if the renewal is still in it), written to the timeline with its outbound
//! event in the same transaction. Every query is scoped by tenant.

use serde_json::Value;

use super::PgTx;
use super::renewals::Renewal;
use super::timeline::{self, NewEvent};
use crate::domain::event_type::EventType;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::{Cause, InvalidTransition, RenewalEvent, RenewalState, apply};

/// A transition that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TransitionError {
    /// The state machine refuses the event in the expected state (a programming error).
    #[error(transparent)]
    Invalid(#[from] InvalidTransition),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// One move of a renewal by an event, as [`transition`] applies it.
#[derive(Debug, Clone)]
pub struct Transition<'a> {
    /// The renewal's tenant.
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// The state the caller read; the move happens only if the renewal is still in it.
    pub from: RenewalState,
    /// What happened.
    pub event: RenewalEvent,
    /// What caused it.
    pub cause: Cause,
    /// Who: customer email, staff name, or job name.
    pub actor: &'a str,
    /// Why, in words staff read (kept as the renewal's attention reason when the move is to
    /// needs_attention, and on the timeline row).
    pub reason: Option<String>,
    /// Particulars for the timeline (copy SID, bundle status, …): a JSON object.
    pub details: Value,
}

impl<'a> Transition<'a> {
    /// `event` for `renewal` from the state it was read in, with no reason and no particulars
    /// yet.
    pub fn of(renewal: &Renewal, event: RenewalEvent, cause: Cause, actor: &'a str) -> Self {
        Self {
            tenant_id: renewal.tenant_id,
            renewal_id: renewal.renewal_id,
            from: renewal.state,
            event,
            cause,
            actor,
            reason: None,
            details: Value::Null,
        }
    }

    /// The same move, expected from `state` rather than the state the renewal was read in.
    pub fn from(mut self, state: RenewalState) -> Self {
        self.from = state;
        self
    }

    /// The same move with `details` as its particulars.
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// The same move with `reason`.
    pub fn because(mut self, reason: String) -> Self {
        self.reason = Some(reason);
        self
    }
}

/// Moves the renewal from `transition.from` by its event, and writes the timeline row, in
/// `tx`. Returns `Ok(None)` without writing anything when the renewal is not (or no longer) in
/// that state: another worker or a duplicate callback got there first.
pub async fn transition(
    tx: &mut PgTx<'_>,
    transition: Transition<'_>,
) -> Result<Option<RenewalState>, TransitionError> {
    let Transition {
        tenant_id,
        renewal_id,
        from: expected_from,
        event,
        cause,
        actor,
        reason,
        details,
    } = transition;
    let to = apply(expected_from, event)?;
    let updated = sqlx::query!(
        "update renewal set state = $4,
             submitted_at = case when $4 = 'submitted' then now() else submitted_at end,
             provisionally_approved_at = case when $4 = 'submitted' then null
                                              else provisionally_approved_at end,
             completed_at = case when $4 = 'completed' then now() else completed_at end,
             closed_at = case when not renewal_is_open($4) then now()
                              else closed_at end,
             attention_reason = case when $4 = 'needs_attention' then $5
                                     when $3 = 'needs_attention' then null
                                     else attention_reason end
         where tenant_id = $1 and renewal_id = $2 and state = $3",
        tenant_id as _,
        renewal_id as _,
        expected_from as _,
        to as _,
        reason.as_deref(),
    )
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(None);
    }
    if !to.is_open() {
        // A closed renewal's emailed links stop working with it.
        super::magic_links::revoke_for_renewal(tx, tenant_id, renewal_id, to.as_str()).await?;
    }
    let mut details = match details {
        Value::Object(map) => map,
        Value::Null => Default::default(),
        other => [("value".to_owned(), other)].into_iter().collect(),
    };
    details.insert("event".into(), Value::String(event.name().into()));
    if let Some(reason) = reason {
        details.insert(timeline::REASON_KEY.into(), Value::String(reason));
    }
    let details = Value::Object(details);
    timeline::append(
        tx,
        NewEvent {
            tenant_id,
            renewal_id,
            from_state: Some(expected_from),
            to_state: to,
            cause,
            actor,
            details: &details,
        },
    )
    .await?;
    if let Some(event_type) = EventType::for_transition(event) {
        super::outbound_events::record_for_renewal(tx, tenant_id, renewal_id, event_type).await?;
    }
    Ok(Some(to))
}
