//! Staff filling in a renewal's form for the customer (as a platform's dashboard updates a
//! connected account's details and uploads its documents on its behalf): the same sections,
//! inputs and uploads the customer sees, built and read back by the portal's
//! [`RenewalForm`], saved through the engine as [`Actor::Staff`] so the timeline names the
//! staff member. Only while the customer may edit the renewal.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::actions::actor;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::renewals::{self as renewal_queries, RenewalDetail};
use crate::domain::ids::RenewalId;
use crate::domain::renewal::RenewalState;
use crate::domain::upload::MAX_FILE_BYTES;
use crate::error::{AppError, ErrorPage, Result};
use crate::i18n::Tr;
use crate::lifecycle::EngineError;
use crate::routes;
use crate::state::AppState;
use crate::telemetry::request_id;
use crate::web::admin::AdminLayout;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::login::CsrfForm;
use crate::web::portal::fix_once::FixOnceOffers;
use crate::web::portal::renewal_form::{RenewalForm, SectionKind, SummaryError};
use crate::web::portal::save::{MAX_SAVE_BYTES, read_submission};

/// The customer's form, for staff.
#[derive(Template, WebTemplate)]
#[template(path = "admin/renewals/on_behalf.html")]
pub struct OnBehalfPage {
    layout: AdminLayout,
    renewal: RenewalDetail,
    /// The form's messages, in English (the shared sections partial calls `c.t(..)`).
    c: Tr,
    /// None when the customer may not edit the renewal (or its evaluation is not ready).
    form: Option<RenewalForm>,
    /// Why there is no form.
    no_form: Option<String>,
    errors: Vec<SummaryError>,
    /// The outcome of the last save or submit: `(succeeded, text)`.
    notice: Option<(bool, String)>,
    /// The shared inputs' "also use this for" offers: a customer's, never made for staff.
    fix_once: FixOnceOffers,
}

impl OnBehalfPage {
    /// The page for `renewal`: its form prefilled from the snapshot, or why there is none.
    fn new(staff: &CurrentStaff, csrf: &CsrfToken, renewal: RenewalDetail) -> Self {
        let c = Tr::english();
        let state = renewal.row.state;
        let (form, no_form) = if matches!(state, RenewalState::Detected | RenewalState::CopyCreated)
        {
            (None, Some(PREPARING.to_owned()))
        } else if !state.customer_may_edit() {
            (None, Some(not_editable(state)))
        } else {
            match renewal.snapshot.read(renewal.row.renewal_id) {
                Ok(Some(snapshot)) => (Some(RenewalForm::build(snapshot, &c)), None),
                Ok(None) => (None, Some(PREPARING.to_owned())),
                Err(_) => (None, Some(UNREADABLE.to_owned())),
            }
        };
        Self {
            layout: AdminLayout::new(staff, csrf, "renewals"),
            renewal,
            c,
            form,
            no_form,
            errors: Vec::new(),
            notice: None,
            fix_once: FixOnceOffers::default(),
        }
    }

    /// With `form` (re-filled from a post) and its messages.
    fn with_form(mut self, form: RenewalForm) -> Self {
        self.errors = form.summary();
        self.form = Some(form);
        self
    }

    /// The customer's side of the renewal: "<tenant>'s customer".
    fn tenant_name(&self) -> &str {
        &self.renewal.row.tenant_name
    }

    /// Where the form posts.
    fn action(&self) -> String {
        routes::admin_renewal_form(self.renewal.row.renewal_id)
    }

    /// Where Submit posts.
    fn submit_action(&self) -> String {
        routes::admin_renewal_form_submit(self.renewal.row.renewal_id)
    }
}

/// Why a renewal in `state` (past collecting) has no form.
fn not_editable(state: RenewalState) -> String {
    format!(
        "The customer cannot change this renewal in its state ({}), so there is no form to fill in.",
        state.staff_label()
    )
}

const PREPARING: &str =
    "The bundle copy is still being prepared; the form appears once Twilio's evaluation is in.";
const UNREADABLE: &str =
    "The stored evaluation cannot be read; re-evaluate the renewal from its page.";

async fn detail(state: &AppState, renewal_id: RenewalId) -> Result<RenewalDetail> {
    renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /admin/renewals/{renewal_id}/form — the customer's form, prefilled, for staff.
pub async fn on_behalf_form(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
) -> Result<OnBehalfPage> {
    let mut page = OnBehalfPage::new(&staff, &csrf, detail(&state, renewal_id).await?);
    page.notice = StaffFlash::take(&session)
        .await
        .map(|flash| (flash.ok, flash.message));
    Ok(page)
}

/// POST /admin/renewals/{renewal_id}/form — saves what staff entered or uploaded through the
/// engine (validated as the customer's save is), re-evaluates, and records it with the staff
/// member's name. Bad input re-renders the form (422) with everything typed kept.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn save_on_behalf(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    multipart: Multipart,
) -> Result<Response> {
    let (csrf_field, submission) = match read_submission(multipart).await {
        Ok(parsed) => parsed,
        Err(error) => return Ok(unreadable_post(error.status())),
    };
    csrf.verify(&csrf_field)?;
    let page = OnBehalfPage::new(&staff, &csrf, detail(&state, renewal_id).await?);
    let Some(mut form) = page.form.clone() else {
        return Ok((StatusCode::CONFLICT, page).into_response());
    };
    form.fill(&submission);
    let Some(changes) = form.changes(&submission) else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page.with_form(form)).into_response());
    };
    let tenant_id = page.renewal.row.tenant_id;
    match state
        .engine
        .apply_changes(tenant_id, renewal_id, changes, &actor(&staff))
        .await
    {
        Ok(fresh) => {
            let text = if fresh.is_compliant() {
                "Saved for the customer. Twilio's check now passes: the copy can be submitted."
            } else {
                "Saved for the customer. Twilio still needs what is listed below."
            };
            StaffFlash::ok(text).set(&session).await;
            Ok(Redirect::to(&routes::admin_renewal_form(renewal_id)).into_response())
        }
        Err(EngineError::InvalidField(invalid)) => {
            form.show_refusal(&invalid.field, &invalid.message);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page.with_form(form)).into_response())
        }
        Err(EngineError::NotEditable(_)) => {
            let page = OnBehalfPage::new(&staff, &csrf, detail(&state, renewal_id).await?);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(error @ (EngineError::Twilio(_) | EngineError::Other(_))) => {
            tracing::warn!(error.message = %error, error.cause_chain = ?error, "saving for the customer failed");
            form.form_error = Some(format!(
                "Twilio did not take the changes ({error}); nothing typed is lost, try again."
            ));
            Ok((StatusCode::BAD_GATEWAY, page.with_form(form)).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// POST /admin/renewals/{renewal_id}/form/submit — submits the compliant copy for review as
/// the staff member.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn submit_on_behalf(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = detail(&state, renewal_id).await?.row.tenant_id;
    match state
        .engine
        .submit(tenant_id, renewal_id, &actor(&staff))
        .await
    {
        Ok(()) => {
            StaffFlash::ok("Submitted to Twilio for review on the customer's behalf.")
                .set(&session)
                .await;
            Ok(Redirect::to(&routes::admin_renewal(renewal_id)))
        }
        Err(
            error @ (EngineError::NotCompliant
            | EngineError::NotEditable(_)
            | EngineError::InvalidField(_)
            | EngineError::Twilio(_)
            | EngineError::Other(_)),
        ) => {
            let text = match error {
                EngineError::NotCompliant => {
                    "Not submitted: Twilio's check does not pass yet.".to_owned()
                }
                error => format!("Not submitted: {error}"),
            };
            StaffFlash::failed(text).set(&session).await;
            Ok(Redirect::to(&routes::admin_renewal_form(renewal_id)))
        }
        Err(error) => Err(error.into()),
    }
}

/// The page for a post that is too large or cannot be read.
fn unreadable_post(status: StatusCode) -> Response {
    let (title, message) = if status == StatusCode::PAYLOAD_TOO_LARGE {
        (
            "Too large".to_owned(),
            format!(
                "The files together are over {} MB (each may be up to {} MB). Go back and choose smaller files.",
                MAX_SAVE_BYTES / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    } else {
        (
            "Could not read the form".to_owned(),
            "The form could not be read. Go back and try again.".to_owned(),
        )
    };
    ErrorPage {
        status: status.as_u16(),
        title,
        message,
        request_id: request_id::current(),
    }
    .into_response_with(status)
}
