//! The tenant page's "Last sweep" facts as a fragment of their own, so that a small script can
//! follow a running sweep without reloading the page (and without wiping a half-typed form).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::ops::{self, JobView};
use crate::db::sweep_summaries::{self, SweepSummary};
use crate::db::tenants;
use crate::domain::ids::TenantId;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::admin::fmt;

/// The "Last sweep" facts of one tenant.
#[derive(Template, WebTemplate)]
#[template(path = "admin/tenants/sweep_status_partial.html")]
pub struct SweepStatusPartial {
    /// The tenant, for the fragment's own URL.
    pub tenant_id: TenantId,
    /// The latest sweep of this tenant.
    pub sweep: Option<JobView>,
    /// What the latest finished sweep found and did.
    pub summary: Option<SweepSummary>,
}

impl SweepStatusPartial {
    /// Loads the latest sweep of `tenant_id`.
    pub async fn load(state: &AppState, tenant_id: TenantId) -> Result<Self> {
        let kind = crate::queue::sweep_tenant::JOB_NAME;
        Ok(Self {
            tenant_id,
            sweep: ops::latest_job(&state.db, tenant_id, kind).await?,
            summary: sweep_summaries::latest(&state.db, tenant_id).await?,
        })
    }

    /// "Found 12 bundles, opened 2 renewals; 1 bundle could not be mirrored."
    pub fn summary_text(&self) -> Option<String> {
        let summary = self.summary?;
        let mut text = format!(
            "Found {}, opened {}",
            counted(summary.bundles_seen, "bundle", "bundles"),
            counted(summary.renewals_opened, "renewal", "renewals"),
        );
        if summary.problems > 0 {
            let verb = if summary.problems == 1 { "was" } else { "were" };
            text.push_str(&format!(
                "; {} {verb} not mirrored (see the dashboard)",
                counted(summary.problems, "bundle", "bundles")
            ));
        }
        text.push('.');
        Some(text)
    }

    /// Whether the latest sweep is still queued or running (the fragment keeps polling).
    pub fn in_progress(&self) -> bool {
        self.sweep
            .as_ref()
            .is_some_and(|job| job.status.is_unfinished())
    }

    /// The badge class for the sweep's status.
    pub fn badge(&self) -> &'static str {
        // A sweep's badge tells where it is, not whether an attempt failed on the way.
        self.sweep
            .as_ref()
            .map_or("badge-info", |job| job.status.badge(false))
    }

    /// The fragment's own address.
    pub fn src(&self) -> String {
        crate::routes::admin_tenant_sweep_status(&self.tenant_id)
    }
}

/// "1 bundle", "3 bundles".
fn counted(count: i32, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// GET /admin/tenants/{tenant_id}/sweep-status — the fragment alone.
pub async fn show_sweep_status(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    Path(tenant_id): Path<TenantId>,
) -> Result<SweepStatusPartial> {
    tenants::get_tenant(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    SweepStatusPartial::load(&state, tenant_id).await
}
