//! Bulk import of tenants and users from CSV (admins only): upload → a preview of every row's
//! planned action, stored sealed under a random id → "Confirm import" applies it in one
//! transaction. Nothing is written before the confirm; the exports import back unchanged.

mod csv_file;
mod exports;
mod plan;
mod show;
mod tenant_plan;
mod tenant_rows;
mod user_plan;
mod user_rows;

pub use exports::{export_tenants, export_users};
pub use show::{confirm_import, show_import};

use anyhow::Context;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};

use super::AdminLayout;
use crate::auth::csrf::{self, CsrfToken};
use crate::auth::staff::CurrentStaff;
use crate::db::bulk_imports::{self, ImportKind, NewImport};
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use csv_file::{FileProblem, MAX_FILE_BYTES, MAX_ROWS};

/// The body limit of the two upload routes: the largest file, with room for the form around
/// it (so a somewhat larger file still reaches the page and is refused beside its field).
pub const UPLOAD_LIMIT: usize = crate::web::body_limit::IMPORT_UPLOAD_LIMIT;

/// The file field of both upload forms.
const FIELD: &str = "file";

/// GET /admin/import — the two upload forms.
#[derive(Template, WebTemplate)]
#[template(path = "admin/import/upload.html")]
pub struct UploadPage {
    layout: AdminLayout,
    /// The file-level problem of a refused tenants file.
    tenants_error: Option<String>,
    /// The file-level problem of a refused users file.
    users_error: Option<String>,
}

impl UploadPage {
    fn new(staff: &CurrentStaff, csrf: &CsrfToken) -> Self {
        Self {
            layout: AdminLayout::new(staff, csrf, "import"),
            tenants_error: None,
            users_error: None,
        }
    }

    fn max_rows(&self) -> usize {
        MAX_ROWS
    }

    fn tenant_columns(&self) -> String {
        csv_file::column_names(&tenant_rows::COLUMNS)
    }

    fn user_columns(&self) -> String {
        csv_file::column_names(&user_rows::COLUMNS)
    }

    fn max_mb(&self) -> usize {
        MAX_FILE_BYTES / 1024 / 1024
    }
}

/// GET /admin/import
pub async fn show_upload(staff: CurrentStaff, csrf: CsrfToken) -> Result<UploadPage> {
    staff.require_admin()?;
    Ok(UploadPage::new(&staff, &csrf))
}

/// POST /admin/import/tenants
pub async fn upload_tenants(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    multipart: Multipart,
) -> Result<Response> {
    upload(&state, &staff, &csrf, multipart, ImportKind::Tenants).await
}

/// POST /admin/import/users
pub async fn upload_users(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    multipart: Multipart,
) -> Result<Response> {
    upload(&state, &staff, &csrf, multipart, ImportKind::Users).await
}

/// Reads and stores the file, then 303 to its preview; a bad file is refused beside its field.
#[tracing::instrument(skip_all, fields(kind = ?kind))]
async fn upload(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    multipart: Multipart,
    kind: ImportKind,
) -> Result<Response> {
    staff.require_admin()?;
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Ok(refused(staff, csrf, kind, &FileProblem::TooLarge));
        }
        Err(error) => {
            tracing::info!(%error, "import upload unreadable");
            return Err(AppError::BadRequest(
                "The form could not be read. Go back and upload the file again.".to_owned(),
            ));
        }
    };
    csrf.verify(&upload.csrf_token)?;
    let columns = match kind {
        ImportKind::Tenants => &tenant_rows::COLUMNS[..],
        ImportKind::Users => &user_rows::COLUMNS[..],
    };
    let rows = match csv_file::read(&upload.bytes, columns) {
        Ok(rows) => rows,
        Err(problem) => return Ok(refused(staff, csrf, kind, &problem)),
    };
    let rows_json = serde_json::to_vec(&rows).context("the import's rows as JSON")?;
    let digest = Sha256::digest(&upload.bytes);
    let new = NewImport {
        kind,
        staff_user_id: staff.staff_user_id,
        file_name: &upload.file_name,
        content_sha256: digest.as_slice(),
        rows_json: &rows_json,
    };
    let id = bulk_imports::store(&state.db, &state.config.secret_key, &new).await?;
    tracing::info!(by = %staff.staff_user_id, %id, rows = rows.len(), "import uploaded");
    Ok(Redirect::to(&routes::admin_import(id)).into_response())
}

/// The upload page again, with `problem` beside the field of `kind`'s form.
fn refused(
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    kind: ImportKind,
    problem: &FileProblem,
) -> Response {
    let mut page = UploadPage::new(staff, csrf);
    match kind {
        ImportKind::Tenants => page.tenants_error = Some(problem.to_string()),
        ImportKind::Users => page.users_error = Some(problem.to_string()),
    }
    let status = match problem {
        FileProblem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, page).into_response()
}

/// The upload form's fields.
struct Upload {
    csrf_token: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_upload(mut multipart: Multipart) -> std::result::Result<Upload, MultipartError> {
    let mut upload = Upload {
        csrf_token: String::new(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            csrf::FIELD => upload.csrf_token = field.text().await?,
            FIELD => {
                upload.file_name = field
                    .file_name()
                    .unwrap_or_default()
                    .chars()
                    .take(200)
                    .collect();
                upload.bytes = field.bytes().await?.to_vec();
            }
            _ => {}
        }
    }
    Ok(upload)
}
