//! Opening renewals: one per affected original bundle, each with its `opened` timeline row and
//! its `renewal.detected` outbound event, in the caller's transaction. A sweep opens a page's
//! renewals at once, in a fixed handful of statements whatever their number. Which bundles may
//! not get one (a staff hold, a deadline already met) is read here too.

use crate::domain::ids::{BundleId, RenewalId, TenantId};
use serde_json::{Value, json};
use sqlx::PgExecutor;
use time::OffsetDateTime;

use super::PgTx;
use super::outbound_events::{self, InsertedRenewal};
use super::timeline::{self, NewEvent};
use crate::domain::event_type::EventType;
use crate::domain::renewal::{Cause, RenewalState};
use crate::domain::sid::BundleSid;
use crate::domain::submit_by::SubmitByRule;

/// Who opens the renewals, and the rule that sets their submit-by dates.
#[derive(Debug, Clone, Copy)]
pub struct Opener<'a> {
    /// The bundles' tenant.
    pub tenant_id: TenantId,
    /// How far before the deadline the copy must be submitted.
    pub rule: SubmitByRule,
    /// What caused the openings.
    pub cause: Cause,
    /// Who: the job's or staff member's name.
    pub actor: &'a str,
}

/// One bundle to open a renewal for.
#[derive(Debug, Clone, Copy)]
pub struct Opening {
    /// The original bundle's row.
    pub bundle_id: BundleId,
    /// The `valid_until` that opens it (the customer's deadline).
    pub deadline: Option<OffsetDateTime>,
}

/// A renewal that was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Opened {
    /// The new renewal.
    pub renewal_id: RenewalId,
    /// Its bundle.
    pub bundle_id: BundleId,
}

/// Opens a renewal for each of `openings` (distinct bundles of `opener`'s tenant) that has no
/// active renewal (the partial unique index keeps one per bundle; a bundle that has one is
/// skipped), with the timeline rows and outbound events of those opened. Returns them.
pub async fn open_all(
    tx: &mut PgTx<'_>,
    opener: Opener<'_>,
    openings: &[Opening],
) -> sqlx::Result<Vec<Opened>> {
    if openings.is_empty() {
        return Ok(Vec::new());
    }
    let opened = insert_renewals(tx, opener, openings).await?;
    let details: Vec<Value> = opened
        .iter()
        .map(|(_, r)| json!({"event": "opened", "deadline": r.deadline.map(rfc3339)}))
        .collect();
    let events: Vec<NewEvent<'_>> = opened
        .iter()
        .zip(&details)
        .map(|((_, r), details)| NewEvent {
            tenant_id: opener.tenant_id,
            renewal_id: r.renewal_id,
            from_state: None,
            to_state: RenewalState::Detected,
            cause: opener.cause,
            actor: opener.actor,
            details,
        })
        .collect();
    timeline::append_all(tx, &events).await?;
    let result: Vec<Opened> = opened
        .iter()
        .map(|(bundle_id, r)| Opened {
            renewal_id: r.renewal_id,
            bundle_id: *bundle_id,
        })
        .collect();
    let inserted: Vec<InsertedRenewal> = opened.into_iter().map(|(_, r)| r).collect();
    let detected = EventType::RenewalDetected;
    outbound_events::record_for_inserted(tx, opener.tenant_id, inserted, detected).await?;
    Ok(result)
}

/// Inserts the renewals of `openings` that may be opened (see [`open_all`]), each with the
/// sequence number of the one event recorded about it (`renewal.detected`), so the rows are
/// not updated again to count it. Returns each opened renewal's bundle and event facts.
async fn insert_renewals(
    tx: &mut PgTx<'_>,
    opener: Opener<'_>,
    openings: &[Opening],
) -> sqlx::Result<Vec<(BundleId, InsertedRenewal)>> {
    let bundles: Vec<BundleId> = openings.iter().map(|o| o.bundle_id).collect();
    let deadlines: Vec<Option<OffsetDateTime>> = openings.iter().map(|o| o.deadline).collect();
    let submit_bys: Vec<Option<OffsetDateTime>> = deadlines
        .iter()
        .map(|d| d.map(|d| opener.rule.submit_by(d)))
        .collect();
    sqlx::query!(
        r#"with opened as (
             insert into renewal (tenant_id, bundle_id, state, deadline, submit_by,
                 baseline_version_id, event_sequence)
             select $1, b.bundle_id, 'detected', o.deadline, o.submit_by,
                 b.regulation_version_id, 1
             from unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) with ordinality
                  as o(bundle_id, deadline, submit_by, n)
             join bundle b on b.bundle_id = o.bundle_id and b.tenant_id = $1
             order by o.n
             on conflict (bundle_id) where renewal_is_open(state)
             do nothing
             returning renewal_id, bundle_id, state, deadline, event_sequence
         )
         select opened.renewal_id as "renewal_id!: RenewalId",
             opened.bundle_id as "bundle_id!: BundleId", opened.deadline,
             opened.state as "state!: RenewalState", opened.event_sequence as "sequence!",
             b.sid as "bundle_sid!: BundleSid", t.slug as "tenant_slug!", now() as "at!"
         from opened
         join bundle b on b.bundle_id = opened.bundle_id
         join tenant t on t.tenant_id = $1"#,
        opener.tenant_id as _,
        &bundles as _,
        &deadlines as _,
        &submit_bys as _,
    )
    .map(|row| {
        let inserted = InsertedRenewal {
            renewal_id: row.renewal_id,
            sequence: row.sequence,
            state: row.state,
            deadline: row.deadline,
            bundle_sid: row.bundle_sid,
            tenant_slug: row.tenant_slug,
            at: row.at,
        };
        (row.bundle_id, inserted)
    })
    .fetch_all(&mut **tx)
    .await
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Which of the tenant's bundles `openings` (bundle id, the deadline it now carries) must not
/// get a new renewal: the latest renewal of the bundle was cancelled by staff and the hold
/// stands (not released, and not a snooze that has ended), or a completed renewal already met
/// this deadline (a sweep's listing may predate a renewal that completed meanwhile).
pub async fn blocked_openings(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    openings: &[(BundleId, Option<OffsetDateTime>)],
) -> sqlx::Result<std::collections::HashSet<BundleId>> {
    if openings.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    let bundle_ids: Vec<BundleId> = openings.iter().map(|(id, _)| *id).collect();
    let deadlines: Vec<Option<OffsetDateTime>> = openings.iter().map(|(_, d)| *d).collect();
    let blocked: Vec<BundleId> = sqlx::query_scalar!(
        r#"select page.bundle_id as "bundle_id!: BundleId"
         from unnest($2::uuid[], $3::timestamptz[]) as page(bundle_id, deadline)
         where coalesce((
                 select r.state = 'cancelled' and r.hold_released_at is null
                        and (r.cancel_reason is distinct from 'snoozed' or r.snoozed_until > now())
                 from renewal r
                 where r.tenant_id = $1 and r.bundle_id = page.bundle_id
                 order by r.created_at desc limit 1), false)
             or exists (select 1 from renewal r where r.tenant_id = $1
                        and r.bundle_id = page.bundle_id and r.state = 'completed'
                        and r.deadline = page.deadline)"#,
        tenant_id as _,
        bundle_ids as _,
        deadlines as _,
    )
    .fetch_all(db)
    .await?;
    Ok(blocked.into_iter().collect())
}

/// Opens a renewal in `detected` for `bundle_id` unless one is active (the partial unique index
/// decides, so concurrent sweeps and webhooks open exactly one). Returns the new renewal's id.
pub async fn open(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    bundle_id: BundleId,
    deadline: Option<OffsetDateTime>,
    rule: SubmitByRule,
    cause: Cause,
    actor: &str,
) -> sqlx::Result<Option<RenewalId>> {
    let opener = Opener {
        tenant_id,
        rule,
        cause,
        actor,
    };
    let opening = Opening {
        bundle_id,
        deadline,
    };
    let opened = open_all(tx, opener, &[opening]).await?;
    Ok(opened.first().map(|o| o.renewal_id))
}
