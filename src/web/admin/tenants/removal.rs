//! A tenant's Twilio callback setting, and removing a tenant (admins only).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::tenants::{self, Tenant};
use crate::domain::ids::TenantId;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::AdminLayout;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::form::FormErrors;

/// The callback setting's form.
#[derive(Debug, Deserialize)]
pub struct CallbacksForm {
    /// Present when the box is ticked.
    #[serde(default)]
    every_bundle: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

/// POST /admin/tenants/{tenant_id}/callbacks — whether every approved bundle's status
/// callbacks come to recomply (applied by the next sweep).
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn set_callbacks(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<CallbacksForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    staff.require_admin()?;
    let every_bundle = input.every_bundle.is_some();
    tenants::set_callbacks_on_every_bundle(&state.db, tenant_id, every_bundle).await?;
    let message = if every_bundle {
        "Every approved bundle's status callbacks will come to recomply from the next sync."
    } else {
        "Only bundles with a deadline will have their status callbacks taken."
    };
    StaffFlash::ok(message).set(&session).await;
    Ok(Redirect::to(&routes::admin_tenant(tenant_id)))
}

/// The confirmation page for removing a tenant.
#[derive(Template, WebTemplate)]
#[template(path = "admin/tenants/remove.html")]
pub struct RemovePage {
    layout: AdminLayout,
    tenant: Tenant,
    /// What was typed into the confirmation field.
    typed: String,
    errors: FormErrors,
}

/// GET /admin/tenants/{tenant_id}/remove
pub async fn remove_form(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
) -> Result<RemovePage> {
    staff.require_admin()?;
    let tenant = find(&state, tenant_id).await?;
    Ok(RemovePage {
        layout: AdminLayout::new(&staff, &csrf, "tenants"),
        tenant,
        typed: String::new(),
        errors: FormErrors::new(),
    })
}

/// The removal form: the tenant's slug typed out.
#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    confirm_slug: String,
    #[serde(default)]
    csrf_token: String,
}

/// POST /admin/tenants/{tenant_id}/remove — removes the tenant once its slug is typed out.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn remove(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<RemoveForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    staff.require_admin()?;
    let tenant = find(&state, tenant_id).await?;
    let typed = input.confirm_slug.trim();
    if typed != tenant.slug {
        let mut errors = FormErrors::new();
        errors.add(
            "confirm_slug",
            format!("Type the tenant's slug, {}, to confirm.", tenant.slug),
        );
        let page = RemovePage {
            layout: AdminLayout::new(&staff, &csrf, "tenants"),
            tenant,
            typed: input.confirm_slug,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    if crate::lifecycle::tenants::remove(&state.engine, tenant_id).await? {
        tracing::info!(%tenant_id, staff = staff.actor(), "tenant removed");
    }
    StaffFlash::ok(
        "Tenant removed: its open renewals are being cancelled and its bundles' original status callbacks put back.",
    )
    .set(&session)
    .await;
    Ok(Redirect::to(&routes::admin_tenant(tenant_id)).into_response())
}

async fn find(state: &AppState, tenant_id: TenantId) -> Result<Tenant> {
    tenants::get_tenant(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)
}
