//! Saving the renewal page: one multipart form with every section (text fields and uploads).
//! Validation problems re-render the page with 422, a message beside each bad input and
//! everything typed kept; valid changes go to Twilio through the engine (PRG + "Saved").

use crate::domain::ids::RenewalId;
use crate::domain::ids::TenantId;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::Flash;
use super::fix_once;
use super::renewal::{self, RenewalPage};
use super::renewal_form::{RenewalForm, Submission};
use crate::auth::csrf::CsrfToken;
use crate::auth::customer::CurrentCustomer;
use crate::db::portal::RenewalRow;
use crate::domain::fix_once::needs;
use crate::domain::upload::MAX_FILE_BYTES;
use crate::error::{AppError, ErrorPage, Result};
use crate::lifecycle::fix_once::FixOnce;
use crate::lifecycle::{Actor, EngineError, Upload};
use crate::routes;
use crate::state::AppState;
use crate::telemetry::request_id;
use crate::web::chrome::Chrome;

/// Largest request the save route accepts (several documents at once).
pub const MAX_SAVE_BYTES: usize = 4 * MAX_FILE_BYTES + 1024 * 1024;

/// `POST /renewals/{id}`
pub async fn save_renewal(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    csrf: CsrfToken,
    c: Chrome,
    session: Session,
    Path(id): Path<RenewalId>,
    multipart: Multipart,
) -> Result<Response> {
    let (csrf_field, submission) = match read_submission(multipart).await {
        Ok(parsed) => parsed,
        Err(error) => return Ok(too_large_or_bad(error, &c)),
    };
    csrf.verify(&csrf_field)?;
    let row = renewal::load(&state, &customer, id).await?;
    let Ok(snapshot) = renewal::snapshot_of(&row) else {
        return unreadable(&state, customer.tenant_id, &row, c).await;
    };
    let Some(snapshot) = snapshot.filter(|_| row.state.customer_may_edit()) else {
        return Err(AppError::Conflict(c.t("save-not-editable")));
    };
    let mut form = renewal::form_of(
        &mut *state.db.acquire().await?,
        customer.tenant_id,
        &row,
        snapshot,
        &c.tr,
    )
    .await?;
    form.fill(&submission);
    let Some(changes) = form.changes(&submission) else {
        let page = page_again(&state, customer.tenant_id, &row, form, c, &submission).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let actor = Actor::Customer {
        email: customer.email.clone(),
    };
    let (saved, ticked) = (
        changes.clone(),
        fix_once::ticked(&submission, needs(snapshot)),
    );
    match state
        .engine
        .apply_changes(customer.tenant_id, id, changes, &actor)
        .await
    {
        Ok(fresh) => {
            let request = FixOnce {
                tenant_id: customer.tenant_id,
                current_id: id,
                current_bundle: &row.bundle_name,
                current: snapshot,
                changes: &saved,
                ticked: &ticked,
                actor: &actor,
            };
            fix_once::apply(&state, &request, &c.tr, &session).await;
            saved_flash(&form, fresh.is_compliant()).set(&session).await;
            Ok(Redirect::to(&routes::renewal(id)).into_response())
        }
        Err(EngineError::InvalidField(invalid)) => {
            form.show_refusal(&invalid.field, &invalid.message);
            let page = page_again(&state, customer.tenant_id, &row, form, c, &submission).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(EngineError::NotEditable(_)) => {
            Ok(Redirect::to(&routes::renewal_status(id)).into_response())
        }
        Err(error @ (EngineError::Twilio(_) | EngineError::Other(_))) => {
            // Twilio unavailable or refusing: keep everything typed and say so.
            tracing::warn!(error.message = %error, error.cause_chain = ?error, "saving a renewal failed");
            form.form_error = Some(c.t("save-twilio-failed"));
            let page = page_again(&state, customer.tenant_id, &row, form, c, &submission).await?;
            Ok((StatusCode::BAD_GATEWAY, page).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// What the page says after a save: compliant now, still missing something, or saved with
/// another address than the bundle's (which ReplaceItems will refuse).
fn saved_flash(form: &RenewalForm, compliant: bool) -> Flash {
    if form.chooses_another_address() {
        Flash {
            kind: "warn".into(),
            message: "address-saved-mismatch".into(),
        }
    } else if compliant {
        Flash::ok("save-done-compliant")
    } else {
        Flash::ok("save-done-still-missing")
    }
}

/// Nothing can be saved over information that cannot be read: the page says so (409).
async fn unreadable(
    state: &AppState,
    tenant_id: TenantId,
    row: &RenewalRow,
    c: Chrome,
) -> Result<Response> {
    let mut conn = state.db.acquire().await?;
    let page = RenewalPage::render(state, &mut conn, tenant_id, row, None, c, None).await?;
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// The page again after a refused save: everything typed, and every offer ticked, kept.
async fn page_again(
    state: &AppState,
    tenant_id: TenantId,
    row: &RenewalRow,
    form: RenewalForm,
    c: Chrome,
    submission: &Submission,
) -> Result<RenewalPage> {
    let mut page = RenewalPage::render(
        state,
        &mut *state.db.acquire().await?,
        tenant_id,
        row,
        Some(form),
        c,
        None,
    )
    .await?;
    page.fix_once.keep_ticked(submission);
    Ok(page)
}

/// Reads every part: text into `values`, chosen files into `files`; returns the CSRF field.
/// (The staff's "fill in for the customer" form reads its post the same way.)
pub(crate) async fn read_submission(
    mut multipart: Multipart,
) -> std::result::Result<(String, Submission), MultipartError> {
    let mut submission = Submission::default();
    let mut csrf = String::new();
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().unwrap_or_default().to_owned();
        match filename {
            Some(filename) => {
                let bytes = field.bytes().await?;
                // An empty file part is what a browser sends for "no file chosen".
                if !filename.is_empty() || !bytes.is_empty() {
                    submission.files.insert(
                        name,
                        Upload {
                            filename,
                            content_type,
                            bytes: bytes.to_vec(),
                        },
                    );
                }
            }
            None => {
                let text = field.text().await?;
                if name == crate::auth::csrf::FIELD {
                    csrf = text;
                } else if let Some(earlier) = submission.values.get_mut(&name) {
                    // Checkboxes of one name (several addresses): one list.
                    earlier.push_str(", ");
                    earlier.push_str(&text);
                } else {
                    submission.values.insert(name, text);
                }
            }
        }
    }
    Ok((csrf, submission))
}

fn too_large_or_bad(error: MultipartError, c: &Chrome) -> Response {
    let status = error.status();
    let (title, message) = if status == StatusCode::PAYLOAD_TOO_LARGE {
        (
            c.t("save-too-large-title"),
            c.t2(
                "save-too-large",
                "total",
                MAX_SAVE_BYTES / (1024 * 1024),
                "each",
                MAX_FILE_BYTES / (1024 * 1024),
            ),
        )
    } else {
        (c.t("save-unreadable-title"), c.t("save-unreadable"))
    };
    ErrorPage {
        status: status.as_u16(),
        title,
        message,
        request_id: request_id::current(),
    }
    .into_response_with(status)
}
