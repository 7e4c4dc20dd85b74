//! Renewals across tenants: the filtered list (and its CSV), one renewal with its bundle, its
//! timeline and the emails sent about it.

use sqlx::PgPool;
use time::OffsetDateTime;

pub use super::filter::DaysFilter;
use super::filter::{Filter, ListQuery, page};
use crate::db::snapshot::StoredSnapshot;
use crate::db::timeline::REASON_KEY;
use crate::domain::ids::{RenewalEventId, RenewalId, TenantId};
use crate::domain::renewal_state::RenewalState;
use crate::twilio::BundleStatus;

/// Which renewals to show. Every field is optional; all given ones must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenewalFilter {
    /// One state, or `Open` / `Any`.
    pub state: StateFilter,
    /// One tenant.
    pub tenant_id: Option<TenantId>,
    /// ISO country code of the bundle (upper case).
    pub country: Option<String>,
    /// Days left until the deadline.
    pub days: DaysFilter,
    /// Part of a bundle SID: the original's or the copy's.
    pub sid: Option<String>,
    /// The order of the list.
    pub sort: RenewalSort,
}

/// The order of the renewals list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RenewalSort {
    /// Soonest deadline first.
    #[default]
    Deadline,
    /// Most phone numbers at risk first, then soonest deadline.
    Numbers,
}

impl RenewalSort {
    /// The `order by` of this sort (the list's final tie-breakers included).
    fn order_by(self) -> &'static str {
        match self {
            Self::Deadline => "deadline asc nulls last, r.created_at desc, r.renewal_id",
            Self::Numbers => {
                "b.number_count desc, deadline asc nulls last, r.created_at desc, r.renewal_id"
            }
        }
    }
}

/// The state part of a [`RenewalFilter`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StateFilter {
    /// Any state.
    #[default]
    Any,
    /// Not completed, expired or cancelled.
    Open,
    /// Exactly this state.
    Is(RenewalState),
}

/// One row of the renewals list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RenewalRow {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Its tenant.
    pub tenant_id: TenantId,
    /// The tenant's name.
    pub tenant_name: String,
    /// The original bundle's SID.
    pub bundle_sid: String,
    /// The bundle copy's SID, once created.
    pub copy_sid: Option<String>,
    /// The bundle's friendly name.
    pub friendly_name: String,
    /// The bundle's country.
    pub iso_country: Option<String>,
    /// The regulation's friendly name.
    pub regulation_name: Option<String>,
    /// The renewal state.
    pub state: RenewalState,
    /// The deadline (renewal's, else the bundle's `valid_until`).
    pub deadline: Option<OffsetDateTime>,
    /// The last day to submit with room for one rejection (`domain::submit_by`).
    pub submit_by: Option<OffsetDateTime>,
    /// Why a human must look, when in needs_attention.
    pub attention_reason: Option<String>,
    /// Phone numbers registered under the bundle.
    pub number_count: i32,
    /// When the renewal was opened.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

const SELECT: &str = "select r.renewal_id, r.tenant_id, t.name as tenant_name, b.sid as bundle_sid,
        r.copy_sid, b.friendly_name, b.iso_country, b.regulation_name, r.state,
        coalesce(r.deadline, b.valid_until) as deadline, r.submit_by, r.attention_reason,
        b.number_count,
        r.created_at, r.updated_at
     from renewal r
     join bundle b on b.bundle_id = r.bundle_id
     join tenant t on t.tenant_id = r.tenant_id";

impl RenewalFilter {
    /// The conditions of this filter.
    fn conditions(&self) -> Filter {
        let filter = match self.state {
            StateFilter::Any => Filter::new(),
            StateFilter::Open => Filter::new().condition("renewal_is_open(r.state)", vec![]),
            StateFilter::Is(state) => Filter::new().equals("r.state", Some(state.as_str())),
        };
        filter
            .equals("r.tenant_id", self.tenant_id)
            .equals("b.iso_country", self.country.as_deref())
            .days_left("coalesce(r.deadline, b.valid_until)", self.days)
            .contains_any(
                &["b.sid ilike {}", "r.copy_sid ilike {}"],
                self.sid.as_deref(),
            )
    }
}

/// One page of matching renewals in the filter's order, and the total number of matches.
pub async fn list(
    db: &PgPool,
    filter: &RenewalFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<RenewalRow>, i64)> {
    let list = ListQuery {
        count: "select count(*) from renewal r join bundle b on b.bundle_id = r.bundle_id",
        select: SELECT,
        order_by: filter.sort.order_by(),
    };
    page(db, list, &filter.conditions(), limit, offset).await
}

/// The open renewals with the closest deadlines (their own, else their bundle's), as
/// [`list`] orders them under [`StateFilter::Open`], without counting them: read in order from
/// `renewal_open_deadline_idx`, with the few open renewals that have no deadline of their own
/// sorted beside them, however many renewals are open.
pub async fn closest_open(db: &PgPool, limit: i64) -> sqlx::Result<Vec<RenewalRow>> {
    let open = "renewal_is_open(r.state)";
    let order = RenewalSort::Deadline.order_by();
    // Runtime-checked: shares `SELECT` and the sort with the filtered list's builder.
    sqlx::query_as(&format!(
        "select * from (
             (select * from ({SELECT} where {open} and r.deadline is not null
                 order by r.deadline, r.created_at desc, r.renewal_id limit $1) own)
             union all
             (select * from ({SELECT} where {open} and r.deadline is null
                 order by {order} limit $1) inherited)
         ) r order by {order} limit $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// One renewal, with its bundle and tenant, plus what the detail page shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RenewalDetail {
    /// The list columns.
    #[sqlx(flatten)]
    pub row: RenewalRow,
    /// The original bundle's Twilio status.
    pub bundle_status: BundleStatus,
    /// The original bundle's `valid_until`.
    pub valid_until: Option<OffsetDateTime>,
    /// The bundle's notification email.
    pub bundle_email: Option<String>,
    /// Twilio's reasons after a rejection.
    pub rejection: Option<serde_json::Value>,
    /// Latest evaluation and items.
    pub snapshot: StoredSnapshot,
    /// When the snapshot was taken.
    pub snapshot_at: Option<OffsetDateTime>,
    /// When the copy was submitted.
    pub submitted_at: Option<OffsetDateTime>,
    /// When the renewal completed.
    pub completed_at: Option<OffsetDateTime>,
}

/// The renewal with this id, from any tenant.
pub async fn find(db: &PgPool, renewal_id: RenewalId) -> sqlx::Result<Option<RenewalDetail>> {
    // Runtime-checked: extends the filtered list's shared `SELECT`.
    sqlx::query_as(&format!(
        "{}
         where r.renewal_id = $1",
        SELECT.replace(
            "r.created_at, r.updated_at",
            "r.created_at, r.updated_at, b.status as bundle_status, b.valid_until,
             b.email as bundle_email, r.rejection, r.snapshot, r.snapshot_at, r.submitted_at,
             r.completed_at"
        )
    ))
    .bind(renewal_id)
    .fetch_optional(db)
    .await
}

/// One entry of a renewal's timeline.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TimelineEvent {
    /// Sequence number.
    pub renewal_event_id: RenewalEventId,
    /// State before (none for the first event).
    pub from_state: Option<RenewalState>,
    /// State after.
    pub to_state: RenewalState,
    /// customer, staff, webhook, sweep or job.
    pub cause: String,
    /// Who (staff name, customer email, job name).
    pub actor: Option<String>,
    /// Extra facts (action, error, …).
    pub details: serde_json::Value,
    /// Why the renewal moved, when the move had a reason (stored among the details).
    pub reason: Option<String>,
    /// When.
    pub created_at: OffsetDateTime,
}

impl TimelineEvent {
    /// The `summary`, `message`, event or action in the details, if any, for a one-line
    /// summary (the reason has a line of its own).
    pub fn summary(&self) -> String {
        let details = &self.details;
        let text = |key: &str| details.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        text("summary")
            .or_else(|| text("message"))
            .or_else(|| text("event").map(|a| a.replace('_', " ")))
            .or_else(|| text("action").map(|a| a.replace('_', " ")))
            .or_else(|| text("error"))
            .unwrap_or_default()
    }

    /// The details as compact JSON without the reason (shown on its own line), or empty when
    /// there are none.
    pub fn details_json(&self) -> String {
        match &self.details {
            serde_json::Value::Object(map) => {
                let mut shown = map.clone();
                shown.remove(REASON_KEY);
                if shown.is_empty() {
                    String::new()
                } else {
                    serde_json::Value::Object(shown).to_string()
                }
            }
            other => other.to_string(),
        }
    }
}

/// The timeline of a renewal, oldest first.
pub async fn timeline(db: &PgPool, renewal_id: RenewalId) -> sqlx::Result<Vec<TimelineEvent>> {
    sqlx::query_as!(
        TimelineEvent,
        r#"select renewal_event_id as "renewal_event_id: RenewalEventId", from_state as "from_state: RenewalState",
            to_state as "to_state: RenewalState", cause, actor, details,
                details->>'reason' as reason, created_at
         from renewal_event where renewal_id = $1 order by renewal_event_id"#,
        renewal_id as _,
    )
    .fetch_all(db)
    .await
}
