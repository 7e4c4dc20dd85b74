//! The tenant's zero-touch setting: whether recomply submits a copy that is already compliant
//! when prepared, without waiting for the customer (see `lifecycle::auto_submit`).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::domain::ids::TenantId;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;

/// The setting's form.
#[derive(Debug, Deserialize)]
pub struct AutoSubmitForm {
    /// Present when the box is ticked.
    #[serde(default)]
    auto_submit: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

/// POST /admin/tenants/{tenant_id}/auto-submit — admins only, like the callback setting.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn set_auto_submit(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<AutoSubmitForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    staff.require_admin()?;
    let allows = input.auto_submit.is_some();
    if !crate::db::auto_submit::set_tenant_allows(&state.db, tenant_id, allows).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(%tenant_id, allows, "zero-touch setting changed");
    let message = if allows {
        "Copies that need nothing from the customer will be submitted for them, and they are told afterwards."
    } else {
        "Every copy will wait for the customer to press Submit."
    };
    StaffFlash::ok(message).set(&session).await;
    Ok(Redirect::to(&routes::admin_tenant(tenant_id)))
}
