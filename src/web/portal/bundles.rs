//! "My bundles": the signed-in user's tenant's bundles, those waiting for the customer first,
//! then the closest deadline; searchable by name, SID or regulation, and paged.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use time::OffsetDateTime;
use tower_sessions::Session;

use super::{Flash, PortalNav, words};
use crate::auth::csrf::CsrfToken;
use crate::auth::customer::CurrentCustomer;
use crate::db;
use crate::db::portal::{BundleRow, BundleSearch};
use crate::domain::deadline::days_until;
use crate::domain::renewal_state::RenewalState;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::pagination::{self, Pagination};

/// Bundles per page.
const PAGE_SIZE: i64 = 50;

/// From how many bundles the list offers a search box.
const SEARCH_FROM: i64 = 10;

/// `?q=&page=` as typed (the search box shows `q` again).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BundleListQuery {
    /// Part of a bundle's name, SID or regulation.
    #[serde(default)]
    pub q: String,
    /// 1-based page number.
    #[serde(default)]
    pub page: String,
}

/// The bundle list.
#[derive(Template, WebTemplate)]
#[template(path = "portal/bundles.html")]
pub struct BundleListPage {
    nav: Option<PortalNav>,
    flash: Option<Flash>,
    bundles: Vec<BundleItem>,
    open_count: i64,
    /// The search as typed.
    q: String,
    /// Whether to offer the search box (a long list, or a search already made).
    show_search: bool,
    pagination: Pagination,
}

/// One row of the list.
pub struct BundleItem {
    name: String,
    regulation: String,
    status: &'static str,
    status_badge: &'static str,
    valid_until: Option<String>,
    countdown: Option<String>,
    urgent: bool,
    renewal_href: Option<String>,
    history_href: String,
    state_label: Option<&'static str>,
    state_badge: &'static str,
    action: Option<&'static str>,
}

/// `GET /bundles`
pub async fn list_bundles(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    csrf: CsrfToken,
    session: Session,
    Query(query): Query<BundleListQuery>,
) -> Result<BundleListPage> {
    let page = pagination::requested_page(&query.page);
    let text = query.q.trim();
    let search = BundleSearch {
        text: (!text.is_empty()).then(|| text.to_owned()),
        offset: pagination::offset(page, PAGE_SIZE),
        limit: PAGE_SIZE,
    };
    let found = db::portal::list_bundles(&state.db, customer.tenant_id, &search).await?;
    let now = OffsetDateTime::now_utc();
    let filters = if text.is_empty() {
        String::new()
    } else {
        serde_urlencoded::to_string([("q", text)]).unwrap_or_default()
    };
    Ok(BundleListPage {
        nav: Some(super::nav(&customer, &csrf)),
        flash: Flash::take(&session).await,
        open_count: found.needing_action,
        show_search: !text.is_empty() || found.matching >= SEARCH_FROM,
        pagination: Pagination::new(routes::BUNDLES, &filters, page, PAGE_SIZE, found.matching),
        bundles: found.rows.into_iter().map(|row| item(row, now)).collect(),
        q: query.q,
    })
}

fn item(row: BundleRow, now: OffsetDateTime) -> BundleItem {
    let renewal_state = row.renewal_state;
    let open = renewal_state.is_some_and(RenewalState::is_open);
    let deadline = row.valid_until.or(row.renewal_deadline.filter(|_| open));
    let days = deadline.map(|d| days_until(d, now));
    BundleItem {
        regulation: words::regulation_in_words(
            row.iso_country.as_deref(),
            row.number_type.as_deref(),
            row.end_user_type.as_deref(),
        ),
        name: if row.friendly_name.is_empty() {
            "Unnamed bundle".to_owned()
        } else {
            row.friendly_name
        },
        status: words::bundle_status(&row.status),
        status_badge: words::bundle_status_badge(&row.status),
        valid_until: deadline.map(words::date),
        countdown: days.map(words::countdown),
        urgent: days.is_some_and(|d| d <= 7),
        renewal_href: row.renewal_id.map(routes::renewal),
        history_href: routes::bundle_history(row.bundle_id),
        state_label: renewal_state.map(RenewalState::label),
        state_badge: renewal_state.map(RenewalState::badge).unwrap_or(""),
        action: renewal_state.and_then(super::customer_action),
    }
}
