//! The parent account page's actions on subaccounts: discover them again, make tenants of the
//! chosen ones, and mark the flagged ones reviewed. Each enqueues or records, then redirects
//! back to the page, which shows the progress.

use crate::domain::ids::OnboardBatchId;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use tower_sessions::Session;

use super::ParentAccountPage;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::{parent_account, subaccounts};
use crate::error::Result;
use crate::queue::create_subaccount_tenants::CreateSubaccountTenants;
use crate::queue::discover_subaccounts::DiscoverSubaccounts;
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::login::CsrfForm;

/// The message beside the list when no subaccount was chosen.
pub const CHOOSE_ONE: &str = "Choose at least one subaccount to make a tenant of";

/// The "Create tenants" form: the chosen subaccounts' SIDs.
#[derive(Debug, Default, Deserialize)]
pub struct ChooseForm {
    /// `AC…`, one per ticked box.
    #[serde(default)]
    pub account_sid: Vec<String>,
    /// CSRF token.
    #[serde(default)]
    pub csrf_token: String,
}

fn back() -> Response {
    Redirect::to(routes::ADMIN_PARENT_ACCOUNT).into_response()
}

/// POST /admin/parent-account/discover — enqueues a discovery.
#[tracing::instrument(skip_all)]
pub async fn discover(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Form(input): Form<CsrfForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    if parent_account::load(&state.db).await?.is_none() {
        StaffFlash::failed("Connect the parent account first.")
            .set(&session)
            .await;
        return Ok(back());
    }
    let mut tx = state.db.begin().await?;
    crate::queue::enqueue(&mut tx, &DiscoverSubaccounts::now()).await?;
    tx.commit().await?;
    StaffFlash::ok("Discovery started: the list below fills in when Twilio has answered.")
        .set(&session)
        .await;
    Ok(back())
}

/// POST /admin/parent-account/tenants — makes tenants of the chosen subaccounts in one job.
#[tracing::instrument(skip_all, fields(chosen = input.account_sid.len()))]
pub async fn create_tenants(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Form(input): Form<ChooseForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    if input.account_sid.is_empty() {
        let mut page = ParentAccountPage::load(&state, &staff, &csrf).await?;
        page.choose_error = Some(CHOOSE_ONE);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let batch_id = OnboardBatchId::random();
    let mut tx = state.db.begin().await?;
    let requested = subaccounts::request_tenants(&mut tx, batch_id, &input.account_sid).await?;
    if requested > 0 {
        crate::queue::enqueue(&mut tx, &CreateSubaccountTenants { batch_id }).await?;
    }
    tx.commit().await?;
    let flash = if requested == 0 {
        StaffFlash::failed(
            "None of the chosen subaccounts can become a tenant: they are tenants already or \
             not active.",
        )
    } else {
        StaffFlash::ok(format!(
            "Creating {requested} tenant{}: progress shows below.",
            if requested == 1 { "" } else { "s" }
        ))
    };
    flash.set(&session).await;
    Ok(back())
}

/// POST /admin/parent-account/reviewed — clears the new / suspended / closed flags.
#[tracing::instrument(skip_all)]
pub async fn mark_reviewed(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Form(input): Form<CsrfForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let cleared = subaccounts::mark_reviewed(&state.db).await?;
    StaffFlash::ok(format!(
        "Marked {cleared} flagged subaccount(s) as reviewed."
    ))
    .set(&session)
    .await;
    Ok(back())
}
