//! What the customer portal reads: a tenant's bundles with their latest renewal, one renewal
//! with its bundle, a bundle's past renewals. Every query is scoped by the tenant.

use sqlx::{FromRow, PgExecutor, PgPool};
use time::OffsetDateTime;

use super::admin_queries::filter::contains_pattern;
use super::snapshot::StoredSnapshot;
use super::webhook_events::REJECTION_REASON;
use crate::domain::ids::{BundleId, RenewalId, TenantId};
use crate::domain::renewal_state::RenewalState;
use crate::twilio::BundleStatus;

/// A bundle with its active (or else latest) renewal.
#[derive(Debug, Clone, FromRow)]
pub struct BundleRow {
    /// The bundle.
    pub bundle_id: BundleId,
    /// Its name in Twilio.
    pub friendly_name: String,
    /// Twilio's status of the original bundle.
    pub status: BundleStatus,
    /// Regulation name, e.g. "France: Mobile - Business".
    pub regulation_name: Option<String>,
    /// ISO country of the regulation.
    pub iso_country: Option<String>,
    /// Number type of the regulation.
    pub number_type: Option<String>,
    /// End-user type of the regulation.
    pub end_user_type: Option<String>,
    /// The deadline Twilio set (None once the bundle is up to date).
    pub valid_until: Option<OffsetDateTime>,
    /// The latest renewal, if any.
    pub renewal_id: Option<RenewalId>,
    /// Its state.
    pub renewal_state: Option<RenewalState>,
    /// Its deadline.
    pub renewal_deadline: Option<OffsetDateTime>,
    /// Its submit-by date.
    pub renewal_submit_by: Option<OffsetDateTime>,
    /// When it was completed.
    pub completed_at: Option<OffsetDateTime>,
    /// Whether Twilio has evaluated its copy (there is something to show the customer).
    pub evaluated: bool,
    /// Whether only Submit is left: Twilio's check passes and no rejected document is
    /// waiting to be replaced.
    pub ready_to_submit: bool,
    /// Phone numbers registered under the bundle.
    pub number_count: i32,
    /// Why Twilio named it a test bundle (`IsTest`), when it did.
    pub test_bundle_reason: Option<String>,
    /// Twilio's reason for its latest rejection, while it is rejected.
    pub rejection_reason: Option<String>,
}

/// One page of a tenant's bundles, and the counts the page needs.
#[derive(Debug, Clone)]
pub struct BundlePage {
    /// The bundles on this page.
    pub rows: Vec<BundleRow>,
    /// Bundles matching the search (all of them without one).
    pub matching: i64,
    /// Bundles of the tenant whose renewal waits for the customer, search or not (only
    /// once Twilio has evaluated it: before that there is nothing to do).
    pub needing_action: i64,
    /// Where the tenant's customers get human help.
    pub support_email: Option<String>,
}

/// Which of a tenant's bundles to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleSearch {
    /// Part of the bundle's name, SID or regulation; `None` for all.
    pub text: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows per page.
    pub limit: i64,
}

/// The columns of the bundle's current renewal `r` (the open one when there is one, else the
/// latest, as `bundle_listing` names it).
///
/// `evaluated` and `ready_to_submit` read the stored snapshot the way the renewal page does
/// (`RenewalSnapshot::is_compliant`, and no document Twilio rejected, as
/// `renewal_form::build::is_rejected` has it), so the list and the page agree.
const CURRENT_RENEWAL: &str =
    "r.renewal_id, r.state as renewal_state, r.deadline as renewal_deadline,
         r.submit_by as renewal_submit_by, r.completed_at,
         coalesce(jsonb_typeof(r.snapshot->'evaluation') = 'object', false) as evaluated,
         coalesce(r.snapshot->'evaluation'->>'status' = 'compliant'
             and not jsonb_path_exists(r.snapshot,
                 '$.documents[*] ? (@.status == \"rejected\" || @.failure_reason != null)'),
             false) as ready_to_submit";

/// The search condition on `b` (text bound as `$2`, null for none).
const MATCHES: &str = "($2::text is null or b.friendly_name ilike $2 or b.sid ilike $2
                       or b.regulation_name ilike $2)";

/// One page of the tenant's bundles: those waiting for the customer first, then the closest
/// deadline first, then by name. Every query is scoped by the tenant.
///
/// The page is read in order from `bundle_listing_page_idx` (kept at commit by triggers on
/// renewal and bundle), so it costs its `limit` rows however many bundles the tenant has; the
/// counts read kept tallies and the bundles needing action, not every bundle. Only a search
/// reads the tenant's bundles to match the text.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn list_bundles(
    db: &PgPool,
    tenant_id: TenantId,
    search: &BundleSearch,
) -> sqlx::Result<BundlePage> {
    let pattern = search.text.as_deref().map(contains_pattern);
    // Runtime-checked: composed from fragments shared with other statements (`REJECTION_REASON`).
    let rows = sqlx::query_as(&format!(
        "select b.bundle_id, b.friendly_name, b.status, b.regulation_name, b.iso_country,
                b.number_type, b.end_user_type, b.valid_until, {CURRENT_RENEWAL},
                b.number_count, b.test_bundle_reason, {REJECTION_REASON} as rejection_reason
         from bundle_listing l
         join bundle b on b.bundle_id = l.bundle_id and b.tenant_id = l.tenant_id
         left join renewal r on r.renewal_id = l.renewal_id and r.tenant_id = l.tenant_id
         where l.tenant_id = $1 and l.live and {MATCHES}
         order by l.must_act desc, l.list_deadline asc nulls last, l.friendly_name, l.bundle_id
         limit $3 offset $4"
    ))
    .bind(tenant_id)
    .bind(&pattern)
    .bind(search.limit)
    .bind(search.offset)
    .fetch_all(db)
    .await?;
    // Without a search every live bundle matches: the kept tally counts them.
    let matching = match pattern {
        None => "(select coalesce(sum(live), 0)::int8 from bundle_tally where tenant_id = $1)"
            .to_owned(),
        Some(_) => format!(
            "(select count(*) from bundle b
              where b.tenant_id = $1 and b.archived_at is null and {MATCHES})"
        ),
    };
    let counts = format!(
        "select {matching},
                (select count(*) from bundle_listing
                 where tenant_id = $1 and live and needs_action),
                (select support_email from tenant where tenant_id = $1)"
    );
    let mut counts = sqlx::query_as(&counts).bind(tenant_id);
    if let Some(pattern) = &pattern {
        counts = counts.bind(pattern);
    }
    let (matching, needing_action, support_email): (i64, i64, Option<String>) =
        counts.fetch_one(db).await?;
    Ok(BundlePage {
        rows,
        matching,
        needing_action,
        support_email,
    })
}

/// One renewal with its bundle and what the tenant tells customers.
#[derive(Debug, Clone, FromRow)]
pub struct RenewalRow {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Its bundle.
    pub bundle_id: BundleId,
    /// `renewal.state`.
    pub state: RenewalState,
    /// The customer's deadline.
    pub deadline: Option<OffsetDateTime>,
    /// The last day to submit (`domain::submit_by`).
    pub submit_by: Option<OffsetDateTime>,
    /// The Bundle Copy being edited.
    pub copy_sid: Option<String>,
    /// Why a human must look.
    pub attention_reason: Option<String>,
    /// Twilio's reasons after a rejection.
    pub rejection: Option<serde_json::Value>,
    /// What the renewal page renders.
    pub snapshot: StoredSnapshot,
    /// When the snapshot was taken.
    pub snapshot_at: Option<OffsetDateTime>,
    /// When it was submitted.
    pub submitted_at: Option<OffsetDateTime>,
    /// Whether recomply made that submission by itself (nothing was missing).
    pub submitted_automatically: bool,
    /// When Twilio provisionally approved the copy under review (this submission).
    pub provisionally_approved_at: Option<OffsetDateTime>,
    /// When it completed.
    pub completed_at: Option<OffsetDateTime>,
    /// When it closed (completed, expired, cancelled).
    pub closed_at: Option<OffsetDateTime>,
    /// When it opened.
    pub created_at: OffsetDateTime,
    /// When it last changed.
    pub updated_at: OffsetDateTime,
    /// The bundle's name.
    pub bundle_name: String,
    /// The bundle's SID.
    pub bundle_sid: String,
    /// The original bundle's Twilio status.
    pub bundle_status: BundleStatus,
    /// Regulation name.
    pub regulation_name: Option<String>,
    /// ISO country.
    pub iso_country: Option<String>,
    /// Number type.
    pub number_type: Option<String>,
    /// End-user type.
    pub end_user_type: Option<String>,
    /// The bundle's current `valid_until`.
    pub valid_until: Option<OffsetDateTime>,
    /// Where customers get human help.
    pub support_email: Option<String>,
    /// The phone numbers registered under the bundle (E.164), in order.
    pub numbers: Vec<String>,
    /// Their names, in the same order.
    pub number_names: Vec<String>,
}

/// A renewal of the tenant (None for another tenant's or an unknown id).
#[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id))]
pub async fn find_renewal(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Option<RenewalRow>> {
    sqlx::query_as!(
        RenewalRow,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.bundle_id as "bundle_id: BundleId",
            r.state as "state: RenewalState", r.deadline, r.submit_by, r.copy_sid,
                r.attention_reason,
                r.rejection, r.snapshot as "snapshot!: StoredSnapshot", r.snapshot_at,
                    r.submitted_at,
                r.provisionally_approved_at, r.submitted_automatically, r.completed_at,
                    r.closed_at, r.created_at,
                r.updated_at,
                b.friendly_name as bundle_name, b.sid as bundle_sid, b.status as "bundle_status: BundleStatus",
                b.regulation_name, b.iso_country, b.number_type, b.end_user_type, b.valid_until,
                t.support_email,
                array(select p.phone_number from phone_number p
                      where p.bundle_id = r.bundle_id order by p.phone_number) as "numbers!",
                array(select p.friendly_name from phone_number p
                      where p.bundle_id = r.bundle_id order by p.phone_number) as "number_names!"
         from renewal r
         join bundle b on b.bundle_id = r.bundle_id and b.tenant_id = r.tenant_id
         join tenant t on t.tenant_id = r.tenant_id
         where r.tenant_id = $1 and r.renewal_id = $2"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_optional(db)
    .await
}

/// A bundle's name and regulation (for the history page).
#[derive(Debug, Clone, FromRow)]
pub struct BundleHeader {
    /// The bundle.
    pub bundle_id: BundleId,
    /// Its name.
    pub friendly_name: String,
    /// Twilio's status.
    pub status: BundleStatus,
    /// ISO country.
    pub iso_country: Option<String>,
    /// Number type.
    pub number_type: Option<String>,
    /// End-user type.
    pub end_user_type: Option<String>,
    /// Current deadline.
    pub valid_until: Option<OffsetDateTime>,
}

/// A bundle of the tenant.
#[tracing::instrument(skip_all, fields(%tenant_id, %bundle_id))]
pub async fn find_bundle(
    db: &PgPool,
    tenant_id: TenantId,
    bundle_id: BundleId,
) -> sqlx::Result<Option<BundleHeader>> {
    sqlx::query_as!(
        BundleHeader,
        r#"select bundle_id as "bundle_id: BundleId", friendly_name,
            status as "status: BundleStatus", iso_country, number_type,
            end_user_type,
                valid_until
         from bundle where tenant_id = $1 and bundle_id = $2"#,
        tenant_id as _,
        bundle_id as _,
    )
    .fetch_optional(db)
    .await
}

/// One past or current renewal of a bundle.
#[derive(Debug, Clone, FromRow)]
pub struct HistoryRow {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Its state.
    pub state: RenewalState,
    /// Its deadline.
    pub deadline: Option<OffsetDateTime>,
    /// When it opened.
    pub created_at: OffsetDateTime,
    /// When it was (last) submitted.
    pub submitted_at: Option<OffsetDateTime>,
    /// When it completed.
    pub completed_at: Option<OffsetDateTime>,
    /// When it closed.
    pub closed_at: Option<OffsetDateTime>,
}

/// Every renewal of a bundle of the tenant, newest first.
#[tracing::instrument(skip_all, fields(%tenant_id, %bundle_id))]
pub async fn list_renewals_of_bundle(
    db: &PgPool,
    tenant_id: TenantId,
    bundle_id: BundleId,
) -> sqlx::Result<Vec<HistoryRow>> {
    sqlx::query_as!(
        HistoryRow,
        r#"select renewal_id as "renewal_id: RenewalId", state as "state: RenewalState", deadline,
            created_at, submitted_at, completed_at, closed_at
         from renewal where tenant_id = $1 and bundle_id = $2
         order by created_at desc, renewal_id"#,
        tenant_id as _,
        bundle_id as _,
    )
    .fetch_all(db)
    .await
}
