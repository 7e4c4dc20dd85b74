//! Staff actions on one renewal. Each lands on the timeline with the staff member's name
//! (cause `staff`): email one customer user a link to it, create a sign-in link to hand over (shown once),
//! retry the stuck step, re-evaluate, cancel (after a confirmation page).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::show::{RenewalShowPage, load_page};
use crate::auth::csrf::CsrfToken;
use crate::auth::magic_link;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::renewals::{self as renewal_queries, RenewalDetail};
use crate::db::{renewals, users};
use crate::domain::renewal::Cause;
use crate::error::{AppError, Result};
use crate::lifecycle::{Actor, EngineError};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::login::CsrfForm;
use crate::web::admin::sign_in_links::{self, Delivery};
use crate::web::admin::{AdminLayout, fmt};

/// The "cancel this renewal?" confirmation page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/renewals/cancel.html")]
pub struct CancelRenewalPage {
    layout: AdminLayout,
    renewal: RenewalDetail,
}

/// The "email a link" and "create a sign-in link" forms: which user.
#[derive(Debug, Deserialize)]
pub struct SignInLinkForm {
    #[serde(default)]
    app_user_id: String,
    #[serde(default)]
    csrf_token: String,
}

fn actor(staff: &CurrentStaff) -> Actor {
    Actor::Staff {
        name: staff.actor().to_owned(),
    }
}

async fn tenant_of(state: &AppState, renewal_id: Uuid) -> Result<Uuid> {
    let renewal = renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(renewal.row.tenant_id)
}

/// Writes a staff action (cause `staff`, the staff member's name) on the renewal's timeline.
async fn record_staff_action(
    state: &AppState,
    staff: &CurrentStaff,
    tenant_id: Uuid,
    renewal_id: Uuid,
    kind: &str,
    details: serde_json::Value,
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let renewal = renewals::find_for_update(&mut tx, tenant_id, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    renewals::record_action(
        &mut tx,
        &renewal,
        kind,
        Cause::Staff,
        staff.actor(),
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The renewal page again, with the outcome of an action on top.
async fn page_with(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    renewal_id: Uuid,
    outcome: Result<String, EngineError>,
) -> Result<RenewalShowPage> {
    let notice = match outcome {
        Ok(text) => (true, text),
        Err(error @ EngineError::NotFound) => return Err(error.into()),
        Err(error) => {
            tracing::warn!(%renewal_id, %error, "staff action failed");
            (false, error.to_string())
        }
    };
    load_page(state, staff, csrf, renewal_id, Some(notice)).await
}

/// POST /admin/renewals/{renewal_id}/resend-link — emails the chosen user of the renewal's
/// tenant a single-use link straight into this renewal.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn resend_link(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
    Form(input): Form<SignInLinkForm>,
) -> Result<RenewalShowPage> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let Ok(app_user_id) = input.app_user_id.parse::<Uuid>() else {
        let text = "Choose one of the tenant's users to email.".to_owned();
        return load_page(&state, &staff, &csrf, renewal_id, Some((false, text))).await;
    };
    // Scoped to the renewal's tenant: another tenant's user is not found.
    let user = users::find_user_with_tenant(&state.db, tenant_id, app_user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if sign_in_links::email_link(&state, &user, Some(renewal_id)).await? == Delivery::Failed {
        let text = format!(
            "The email to {} could not be delivered; the outbox shows why.",
            user.email
        );
        return load_page(&state, &staff, &csrf, renewal_id, Some((false, text))).await;
    }
    let summary = format!("Sign-in link emailed to {}", user.email);
    let details = json!({"summary": summary, "user": user.email});
    record_staff_action(
        &state,
        &staff,
        tenant_id,
        renewal_id,
        "link_resent",
        details,
    )
    .await?;
    let text = format!(
        "A single-use link to this renewal was emailed to {}.",
        user.email
    );
    page_with(&state, &staff, &csrf, renewal_id, Ok(text)).await
}

/// POST /admin/renewals/{renewal_id}/sign-in-link — a link for one user, shown once.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn create_sign_in_link(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
    Form(input): Form<SignInLinkForm>,
) -> Result<RenewalShowPage> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let user = match input.app_user_id.parse::<Uuid>() {
        Ok(id) => users::find_user(&state.db, tenant_id, id).await?,
        Err(_) => None,
    };
    let Some(user) = user else {
        let text = "Choose one of the tenant's users for the link.".to_owned();
        return load_page(&state, &staff, &csrf, renewal_id, Some((false, text))).await;
    };
    let url = magic_link::issue(
        &state.db,
        &state.config.secret_key,
        &state.config.public_url,
        user.app_user_id,
        Some(renewal_id),
    )
    .await?;
    // The link itself is never stored in the timeline: only whom it was made for.
    let summary = format!("Sign-in link created for {}", user.email);
    let details = json!({"summary": summary, "user": user.email});
    let kind = "sign_in_link_created";
    record_staff_action(&state, &staff, tenant_id, renewal_id, kind, details).await?;
    let text = format!(
        "Sign-in link for {} (shown only now, single use):",
        user.email
    );
    let mut page = page_with(&state, &staff, &csrf, renewal_id, Ok(text)).await?;
    page.sign_in_link = Some(url);
    Ok(page)
}

/// POST /admin/renewals/{renewal_id}/retry — re-runs the step the renewal is stuck at.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn retry_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
    Form(input): Form<CsrfForm>,
) -> Result<RenewalShowPage> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let outcome = state
        .engine
        .retry(tenant_id, renewal_id, &actor(&staff))
        .await
        .map(|()| "Retry queued: the step runs again in the background.".to_owned());
    page_with(&state, &staff, &csrf, renewal_id, outcome).await
}

/// POST /admin/renewals/{renewal_id}/reevaluate — evaluates the copy again now.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn reevaluate_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
    Form(input): Form<CsrfForm>,
) -> Result<RenewalShowPage> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let outcome = state
        .engine
        .reevaluate(tenant_id, renewal_id, &actor(&staff))
        .await
        .map(|snapshot| {
            let status = snapshot.evaluation.map(|e| e.status).unwrap_or_default();
            format!("Evaluated again: {status}.")
        });
    page_with(&state, &staff, &csrf, renewal_id, outcome).await
}

/// GET /admin/renewals/{renewal_id}/cancel — asks for confirmation.
pub async fn cancel_renewal_form(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
) -> Result<CancelRenewalPage> {
    let renewal = renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(CancelRenewalPage {
        layout: AdminLayout::new(&staff, &csrf, "renewals"),
        renewal,
    })
}

/// POST /admin/renewals/{renewal_id}/cancel — stops the renewal and deletes the copy at Twilio.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn cancel_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<Uuid>,
    Form(input): Form<CsrfForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    match state
        .engine
        .cancel(tenant_id, renewal_id, &actor(&staff))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "{}?notice=cancelled",
            routes::admin_renewal(renewal_id)
        ))
        .into_response()),
        Err(error) => Ok(page_with(&state, &staff, &csrf, renewal_id, Err(error))
            .await?
            .into_response()),
    }
}
