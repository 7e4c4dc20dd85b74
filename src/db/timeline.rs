//! The append-only `renewal_event` timeline: one row per transition or notable action.

use serde_json::Value;
use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use super::PgTx;
use crate::domain::ids::{RenewalEventId, RenewalId, TenantId};
use crate::domain::renewal::{Cause, RenewalState};

/// Where a transition's [`reason`](super::renewals::Transition::reason) is kept inside the
/// row's details. It is stored there, not in a column of its own, so that the hash chain's
/// encoding of older rows stays as it was.
pub(super) const REASON_KEY: &str = "reason";

/// One timeline row.
#[derive(Debug, Clone, FromRow)]
pub struct TimelineEvent {
    /// Sequence number (ordering).
    pub renewal_event_id: RenewalEventId,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// State before (None when the renewal was opened).
    pub from_state: Option<RenewalState>,
    /// State after (equal to `from_state` for actions that change no state).
    pub to_state: RenewalState,
    /// customer | staff | webhook | sweep | job.
    pub cause: String,
    /// Who: customer email, staff name, or job name.
    pub actor: Option<String>,
    /// `{"event": "...", ...}`: the event or action name and its particulars.
    pub details: Value,
    /// Why the renewal moved, when the move had a reason (e.g. needs attention); read from
    /// the details' [`REASON_KEY`], where it is stored.
    pub reason: Option<String>,
    /// When.
    pub created_at: OffsetDateTime,
}

impl TimelineEvent {
    /// The event or action name recorded in `details.event`.
    pub fn event(&self) -> &str {
        self.details
            .get("event")
            .and_then(Value::as_str)
            .unwrap_or("")
    }
}

/// A timeline row to append.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    /// The renewal's tenant.
    pub tenant_id: TenantId,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// State before (None when the renewal is opened).
    pub from_state: Option<RenewalState>,
    /// State after (equal to `from_state` for an action that changes no state).
    pub to_state: RenewalState,
    /// What caused it.
    pub cause: Cause,
    /// Who: customer email, staff name, or job name.
    pub actor: &'a str,
    /// `{"event": "...", ...}`.
    pub details: &'a Value,
}

/// Appends `event` in the caller's transaction.
pub async fn append(tx: &mut PgTx<'_>, event: NewEvent<'_>) -> sqlx::Result<()> {
    append_all(tx, &[event]).await
}

/// Appends `events` in the caller's transaction, chained in the order given: one statement
/// per tenant among them, which locks the tenant's chain and reads its head once for the whole
/// batch and computes each row's hash in one pass (`renewal_event_append` in the migrations;
/// the hashes are those the per-row chain trigger computes).
pub async fn append_all(tx: &mut PgTx<'_>, events: &[NewEvent<'_>]) -> sqlx::Result<()> {
    let mut tenants: Vec<TenantId> = events.iter().map(|e| e.tenant_id).collect();
    tenants.sort_unstable();
    tenants.dedup();
    for tenant_id in tenants {
        let batch: Vec<&NewEvent<'_>> =
            events.iter().filter(|e| e.tenant_id == tenant_id).collect();
        append_for_tenant(tx, tenant_id, &batch).await?;
    }
    Ok(())
}

/// [`append_all`] for the events of one tenant.
async fn append_for_tenant(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    events: &[&NewEvent<'_>],
) -> sqlx::Result<()> {
    let renewals: Vec<RenewalId> = events.iter().map(|e| e.renewal_id).collect();
    let from: Vec<Option<&str>> = events
        .iter()
        .map(|e| e.from_state.map(RenewalState::as_str))
        .collect();
    let to: Vec<&str> = events.iter().map(|e| e.to_state.as_str()).collect();
    let causes: Vec<&str> = events.iter().map(|e| e.cause.as_str()).collect();
    let actors: Vec<&str> = events.iter().map(|e| e.actor).collect();
    let details: Vec<&Value> = events.iter().map(|e| e.details).collect();
    sqlx::query!(
        "select renewal_event_append($1, $2::uuid[], $3::text[], $4::text[], $5::text[],
             $6::text[], $7::jsonb[])",
        tenant_id as _,
        &renewals as _,
        &from as _,
        &to as _,
        &causes as _,
        &actors as _,
        &details as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A renewal's timeline, oldest first; empty for another tenant's renewal.
pub async fn list_for_renewal(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Vec<TimelineEvent>> {
    sqlx::query_as!(
        TimelineEvent,
        r#"select renewal_event_id as "renewal_event_id: RenewalEventId", renewal_id as "renewal_id: RenewalId",
            from_state as "from_state: RenewalState", to_state as "to_state: RenewalState", cause,
            actor, details,
                details->>'reason' as reason, created_at
         from renewal_event
         where tenant_id = $1 and renewal_id = $2
         order by renewal_event_id"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_all(db)
    .await
}
