//! Every mirrored bundle across tenants, each with its tenant and its current renewal: the
//! open one when there is one, otherwise the most recent (as `bundle_listing` keeps it).

use sqlx::PgPool;
use time::OffsetDateTime;

use super::filter::{DaysFilter, Filter, ListQuery, page, rows};
use crate::db::webhook_events::REJECTION_REASON;
use crate::domain::ids::{BundleId, RenewalId, TenantId};
use crate::domain::renewal_state::RenewalState;
use crate::twilio::BundleStatus;

/// Which bundles to show. Every field is optional; all given ones must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BundleFilter {
    /// One tenant.
    pub tenant_id: Option<TenantId>,
    /// Twilio's status.
    pub status: Option<BundleStatus>,
    /// ISO country code (upper case).
    pub country: Option<String>,
    /// Days left until `valid_until`.
    pub days: DaysFilter,
    /// Part of a bundle SID: the bundle's own, or a copy made for one of its renewals.
    pub sid: Option<String>,
    /// Part of the bundle's friendly name, exactly as typed.
    pub name: Option<String>,
}

/// One row of the bundles list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BundleRow {
    /// The mirrored bundle.
    pub bundle_id: BundleId,
    /// Its tenant.
    pub tenant_id: TenantId,
    /// The tenant's name.
    pub tenant_name: String,
    /// `BU…`.
    pub sid: String,
    /// The bundle's friendly name.
    pub friendly_name: String,
    /// Twilio's status.
    pub status: BundleStatus,
    /// The bundle's country.
    pub iso_country: Option<String>,
    /// The regulation's friendly name.
    pub regulation_name: Option<String>,
    /// Twilio's `valid_until`.
    pub valid_until: Option<OffsetDateTime>,
    /// When it was last mirrored.
    pub synced_at: OffsetDateTime,
    /// The open renewal, else the latest one.
    pub renewal_id: Option<RenewalId>,
    /// That renewal's state.
    pub renewal_state: Option<RenewalState>,
    /// That renewal's bundle copy.
    pub copy_sid: Option<String>,
    /// Phone numbers registered under the bundle.
    pub number_count: i32,
    /// Why Twilio named it a test bundle (`IsTest`, 18099), when it did: never renewed.
    pub test_bundle_reason: Option<String>,
    /// Twilio's reason for the bundle's latest rejection (from its status callbacks).
    pub rejection_reason: Option<String>,
}

impl BundleRow {
    /// Whether its current renewal is open (a rejection is then that renewal's to handle).
    pub fn renewal_open(&self) -> bool {
        self.renewal_state.is_some_and(RenewalState::is_open)
    }
}

const FROM: &str = " from bundle b
     join tenant t on t.tenant_id = b.tenant_id
     left join bundle_listing l on l.bundle_id = b.bundle_id
     left join renewal r on r.renewal_id = l.renewal_id";

impl BundleFilter {
    /// The conditions of this filter.
    fn conditions(&self) -> Filter {
        Filter::new()
            // A mirrored row that turned out to be a copy is archived, not a bundle to list.
            .condition("b.archived_at is null", Vec::new())
            .equals("b.tenant_id", self.tenant_id)
            .equals("b.status", self.status.map(BundleStatus::as_str))
            .equals("b.iso_country", self.country.as_deref())
            .days_left("b.valid_until", self.days)
            // Any renewal's copy counts, so an old copy SID from a ticket still finds its bundle.
            .contains_any(
                &[
                    "b.sid ilike {}",
                    "exists (select 1 from renewal c where c.bundle_id = b.bundle_id \
                     and c.copy_sid ilike {})",
                ],
                self.sid.as_deref(),
            )
            .contains_literal(&["b.friendly_name ilike {}"], self.name.as_deref())
    }
}

/// One page of matching bundles, soonest `valid_until` first (then by SID), and the total
/// number of matches.
pub async fn list(
    db: &PgPool,
    filter: &BundleFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<BundleRow>, i64)> {
    let select = format!(
        "select b.bundle_id, b.tenant_id, t.name as tenant_name, b.sid, b.friendly_name,
                b.status, b.iso_country, b.regulation_name, b.valid_until, b.synced_at,
                r.renewal_id, r.state as renewal_state, r.copy_sid, b.number_count,
                b.test_bundle_reason, {REJECTION_REASON} as rejection_reason{FROM}"
    );
    let list = ListQuery {
        count: "select count(*) from bundle b",
        select: &select,
        // Served by `bundle_admin_list_idx`: the page is read from the index, however many
        // bundles are mirrored.
        order_by: "b.valid_until asc nulls last, b.sid",
    };
    let conditions = filter.conditions();
    let unfiltered = BundleFilter {
        tenant_id: filter.tenant_id,
        ..BundleFilter::default()
    };
    if *filter != unfiltered {
        return page(db, list, &conditions, limit, offset).await;
    }
    // Every bundle (of one tenant, or of all): the kept tallies count them.
    let total = sqlx::query_scalar!(
        r#"select coalesce(sum(live), 0)::int8 as "total!" from bundle_tally
         where $1::uuid is null or tenant_id = $1"#,
        filter.tenant_id as _,
    )
    .fetch_one(db)
    .await?;
    Ok((rows(db, list, &conditions, limit, offset).await?, total))
}
