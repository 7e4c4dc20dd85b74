//! A bundle's past renewals with their outcome and dates.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use super::words;
use crate::auth::customer::CurrentCustomer;
use crate::db;
use crate::domain::ids::BundleId;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;

/// The history page.
#[derive(Template, WebTemplate)]
#[template(path = "portal/history.html")]
pub struct HistoryPage {
    c: Chrome,
    bundle_name: String,
    regulation: String,
    entries: Vec<HistoryEntry>,
}

/// One renewal of the bundle.
pub struct HistoryEntry {
    href: String,
    started: String,
    deadline: Option<String>,
    submitted: Option<String>,
    finished: Option<String>,
    outcome: String,
    badge: &'static str,
}

/// `GET /bundles/{id}/history`
pub async fn show_history(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    c: Chrome,
    Path(bundle_id): Path<BundleId>,
) -> Result<HistoryPage> {
    let bundle = db::portal::find_bundle(&state.db, customer.tenant_id, bundle_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows =
        db::portal::list_renewals_of_bundle(&state.db, customer.tenant_id, bundle_id).await?;
    let tr = &c.tr;
    let entries = rows
        .into_iter()
        .map(|row| HistoryEntry {
            href: routes::renewal_status(row.renewal_id),
            started: tr.date(row.created_at),
            deadline: row.deadline.map(|d| tr.date(d)),
            submitted: row.submitted_at.map(|d| tr.date(d)),
            finished: row.completed_at.or(row.closed_at).map(|d| tr.date(d)),
            outcome: tr.t(row.state.label_id()),
            badge: row.state.badge(),
        })
        .collect();
    Ok(HistoryPage {
        regulation: words::regulation_in_words(
            tr,
            bundle.iso_country.as_deref(),
            bundle.number_type.as_deref(),
            bundle.end_user_type.as_deref(),
        ),
        bundle_name: bundle.friendly_name,
        entries,
        c,
    })
}
