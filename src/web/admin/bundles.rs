//! Every mirrored bundle across tenants: filters (tenant, Twilio status, country, days left,
//! SID search), pagination that keeps them, and a link from each bundle to its renewal.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::renewals::Pagination;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::bundles::{self, BundleFilter, BundleRow};
use crate::db::admin_queries::renewals::DaysFilter;
use crate::db::admin_queries::{self, TenantOption};
use crate::domain::ids::TenantId;
use crate::error::AppError;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::twilio::BundleStatus;
use crate::web::list_query::{self, StrictQuery};

/// Rows per page.
const PAGE_SIZE: i64 = 25;

/// `?tenant=&status=&country=&days=&q=&page=` exactly as typed (anything unparseable is
/// ignored), so the form can show it again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BundleQuery {
    /// A tenant id.
    #[serde(default)]
    pub tenant: String,
    /// One of [`BundleStatus::KNOWN`].
    #[serde(default)]
    pub status: String,
    /// A two-letter country code.
    #[serde(default)]
    pub country: String,
    /// `overdue`, `7`, `30`, or empty.
    #[serde(default)]
    pub days: String,
    /// Part of a bundle SID (original or copy).
    #[serde(default)]
    pub q: String,
    /// 1-based page number.
    #[serde(default, skip_serializing)]
    pub page: String,
}

impl BundleQuery {
    /// The filter these parameters mean.
    pub fn bundle_filter(&self) -> BundleFilter {
        let days = match self.days.as_str() {
            "overdue" => DaysFilter::Overdue,
            "7" => DaysFilter::Within(7),
            "30" => DaysFilter::Within(30),
            _ => DaysFilter::Any,
        };
        let country = self.country.trim().to_uppercase();
        let sid = self.q.trim();
        BundleFilter {
            tenant_id: self.tenant.parse::<TenantId>().ok(),
            status: self
                .status
                .parse()
                .ok()
                .filter(|status| *status != BundleStatus::Unknown),
            country: (country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()))
                .then_some(country),
            days,
            sid: (!sid.is_empty()).then(|| sid.to_owned()),
            name: None,
        }
    }

    /// The requested page (1 when missing; a malformed or out-of-range one is refused).
    pub fn page(&self) -> Result<i64, AppError> {
        list_query::page_number(&self.page)
    }

    /// The filters as a query string (without `page`).
    pub fn to_query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        self.bundle_filter() != BundleFilter::default()
    }

    /// Whether `value` is the selected tenant (for `<option selected>`).
    pub fn tenant_is(&self, value: &TenantId) -> bool {
        self.tenant == value.to_string()
    }
}

/// The bundles list.
#[derive(Template, WebTemplate)]
#[template(path = "admin/bundles/list.html")]
pub struct BundleListPage {
    layout: AdminLayout,
    query: BundleQuery,
    rows: Vec<BundleRow>,
    pagination: Pagination,
    tenants: Vec<TenantOption>,
    countries: Vec<String>,
    statuses: [BundleStatus; 6],
}

/// GET /admin/bundles
pub async fn list_bundles(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<BundleQuery>,
) -> Result<BundleListPage> {
    let page = query.page()?;
    let (rows, total) = bundles::list(
        &state.db,
        &query.bundle_filter(),
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    Ok(BundleListPage {
        layout: AdminLayout::new(&staff, &csrf, "bundles"),
        pagination: Pagination::new(
            routes::ADMIN_BUNDLES,
            &query.to_query_string(),
            page,
            PAGE_SIZE,
            total,
        ),
        query,
        rows,
        tenants: admin_queries::tenant_options(&state.db).await?,
        countries: admin_queries::countries(&state.db).await?,
        statuses: BundleStatus::KNOWN,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_statuses_and_the_offered_day_ranges_filter() {
        let query = BundleQuery {
            status: "approved; drop table".into(),
            days: "90".into(),
            country: "de".into(),
            ..Default::default()
        };
        let filter = query.bundle_filter();
        assert_eq!(filter.status, None);
        assert_eq!(filter.days, DaysFilter::Any);
        assert_eq!(filter.country.as_deref(), Some("DE"));
        let query = BundleQuery {
            status: "twilio-rejected".into(),
            days: "7".into(),
            ..Default::default()
        };
        assert_eq!(
            query.bundle_filter().status,
            Some(BundleStatus::TwilioRejected)
        );
        assert_eq!(query.bundle_filter().days, DaysFilter::Within(7));
        let unknown = BundleQuery {
            status: "unknown".into(),
            ..Default::default()
        };
        assert_eq!(unknown.bundle_filter().status, None);
    }
}
