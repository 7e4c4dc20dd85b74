//! One renewal: what it is about, its timeline, latest Evaluation, items, emails and actions.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::snapshot::{self, EvaluationView, ItemView};
use super::{csv, fmt, rfc3339};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::outbox::{self, EmailFilter, EmailRow};
use crate::db::admin_queries::renewals::{self, RenewalDetail, TimelineEvent};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::admin::AdminLayout;

/// The renewal page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/renewals/show.html")]
pub struct RenewalShowPage {
    layout: AdminLayout,
    renewal: RenewalDetail,
    timeline: Vec<TimelineEvent>,
    evaluation: Option<EvaluationView>,
    items: Vec<ItemView>,
    emails: Vec<EmailRow>,
    /// A notice after an action (e.g. "Link sent").
    notice: Option<String>,
}

impl RenewalShowPage {
    /// Whether the renewal is still open (actions other than viewing make sense).
    pub fn is_open(&self) -> bool {
        !matches!(
            self.renewal.row.state.as_str(),
            "completed" | "expired" | "cancelled"
        )
    }
}

/// Loads everything the renewal page shows.
pub async fn load_page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    renewal_id: Uuid,
    notice: Option<String>,
) -> Result<RenewalShowPage> {
    let renewal = renewals::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let snapshot = renewal.snapshot.clone().unwrap_or_default();
    let emails_filter = EmailFilter {
        renewal_id: Some(renewal_id),
        ..Default::default()
    };
    Ok(RenewalShowPage {
        layout: AdminLayout::new(staff, csrf, "renewals"),
        timeline: renewals::timeline(&state.db, renewal_id).await?,
        evaluation: snapshot::evaluation(&snapshot),
        items: snapshot::items(&snapshot),
        emails: outbox::list(&state.db, &emails_filter, 100, 0).await?.0,
        renewal,
        notice,
    })
}

/// GET /admin/renewals/{renewal_id}
pub async fn show_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
) -> Result<RenewalShowPage> {
    load_page(&state, &staff, &csrf, renewal_id, None).await
}

/// GET /admin/renewals/{renewal_id}/timeline.csv
pub async fn export_timeline(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    Path(renewal_id): Path<Uuid>,
) -> Result<Response> {
    let renewal = renewals::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let events = renewals::timeline(&state.db, renewal_id).await?;
    let mut out = csv::CsvWriter::with_header(&[
        "time",
        "from_state",
        "to_state",
        "cause",
        "actor",
        "details",
    ]);
    for event in &events {
        out.row([
            rfc3339(event.created_at).as_str(),
            event.from_state.as_deref().unwrap_or(""),
            &event.to_state,
            &event.cause,
            event.actor.as_deref().unwrap_or(""),
            &event.details.to_string(),
        ]);
    }
    let filename = format!("renewal-{}-timeline.csv", renewal.row.bundle_sid);
    Ok(csv::download(&filename, out.finish()))
}
