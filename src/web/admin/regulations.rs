//! Regulations for staff: every regulation recomply has read, and for one regulation each
//! version it saw (versions are distinct contents: Twilio publishes no version numbers) with
//! what each asks that the one before did not.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use time::OffsetDateTime;

use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::regulation_versions::{self, RegulationSummary};
use crate::domain::requirements::Requirements;
use crate::domain::sid::RegulationSid;
use crate::error::{AppError, Result};
use crate::i18n::Tr;
use crate::lifecycle::what_changed::WhatChanged;
use crate::routes;
use crate::state::AppState;

/// The list.
#[derive(Template, WebTemplate)]
#[template(path = "admin/regulations/list.html")]
pub struct RegulationsPage {
    layout: AdminLayout,
    rows: Vec<RegulationSummary>,
}

/// One regulation.
#[derive(Template, WebTemplate)]
#[template(path = "admin/regulations/show.html")]
pub struct RegulationPage {
    layout: AdminLayout,
    sid: String,
    name: String,
    /// Newest first.
    versions: Vec<VersionView>,
}

/// One version, with what it added to the one before.
pub struct VersionView {
    first_seen_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    requirements: usize,
    /// `None` for the first version recomply saw.
    added: Option<Vec<String>>,
}

/// GET /admin/regulations
pub async fn list_regulations(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
) -> Result<RegulationsPage> {
    Ok(RegulationsPage {
        layout: AdminLayout::new(&staff, &csrf, "regulations"),
        rows: regulation_versions::list_regulations(&state.db).await?,
    })
}

/// GET /admin/regulations/{sid}
pub async fn show_regulation(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(sid): Path<String>,
) -> Result<RegulationPage> {
    let sid = RegulationSid::parse(&sid).map_err(|_| AppError::NotFound)?;
    let versions = regulation_versions::list_for_regulation(&state.db, &sid).await?;
    let Some(latest) = versions.last() else {
        return Err(AppError::NotFound);
    };
    let name = latest.regulation.friendly_name.clone();
    let english = Tr::english();
    let mut views: Vec<VersionView> = Vec::with_capacity(versions.len());
    let mut before: Option<&Requirements> = None;
    for version in &versions {
        let after = &version.regulation.requirements;
        let added = before.map(|before| {
            let changes = crate::domain::requirements::diff::changes(before, after);
            WhatChanged::Changes(changes)
                .note(&english)
                .map(|note| note.lines)
                .unwrap_or_default()
        });
        views.push(VersionView {
            first_seen_at: version.first_seen_at,
            last_seen_at: version.last_seen_at,
            requirements: after.end_users.len() + after.documents.len(),
            added,
        });
        before = Some(after);
    }
    views.reverse();
    Ok(RegulationPage {
        layout: AdminLayout::new(&staff, &csrf, "regulations"),
        sid: sid.to_string(),
        name,
        versions: views,
    })
}

/// The link to one regulation's page.
pub fn href(sid: &RegulationSid) -> String {
    routes::admin_regulation(sid)
}
