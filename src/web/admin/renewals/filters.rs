//! The list filters as they arrive in the query string (lenient: anything unparseable is
//! ignored rather than an error) and the pagination links that keep them.

use serde::{Deserialize, Serialize};

use crate::domain::ids::TenantId;
use crate::domain::renewal_state::RenewalState;
use crate::error::AppError;
use crate::web::list_query;

use crate::db::admin_queries::renewals::{DaysFilter, RenewalFilter, RenewalSort, StateFilter};

/// `?state=&tenant=&country=&days=&q=&page=` exactly as typed, so the form can show it again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ListQuery {
    /// `open`, a state name, or empty for any.
    #[serde(default)]
    pub state: String,
    /// A tenant id.
    #[serde(default)]
    pub tenant: String,
    /// A two-letter country code.
    #[serde(default)]
    pub country: String,
    /// `overdue`, `7`, `30`, `90`, or empty.
    #[serde(default)]
    pub days: String,
    /// Part of a bundle SID (original or copy).
    #[serde(default)]
    pub q: String,
    /// `numbers` for most numbers at risk first; empty for soonest deadline first.
    #[serde(default)]
    pub sort: String,
    /// 1-based page number.
    #[serde(default, skip_serializing)]
    pub page: String,
}

impl ListQuery {
    /// The filter these parameters mean.
    pub fn renewal_filter(&self) -> RenewalFilter {
        let state = match self.state.as_str() {
            "open" => StateFilter::Open,
            other => other.parse().map(StateFilter::Is).unwrap_or_default(),
        };
        let days = match self.days.as_str() {
            "overdue" => DaysFilter::Overdue,
            other => other
                .parse::<i32>()
                .ok()
                .filter(|d| (0..=3650).contains(d))
                .map(DaysFilter::Within)
                .unwrap_or_default(),
        };
        let country = self.country.trim().to_uppercase();
        let sid = self.q.trim();
        RenewalFilter {
            state,
            tenant_id: self.tenant.parse::<TenantId>().ok(),
            country: (country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()))
                .then_some(country),
            days,
            sid: (!sid.is_empty()).then(|| sid.to_owned()),
            sort: match self.sort.as_str() {
                "numbers" => RenewalSort::Numbers,
                _ => RenewalSort::Deadline,
            },
        }
    }

    /// Whether the list is sorted by numbers at risk.
    pub fn by_numbers(&self) -> bool {
        self.renewal_filter().sort == RenewalSort::Numbers
    }

    /// The requested page (1 when missing; a malformed or out-of-range one is refused).
    pub fn page(&self) -> Result<i64, AppError> {
        list_query::page_number(&self.page)
    }

    /// The filters as a query string, with `page` when given.
    pub fn to_query_string(&self, page: Option<i64>) -> String {
        let mut text = serde_urlencoded::to_string(self).unwrap_or_default();
        if let Some(page) = page {
            text.push_str(&format!("&page={page}"));
        }
        text
    }

    /// Whether any filter is set (the order is no filter).
    pub fn is_filtered(&self) -> bool {
        let filter = RenewalFilter {
            sort: RenewalSort::default(),
            ..self.renewal_filter()
        };
        filter != RenewalFilter::default()
    }

    /// Whether the list shows only open renewals (the "Open" option is selected).
    pub fn shows_open(&self) -> bool {
        self.renewal_filter().state == StateFilter::Open
    }

    /// Whether the list shows only renewals in `state` (its option is selected).
    pub fn state_is(&self, state: &RenewalState) -> bool {
        self.renewal_filter().state == StateFilter::Is(*state)
    }

    /// Whether `value` is the selected tenant (for `<option selected>`).
    pub fn tenant_is(&self, value: &TenantId) -> bool {
        self.tenant == value.to_string()
    }
}

pub use crate::web::pagination::Pagination;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unparseable_filters_are_ignored_and_valid_ones_kept() {
        let query = ListQuery {
            state: "bogus".into(),
            tenant: "not-a-uuid".into(),
            country: "fr".into(),
            days: "7".into(),
            q: " BU12 ".into(),
            page: "x".into(),
            sort: "sideways".into(),
        };
        let filter = query.renewal_filter();
        assert_eq!(filter.state, StateFilter::Any);
        assert_eq!(filter.tenant_id, None);
        assert_eq!(filter.country.as_deref(), Some("FR"));
        assert_eq!(filter.days, DaysFilter::Within(7));
        assert_eq!(filter.sid.as_deref(), Some("BU12"));
        assert_eq!(filter.sort, RenewalSort::Deadline);
        assert!(
            query.page().is_err(),
            "a malformed page is refused, not guessed"
        );
    }

    #[test]
    fn pagination_links_keep_the_filters() {
        let query = ListQuery {
            state: "open".into(),
            ..Default::default()
        };
        let pages = Pagination::new(
            crate::routes::ADMIN_RENEWALS,
            &query.to_query_string(None),
            2,
            25,
            60,
        );
        assert_eq!(pages.pages, 3);
        assert_eq!((pages.first, pages.last), (26, 50));
        assert!(
            pages
                .next
                .unwrap()
                .contains("state=open&tenant=&country=&days=&q=&sort=&page=3")
        );
        assert!(pages.prev.unwrap().ends_with("page=1"));
    }
}
