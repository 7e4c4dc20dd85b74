//! Renewals: the row and its lookups, snapshots, rejections, cancellations and reminders.
//! Opening them lives in [`super::renewal_openings`] and state transitions (an optimistic check
//! on the current state, each written to the timeline with its outbound event in the same
//! transaction) in [`super::renewal_transition`]; both are re-exported here.
//! Every query is scoped by tenant.

use crate::domain::ids::{BundleId, RenewalId, TenantId};
use crate::domain::sid::BundleSid;
use serde_json::{Value, json};
use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use super::PgTx;
pub use super::renewal_openings::{blocked_openings, open};
pub use super::renewal_transition::{Transition, TransitionError, transition};
use super::snapshot::{StoredSnapshot, UnreadableSnapshot};
use super::timeline::{self, NewEvent};
use crate::domain::cancel_reason::Cancellation;
use crate::domain::renewal::{Cause, RenewalState};
use crate::domain::snapshot::RenewalSnapshot;

/// A renewal with the bundle it renews.
#[derive(Debug, Clone, FromRow)]
pub struct Renewal {
    /// Primary key.
    pub renewal_id: RenewalId,
    /// Owning tenant.
    pub tenant_id: TenantId,
    /// The original bundle's row.
    pub bundle_id: BundleId,
    /// The original bundle's SID.
    pub bundle_sid: BundleSid,
    /// The original bundle's name.
    pub bundle_name: String,
    /// Current state.
    pub state: RenewalState,
    /// The `valid_until` that opened it.
    pub deadline: Option<OffsetDateTime>,
    /// The last day to submit so that one rejection can still be fixed before the deadline
    /// (`domain::submit_by`, fixed when the renewal opened).
    pub submit_by: Option<OffsetDateTime>,
    /// The Bundle Copy, once created.
    pub copy_sid: Option<BundleSid>,
    /// Why staff must look (needs_attention).
    pub attention_reason: Option<String>,
    /// Twilio's reasons after the last rejection.
    pub rejection: Option<Value>,
    /// What was last read from Twilio (see [`Renewal::snapshot`]).
    #[sqlx(rename = "snapshot")]
    pub stored_snapshot: StoredSnapshot,
    /// When the snapshot was taken.
    pub snapshot_at: Option<OffsetDateTime>,
    /// Last submission.
    pub submitted_at: Option<OffsetDateTime>,
    /// Completion.
    pub completed_at: Option<OffsetDateTime>,
    /// Completion, expiry or cancellation.
    pub closed_at: Option<OffsetDateTime>,
    /// When the unused copy of a closed renewal was dealt with at Twilio.
    pub copy_discarded_at: Option<OffsetDateTime>,
    /// Opened at.
    pub created_at: OffsetDateTime,
}

impl Renewal {
    /// The snapshot: `Ok(None)` before preparation, `Err` (logged with the renewal id) when
    /// the stored value no longer decodes; each caller says what it does then.
    pub fn snapshot(&self) -> Result<Option<RenewalSnapshot>, UnreadableSnapshot> {
        Ok(self.stored_snapshot.read(self.renewal_id)?.cloned())
    }
}

/// The renewal `renewal_id` of `tenant_id`.
pub async fn find(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Option<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.tenant_id = $1 and r.renewal_id = $2"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_optional(db)
    .await
}

/// Like [`find`], locking the row until the transaction ends (serialises work on a renewal).
pub async fn find_for_update(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Option<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.tenant_id = $1 and r.renewal_id = $2 for update of r"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_optional(&mut **tx)
    .await
}

/// The active renewal whose copy is `copy_sid`.
pub async fn find_active_by_copy(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    copy_sid: &str,
) -> sqlx::Result<Option<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.tenant_id = $1 and r.copy_sid = $2
             and renewal_is_open(r.state)"#,
        tenant_id as _,
        copy_sid,
    )
    .fetch_optional(db)
    .await
}

/// The active renewals of the tenant's bundles `bundle_sids`, one per bundle at most.
pub async fn find_active_among(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sids: &[String],
) -> sqlx::Result<Vec<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.tenant_id = $1 and b.tenant_id = $1 and b.sid = any($2)
             and renewal_is_open(r.state)"#,
        tenant_id as _,
        bundle_sids,
    )
    .fetch_all(db)
    .await
}

/// A tenant's renewals, soonest deadline first.
pub async fn list_for_tenant(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.tenant_id = $1 order by r.deadline nulls last,
        r.created_at"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// Open renewals of every tenant that wait for the customer's submission and have a deadline
/// (for reminders): never submitted, or back with the customer after a rejection (collecting
/// or rejected; a submission moves them on).
pub async fn list_awaiting_submission(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.deadline is not null
             and (r.state in ('collecting', 'rejected')
                  or (r.state in ('detected', 'copy_created', 'needs_attention')
                      and r.submitted_at is null))
         order by r.deadline"#,
    )
    .fetch_all(db)
    .await
}

/// A tenant's active renewals in one of `states`.
pub async fn list_in_states(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    states: &[RenewalState],
) -> sqlx::Result<Vec<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id where r.tenant_id = $1 and r.state = any($2) order by r.created_at"#,
        tenant_id as _,
        states as _,
    )
    .fetch_all(db)
    .await
}

/// Records why the cancelled renewal was cancelled, in the transaction that cancelled it.
pub async fn set_cancellation(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    cancellation: &Cancellation,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update renewal set cancel_reason = $3, snoozed_until = $4
         where tenant_id = $1 and renewal_id = $2 and state = 'cancelled'",
        tenant_id as _,
        renewal_id as _,
        cancellation.reason.as_str(),
        cancellation.snoozed_until,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Staff reopen a cancelled renewal's bundle: its cancel no longer holds. Returns whether the
/// renewal was a held cancel.
pub async fn release_hold(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<bool> {
    let released = sqlx::query!(
        "update renewal set hold_released_at = now()
         where tenant_id = $1 and renewal_id = $2 and state = 'cancelled'
               and hold_released_at is null",
        tenant_id as _,
        renewal_id as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(released.rows_affected() == 1)
}

/// Records that the closed renewal's unused copy was dealt with at Twilio; `false` when it
/// already was (a repeated job records nothing twice).
pub async fn mark_copy_discarded(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<bool> {
    let marked = sqlx::query!(
        "update renewal set copy_discarded_at = now()
         where tenant_id = $1 and renewal_id = $2 and copy_discarded_at is null",
        tenant_id as _,
        renewal_id as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// Records an action that changes no state (e.g. "changes saved") on the timeline.
pub async fn record_action(
    tx: &mut PgTx<'_>,
    renewal: &Renewal,
    action: &str,
    cause: Cause,
    actor: &str,
    mut details: Value,
) -> sqlx::Result<()> {
    if let Value::Object(map) = &mut details {
        map.insert("event".into(), Value::String(action.into()));
    } else {
        details = json!({"event": action});
    }
    let state = renewal.state;
    timeline::append(
        tx,
        NewEvent {
            tenant_id: renewal.tenant_id,
            renewal_id: renewal.renewal_id,
            from_state: Some(state),
            to_state: state,
            cause,
            actor,
            details: &details,
        },
    )
    .await
}

/// Stores the copy's SID.
pub async fn set_copy_sid(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    copy_sid: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update renewal set copy_sid = $3 where tenant_id = $1 and renewal_id = $2",
        tenant_id as _,
        renewal_id as _,
        copy_sid,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores a fresh snapshot as the renewal's latest (with what it still needs, for fix-once
/// offers) and keeps its evaluation in the history.
pub async fn store_snapshot(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    snapshot: &RenewalSnapshot,
    why: super::evaluations::EvaluationCause<'_>,
) -> sqlx::Result<()> {
    super::evaluations::append(tx, tenant_id, renewal_id, snapshot, why).await?;
    let json = serde_json::to_value(snapshot).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query!(
        "update renewal set snapshot = $3, snapshot_at = $4, needs = $5
         where tenant_id = $1 and renewal_id = $2",
        tenant_id as _,
        renewal_id as _,
        json,
        snapshot.taken_at,
        crate::domain::fix_once::need_keys(snapshot) as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores Twilio's reasons for the last rejection.
pub async fn set_rejection(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    rejection: &Value,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update renewal set rejection = $3 where tenant_id = $1 and renewal_id = $2",
        tenant_id as _,
        renewal_id as _,
        rejection,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The state the renewal was in before it last entered `needs_attention`.
pub async fn state_before_attention(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Option<RenewalState>> {
    let from: Option<RenewalState> = sqlx::query_scalar!(
        r#"select from_state as "from_state: RenewalState" from renewal_event
         where tenant_id = $1 and renewal_id = $2 and to_state = 'needs_attention'
             and from_state is distinct from 'needs_attention'
         order by renewal_event_id desc limit 1"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_optional(db)
    .await?
    .flatten();
    Ok(from)
}

/// Records that `reminder` (e.g. `reminder_7d`, `staff_3d`) went out for the renewal; false
/// when it already had.
pub async fn record_reminder(
    tx: &mut PgTx<'_>,
    renewal: &Renewal,
    reminder: &str,
) -> sqlx::Result<bool> {
    let inserted = sqlx::query!(
        "insert into renewal_reminder (renewal_id, tenant_id, reminder) values ($1, $2, $3)
         on conflict do nothing",
        renewal.renewal_id as _,
        renewal.tenant_id as _,
        reminder,
    )
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// A transaction holding a per-renewal advisory lock until it ends: serialises background
/// steps on one renewal without locking its row (so the step may still write the row in
/// transactions of its own).
pub async fn step_guard(db: &sqlx::PgPool, renewal_id: RenewalId) -> sqlx::Result<PgTx<'static>> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1::text, 0))",
        renewal_id.to_string(),
    )
    .execute(&mut *tx)
    .await?;
    Ok(tx)
}

/// How many renewals are in each state, across tenants (only states that have any).
pub async fn count_by_state(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query!(r#"select state, count(*) as "count!" from renewal group by state"#)
        .map(|row| (row.state, row.count))
        .fetch_all(db)
        .await
}
