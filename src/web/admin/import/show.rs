//! One stored import: its preview (every row's planned action, counts) and its confirm.

use anyhow::Context;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;

use super::csv_file::RawRow;
use super::plan::{Plan, PreviewRow};
use super::{tenant_plan, user_plan};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::bulk_imports::{self, ApplyError, ImportCounts, ImportKind, StoredImport};
use crate::domain::ids::BulkImportId;
use crate::error::{AppError, Result};
use crate::queue::create_subaccount_tenants::CreateSubaccountTenants;
use crate::routes;
use crate::state::AppState;
use crate::web::admin::AdminLayout;

/// The confirm form: the CSRF token and the fingerprint of the plan the preview showed.
#[derive(Debug, serde::Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    plan: String,
}

/// GET /admin/import/{bulk_import_id}
#[derive(Template, WebTemplate)]
#[template(path = "admin/import/preview.html")]
pub struct PreviewPage {
    layout: AdminLayout,
    /// The import's id.
    id: BulkImportId,
    /// `tenants` or `users`.
    what: &'static str,
    /// The uploaded file's name.
    file_name: String,
    /// Every row (empty once applied).
    rows: Vec<PreviewRow>,
    /// The rows per action: planned, or as applied.
    counts: ImportCounts,
    /// Whether it was applied already.
    applied: bool,
    /// Whether it can no longer be confirmed.
    expired: bool,
    /// The plan's fingerprint, sent back by the confirm.
    fingerprint: String,
}

impl PreviewPage {
    fn confirm_href(&self) -> String {
        routes::admin_import_confirm(self.id)
    }

    fn changes(&self) -> i32 {
        self.counts.created + self.counts.updated
    }
}

/// GET /admin/import/{bulk_import_id}
pub async fn show_import(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(id): Path<BulkImportId>,
) -> Result<PreviewPage> {
    staff.require_admin()?;
    let stored = load(&state, &staff, id).await?;
    let applied = stored.applied_at.is_some();
    let mut fingerprint = String::new();
    let (rows, counts) = if applied {
        let counts = ImportCounts {
            created: stored.created_count,
            updated: stored.updated_count,
            unchanged: stored.unchanged_count,
            skipped: stored.skipped_count,
        };
        (Vec::new(), counts)
    } else {
        let plan = plan(&state, &stored).await?;
        let counts = plan.counts();
        fingerprint = plan.fingerprint();
        (plan.rows, counts)
    };
    Ok(PreviewPage {
        layout: AdminLayout::new(&staff, &csrf, "import"),
        id,
        what: match stored.kind {
            ImportKind::Tenants => "tenants",
            ImportKind::Users => "users",
        },
        file_name: stored.file_name.clone(),
        rows,
        counts,
        applied,
        expired: stored.is_expired(),
        fingerprint,
    })
}

/// POST /admin/import/{bulk_import_id}/confirm — plans the stored rows again against the
/// database as it is now and applies every change in one transaction; rows with an error are
/// left out. A second confirm finds the import applied and changes nothing.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn confirm_import(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(id): Path<BulkImportId>,
    Form(input): Form<ConfirmForm>,
) -> Result<Redirect> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let stored = load(&state, &staff, id).await?;
    let back = Redirect::to(&routes::admin_import(id));
    if stored.applied_at.is_some() || stored.is_expired() {
        return Ok(back);
    }
    let plan = plan(&state, &stored).await?;
    if plan.fingerprint() != input.plan {
        // A confirm running at the same time may have applied it meanwhile: then this one is done.
        if load(&state, &staff, id).await?.applied_at.is_some() {
            return Ok(back);
        }
        return Err(AppError::Conflict(
            "Nothing was imported: the data changed since this preview. Open the preview \
             again, check the rows and confirm once more."
                .to_owned(),
        ));
    }
    let counts = plan.counts();
    match apply(&state, id, &staff, &plan, counts).await {
        Ok(()) => {
            tracing::info!(by = %staff.staff_user_id, ?counts, "import applied");
            Ok(back)
        }
        Err(ApplyError::NotPending) => Ok(back),
        Err(ApplyError::Tenant(error)) => Err(AppError::Conflict(format!(
            "Nothing was imported: {error}. Open the preview again to see the rows as they are now."
        ))),
        Err(ApplyError::Database(error)) => Err(error.into()),
    }
}

/// Applies the plan in one transaction, with the job that fetches parent-account credentials
/// for the tenants that take them (enqueued in the same transaction, so both or neither).
async fn apply(
    state: &AppState,
    id: BulkImportId,
    staff: &CurrentStaff,
    plan: &Plan,
    counts: ImportCounts,
) -> std::result::Result<(), ApplyError> {
    let key = &state.config.secret_key;
    let mut tx = state.db.begin().await?;
    let batch =
        bulk_imports::apply(&mut tx, key, id, staff.staff_user_id, &plan.steps, counts).await?;
    if let Some(batch_id) = batch {
        crate::queue::enqueue(&mut tx, &CreateSubaccountTenants { batch_id }).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// This staff member's import `id`.
async fn load(state: &AppState, staff: &CurrentStaff, id: BulkImportId) -> Result<StoredImport> {
    bulk_imports::find(&state.db, id, staff.staff_user_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The stored rows' plan against the database as it is now.
async fn plan(state: &AppState, stored: &StoredImport) -> Result<Plan> {
    let json = stored
        .open_rows(&state.config.secret_key)
        .context("a stored import does not open with this key")?;
    let rows: Vec<RawRow> = serde_json::from_slice(&json).context("a stored import's rows")?;
    match stored.kind {
        ImportKind::Tenants => tenant_plan::plan(state, &rows).await,
        ImportKind::Users => user_plan::plan(state, &rows).await,
    }
}
