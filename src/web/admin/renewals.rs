//! Renewals across tenants: the filtered, paginated list, its CSV export, one renewal's page
//! and its timeline as CSV.

mod actions;
mod cancel;
mod evidence;
mod filters;
mod on_behalf;
mod show;
mod snapshot;

pub use actions::{
    create_sign_in_link, reevaluate_renewal, resend_link, retry_renewal, revoke_links,
};
pub use cancel::{cancel_renewal, cancel_renewal_form, reopen_renewal};
pub use evidence::{evidence_json, evidence_pdf};
pub use on_behalf::{on_behalf_form, save_on_behalf, submit_on_behalf};
pub use show::{export_timeline, show_renewal, show_renewal_live};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;

use super::{AdminLayout, csv, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::renewals::{self, RenewalRow};
use crate::db::admin_queries::{self, TenantOption};
use crate::domain::renewal_state::RenewalState;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::list_query::StrictQuery;
pub use filters::{ListQuery, Pagination};

/// Rows per page.
const PAGE_SIZE: i64 = 25;
/// Most rows in one CSV export.
const CSV_LIMIT: i64 = 50_000;

/// The renewals list.
#[derive(Template, WebTemplate)]
#[template(path = "admin/renewals/list.html")]
pub struct RenewalListPage {
    layout: AdminLayout,
    query: ListQuery,
    rows: Vec<RenewalRow>,
    pagination: Pagination,
    tenants: Vec<TenantOption>,
    countries: Vec<String>,
    states: [RenewalState; 13],
    csv_href: String,
}

/// GET /admin/renewals
pub async fn list_renewals(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<ListQuery>,
) -> Result<RenewalListPage> {
    let filter = query.renewal_filter();
    let page = query.page()?;
    let (rows, total) =
        renewals::list(&state.db, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(RenewalListPage {
        layout: AdminLayout::new(&staff, &csrf, "renewals"),
        pagination: Pagination::new(
            routes::ADMIN_RENEWALS,
            &query.to_query_string(None),
            page,
            PAGE_SIZE,
            total,
        ),
        csv_href: format!(
            "{}?{}",
            routes::ADMIN_RENEWALS_CSV,
            query.to_query_string(None)
        ),
        query,
        rows,
        tenants: admin_queries::tenant_options(&state.db).await?,
        countries: admin_queries::countries(&state.db).await?,
        states: RenewalState::ALL,
    })
}

/// GET /admin/renewals.csv — the same filters, every matching row.
pub async fn export_renewals(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    StrictQuery(query): StrictQuery<ListQuery>,
) -> Result<Response> {
    let (rows, _) = renewals::list(&state.db, &query.renewal_filter(), CSV_LIMIT, 0).await?;
    let mut out = csv::CsvWriter::with_header(&[
        "renewal_id",
        "tenant",
        "bundle_sid",
        "copy_sid",
        "friendly_name",
        "country",
        "regulation",
        "state",
        "deadline",
        "days_left",
        "attention_reason",
        "opened_at",
        "updated_at",
    ]);
    for row in &rows {
        let deadline = row.deadline.map(rfc3339).unwrap_or_default();
        let days_left = row
            .deadline
            .map(|d| fmt::days_until(&d).to_string())
            .unwrap_or_default();
        out.row([
            row.renewal_id.to_string().as_str(),
            &row.tenant_name,
            &row.bundle_sid,
            row.copy_sid.as_deref().unwrap_or(""),
            &row.friendly_name,
            row.iso_country.as_deref().unwrap_or(""),
            row.regulation_name.as_deref().unwrap_or(""),
            row.state.as_str(),
            &deadline,
            &days_left,
            row.attention_reason.as_deref().unwrap_or(""),
            &rfc3339(row.created_at),
            &rfc3339(row.updated_at),
        ]);
    }
    let filename = format!("renewals-{}.csv", time::OffsetDateTime::now_utc().date());
    Ok(csv::download(&filename, out.finish()))
}

/// An RFC 3339 timestamp in UTC.
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
