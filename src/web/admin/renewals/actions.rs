//! Staff actions on one renewal. Each lands on the timeline with the staff member's name
//! (cause `staff`): email one customer user a link to it, create a sign-in link to hand over (shown once),
//! retry the stuck step, re-evaluate. Cancelling and reopening are in `cancel`.

use crate::domain::ids::UserId;
use crate::domain::ids::{RenewalId, TenantId};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::renewals as renewal_queries;
use crate::db::{renewals, users};
use crate::domain::renewal::{Cause, RenewalState};
use crate::error::{AppError, Result};
use crate::lifecycle::{Actor, EngineError};
use crate::links::magic_link;
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::login::CsrfForm;
use crate::web::admin::sign_in_links;

/// The "email a link" and "create a sign-in link" forms: which user.
#[derive(Debug, Deserialize)]
pub struct SignInLinkForm {
    #[serde(default)]
    app_user_id: String,
    #[serde(default)]
    csrf_token: String,
}

pub(super) fn actor(staff: &CurrentStaff) -> Actor {
    Actor::Staff {
        name: staff.actor().to_owned(),
    }
}

pub(super) async fn tenant_of(state: &AppState, renewal_id: RenewalId) -> Result<TenantId> {
    let renewal = renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(renewal.row.tenant_id)
}

/// Writes a staff action (cause `staff`, the staff member's name) on the renewal's timeline.
async fn record_staff_action(
    state: &AppState,
    staff: &CurrentStaff,
    tenant_id: TenantId,
    renewal_id: RenewalId,
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

/// Stores the outcome for the renewal page and answers 303 See Other to it, so a reload of
/// the page shows the page, never the action again.
pub(super) async fn back_to_page(
    session: &Session,
    renewal_id: RenewalId,
    flash: StaffFlash,
) -> Redirect {
    flash.set(session).await;
    Redirect::to(&routes::admin_renewal(renewal_id))
}

/// The flash for an engine outcome (a missing renewal stays a 404).
pub(super) fn outcome_flash(
    renewal_id: RenewalId,
    outcome: Result<String, EngineError>,
) -> Result<StaffFlash, AppError> {
    match outcome {
        Ok(text) => Ok(StaffFlash::ok(text)),
        Err(
            error @ (EngineError::NotEditable(_)
            | EngineError::NotCompliant
            | EngineError::InvalidField(_)
            | EngineError::Twilio(_)
            | EngineError::Other(_)),
        ) => {
            tracing::warn!(%renewal_id, %error, "staff action failed");
            Ok(StaffFlash::failed(error.to_string()))
        }
        Err(error) => Err(error.into()),
    }
}

/// POST /admin/renewals/{renewal_id}/resend-link — emails the chosen user of the renewal's
/// tenant a single-use link straight into this renewal.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn resend_link(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<SignInLinkForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let Ok(app_user_id) = input.app_user_id.parse::<UserId>() else {
        let flash = StaffFlash::failed("Choose one of the tenant's users to email.");
        return Ok(back_to_page(&session, renewal_id, flash).await);
    };
    // Scoped to the renewal's tenant: another tenant's user is not found.
    let user = users::find_user_with_tenant(&state.db, tenant_id, app_user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    sign_in_links::email_link(&state, &user, Some(renewal_id)).await?;
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
    let flash = StaffFlash::ok(format!(
        "A single-use link to this renewal is on its way to {} (the outbox shows when it leaves).",
        user.email
    ));
    Ok(back_to_page(&session, renewal_id, flash).await)
}

/// POST /admin/renewals/{renewal_id}/sign-in-link — a link for one user, shown once (it
/// crosses the redirect in the staff session, never in the URL).
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn create_sign_in_link(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<SignInLinkForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let user = match input.app_user_id.parse::<UserId>() {
        Ok(id) => users::find_user(&state.db, tenant_id, id).await?,
        Err(_) => None,
    };
    let Some(user) = user else {
        let flash = StaffFlash::failed("Choose one of the tenant's users for the link.");
        return Ok(back_to_page(&session, renewal_id, flash).await);
    };
    let url =
        magic_link::issue(&state.db, &state.config, user.app_user_id, Some(renewal_id)).await?;
    // The link itself is never stored in the timeline: only whom it was made for.
    let summary = format!("Sign-in link created for {}", user.email);
    let details = json!({"summary": summary, "user": user.email});
    let kind = "sign_in_link_created";
    record_staff_action(&state, &staff, tenant_id, renewal_id, kind, details).await?;
    let flash = StaffFlash {
        sign_in_link: Some(url),
        ..StaffFlash::ok(format!(
            "Sign-in link for {} (shown only now, single use):",
            user.email
        ))
    };
    Ok(back_to_page(&session, renewal_id, flash).await)
}

/// POST /admin/renewals/{renewal_id}/revoke-links — every renewal link emailed about this
/// renewal stops working now (a customer who follows one is offered a fresh one by email).
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn revoke_links(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let revoked = state
        .engine
        .revoke_links(tenant_id, renewal_id, &actor(&staff))
        .await?;
    let flash = StaffFlash::ok(format!(
        "{revoked} emailed link(s) to this renewal no longer work."
    ));
    Ok(back_to_page(&session, renewal_id, flash).await)
}

/// POST /admin/renewals/{renewal_id}/retry — re-runs the step that failed. Only a renewal
/// that needs attention has one; any other is left alone.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn retry_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let renewal = renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if renewal.row.state != RenewalState::NeedsAttention {
        let flash = StaffFlash::failed("No step of this renewal has failed; nothing was retried.");
        return Ok(back_to_page(&session, renewal_id, flash).await);
    }
    let tenant_id = renewal.row.tenant_id;
    let outcome = state
        .engine
        .retry(tenant_id, renewal_id, &actor(&staff))
        .await;
    let outcome = match outcome {
        Ok(()) => Ok(retried_text(&state, renewal_id).await?),
        Err(error) => Err(error),
    };
    let flash = outcome_flash(renewal_id, outcome)?;
    Ok(back_to_page(&session, renewal_id, flash).await)
}

/// What a retry did, read back from the renewal: the state it returned to.
async fn retried_text(state: &AppState, renewal_id: RenewalId) -> Result<String> {
    let renewal = renewal_queries::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = renewal.row.state;
    Ok(if now == RenewalState::Collecting {
        format!(
            "Retried: the renewal is back at \u{201c}{}\u{201d} and its copy was evaluated again.",
            now.staff_label()
        )
    } else {
        format!(
            "Retried: the renewal is back at \u{201c}{}\u{201d} and that step runs again in the background.",
            now.staff_label()
        )
    })
}

/// POST /admin/renewals/{renewal_id}/reevaluate — evaluates the copy again now.
#[tracing::instrument(skip_all, fields(%renewal_id))]
pub async fn reevaluate_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(renewal_id): Path<RenewalId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let tenant_id = tenant_of(&state, renewal_id).await?;
    let outcome = state
        .engine
        .reevaluate(tenant_id, renewal_id, &actor(&staff))
        .await
        .map(|snapshot| {
            let status = snapshot
                .evaluation
                .map(|e| e.status.to_string())
                .unwrap_or_default();
            format!("Evaluated again: {status}.")
        });
    let flash = outcome_flash(renewal_id, outcome)?;
    Ok(back_to_page(&session, renewal_id, flash).await)
}
