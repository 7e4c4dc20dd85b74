//! Uploading and removing the brand's logo (a multipart form of its own on the brand page).

use axum::Form;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{BrandNotice, BrandPage};
use crate::auth::csrf::{self, CsrfToken};
use crate::auth::staff::CurrentStaff;
use crate::db;
use crate::domain::logo::{self, LogoProblem};
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::login::CsrfForm;
use crate::web::admin::notice::QueryNotice;

/// The file field of the upload form.
const FIELD: &str = "logo";

/// POST /admin/brand/logo — stores a PNG, JPEG or WebP logo; anything else is refused beside
/// the file field.
#[tracing::instrument(skip_all)]
pub async fn upload_logo(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    multipart: Multipart,
) -> Result<Response> {
    staff.require_admin()?;
    let (token, bytes) = match read_upload(multipart).await {
        Ok(read) => read,
        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refused(&state, &staff, &csrf, LogoProblem::TooLarge).await;
        }
        Err(error) => {
            tracing::info!(%error, "logo upload unreadable");
            return Err(AppError::BadRequest(
                "The form could not be read. Go back and upload the logo again.".to_owned(),
            ));
        }
    };
    csrf.verify(&token)?;
    match logo::check(&bytes) {
        Ok(content_type) => {
            let brand =
                db::brand::set_logo(&state.db, &bytes, content_type, staff.staff_user_id).await?;
            tracing::info!(by = %staff.staff_user_id, version = brand.version, content_type, bytes = bytes.len(), "brand logo uploaded");
            let to = BrandNotice::LogoUploaded.on(routes::ADMIN_BRAND);
            Ok(Redirect::to(&to).into_response())
        }
        Err(problem) => refused(&state, &staff, &csrf, problem).await,
    }
}

/// POST /admin/brand/logo/remove
#[tracing::instrument(skip_all)]
pub async fn remove_logo(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let brand = db::brand::remove_logo(&state.db, staff.staff_user_id).await?;
    tracing::info!(by = %staff.staff_user_id, version = brand.version, "brand logo removed");
    Ok(Redirect::to(
        &BrandNotice::LogoRemoved.on(routes::ADMIN_BRAND),
    ))
}

/// The CSRF field and the chosen file's bytes (empty when none was chosen).
async fn read_upload(
    mut multipart: Multipart,
) -> std::result::Result<(String, Vec<u8>), MultipartError> {
    let (mut token, mut bytes) = (String::new(), Vec::new());
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            csrf::FIELD => token = field.text().await?,
            FIELD => bytes = field.bytes().await?.to_vec(),
            _ => {}
        }
    }
    Ok((token, bytes))
}

/// The brand page again, with `problem` beside the file field.
async fn refused(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    problem: LogoProblem,
) -> Result<Response> {
    let mut page = BrandPage::load(state, staff, csrf).await?;
    page.logo_errors.add(FIELD, problem.to_string());
    let status = match problem {
        LogoProblem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        LogoProblem::Empty | LogoProblem::UnknownType => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok((status, page).into_response())
}
