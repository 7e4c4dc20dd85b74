//! Cancelling a renewal (staff choose why, on a confirmation page) and reopening a cancelled
//! renewal's bundle for renewal. A cancel holds: the sweep opens no new renewal for the bundle
//! until a snooze ends or staff reopen it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use tower_sessions::Session;

use super::actions::{actor, back_to_page, outcome_flash, tenant_of};
use super::show::RenewalNotice;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::renewals::{self as renewal_queries, RenewalDetail};
use crate::domain::cancel_reason::{CancelReason, Cancellation};
use crate::domain::ids::RenewalId;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::form::FormErrors;
use crate::web::admin::login::CsrfForm;
use crate::web::admin::notice::QueryNotice;
use crate::web::admin::{AdminLayout, fmt};

/// The "cancel this renewal?" confirmation page, with the reasons to choose from.
#[derive(Template, WebTemplate)]
#[template(path = "admin/renewals/cancel.html")]
pub struct CancelRenewalPage {
    layout: AdminLayout,
    renewal: RenewalDetail,
    form: CancelForm,
    errors: FormErrors,
}

impl CancelRenewalPage {
    /// The reasons staff choose from: (value, words).
    fn reasons(&self) -> Vec<(&'static str, &'static str)> {
        CancelReason::CHOICES
            .iter()
            .map(|reason| (reason.as_str(), reason.label()))
            .collect()
    }
}

/// What staff chose.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CancelForm {
    /// One of [`CancelReason::CHOICES`].
    #[serde(default)]
    reason: String,
    /// For a snooze: the first day the bundle may be renewed again (`YYYY-MM-DD`).
    #[serde(default)]
    snooze_until: String,
    #[serde(default)]
    csrf_token: String,
}

impl CancelForm {
    /// The cancellation, or what is wrong with the form (messages by field).
    fn read(&self, now: OffsetDateTime) -> std::result::Result<Cancellation, FormErrors> {
        let mut errors = FormErrors::new();
        let Ok(reason) = self.reason.parse::<CancelReason>() else {
            errors.add("reason", "Choose why the renewal is cancelled.");
            return Err(errors);
        };
        if matches!(
            reason,
            CancelReason::TenantRemoved | CancelReason::TestBundle
        ) {
            errors.add("reason", "Choose why the renewal is cancelled.");
            return Err(errors);
        }
        if reason != CancelReason::Snoozed {
            return Ok(Cancellation::because(reason));
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        match time::Date::parse(self.snooze_until.trim(), &format) {
            Ok(day) if day > now.date() => Ok(Cancellation {
                reason,
                snoozed_until: Some(day.midnight().assume_utc()),
            }),
            Ok(_) => {
                errors.add("snooze_until", "Choose a day after today.");
                Err(errors)
            }
            Err(_) => {
                errors.add(
                    "snooze_until",
                    "Enter the day the bundle may be renewed again, as year-month-day.",
                );
                Err(errors)
            }
        }
    }
}

async fn detail(state: &AppState, renewal_id: RenewalId) -> Result<RenewalDetail> {
    renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /admin/renewals/{renewal_id}/cancel — asks why, and for confirmation.
pub async fn cancel_renewal_form(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<RenewalId>,
) -> Result<CancelRenewalPage> {
    Ok(CancelRenewalPage {
        layout: AdminLayout::new(&staff, &csrf, "renewals"),
        renewal: detail(&state, renewal_id).await?,
        form: CancelForm::default(),
        errors: FormErrors::new(),
    })
}

/// POST /admin/renewals/{renewal_id}/cancel — stops the renewal, deletes the copy at Twilio and
/// keeps the bundle from being renewed again as staff chose.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn cancel_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<CancelForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let cancellation = match input.read(OffsetDateTime::now_utc()) {
        Ok(cancellation) => cancellation,
        Err(errors) => {
            let page = CancelRenewalPage {
                layout: AdminLayout::new(&staff, &csrf, "renewals"),
                renewal: detail(&state, renewal_id).await?,
                form: input,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let tenant_id = tenant_of(&state, renewal_id).await?;
    match state
        .engine
        .cancel(tenant_id, renewal_id, cancellation, &actor(&staff))
        .await
    {
        Ok(()) => {
            let to = RenewalNotice::Cancelled.on(&routes::admin_renewal(renewal_id));
            Ok(Redirect::to(&to).into_response())
        }
        Err(error) => {
            let flash = outcome_flash(renewal_id, Err(error))?;
            Ok(back_to_page(&session, renewal_id, flash)
                .await
                .into_response())
        }
    }
}

/// POST /admin/renewals/{renewal_id}/reopen — the cancelled renewal's bundle may be renewed
/// again; the tenant is swept at once.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn reopen_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let flash = match state
        .engine
        .reopen(tenant_id, renewal_id, &actor(&staff))
        .await
    {
        Ok(()) => StaffFlash::ok(
            "Reopened: the tenant is being swept, and the bundle gets a new renewal if it still has a deadline.",
        ),
        Err(error) => outcome_flash(renewal_id, Err(error))?,
    };
    Ok(back_to_page(&session, renewal_id, flash).await)
}
