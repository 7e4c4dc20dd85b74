//! A tenant's customer users: add, remove, email a sign-in link.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::show::load;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::users;
use crate::domain::ids::{TenantId, UserId};
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::form::{self, FormErrors};
use crate::web::admin::login::CsrfForm;
use crate::web::admin::sign_in_links;

/// The "add a user" form.
#[derive(Debug, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    csrf_token: String,
}

/// POST /admin/tenants/{tenant_id}/users
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn add_user(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<UserForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let mut page = load(&state, &staff, &csrf, tenant_id).await?;
    let mut errors = FormErrors::new();
    let email = form::email(&mut errors, "user_email", &input.email);
    if input.name.trim().chars().count() > 200 {
        errors.add("user_name", "Use at most 200 characters");
    }
    if errors.is_empty() {
        match users::add_user(&state.db, tenant_id, &email, &input.name).await {
            Ok(user) => {
                tracing::info!(app_user_id = %user.app_user_id, "customer user added");
                return Ok(
                    Redirect::to(&format!("{}#users", routes::admin_tenant(tenant_id)))
                        .into_response(),
                );
            }
            Err(sqlx::Error::Database(e))
                if e.constraint() == Some("app_user_tenant_email_key") =>
            {
                errors.add(
                    "user_email",
                    "This address is already a user of this tenant",
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    page.user_email = input.email;
    page.user_name = input.name;
    page.user_errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// POST /admin/tenants/{tenant_id}/users/{app_user_id}/remove
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn remove_user(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    csrf: CsrfToken,
    Path((tenant_id, app_user_id)): Path<(TenantId, UserId)>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    if !users::remove_user(&state.db, tenant_id, app_user_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!(
        "{}#users",
        routes::admin_tenant(tenant_id)
    )))
}

/// POST /admin/tenants/{tenant_id}/users/{app_user_id}/link — emails this user (and nobody
/// else with the same address) a sign-in link, outside the public rate limit; then 303 back to
/// the tenant page, so a reload sends nothing.
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn send_user_link(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path((tenant_id, app_user_id)): Path<(TenantId, UserId)>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let user = users::find_user_with_tenant(&state.db, tenant_id, app_user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    sign_in_links::email_link(&state, &user, None).await?;
    tracing::info!(by = %staff.staff_user_id, "staff queued a sign-in link email");
    let flash = StaffFlash::ok(format!(
        "A sign-in link is on its way to {} (the outbox shows when it leaves).",
        user.email
    ));
    flash.set(&session).await;
    Ok(Redirect::to(&format!(
        "{}#users",
        routes::admin_tenant(tenant_id)
    )))
}
