//! Tenants: list, create, and one tenant's page (details, credentials, users, test, sync).

mod auto_submit;
mod credentials_check;
mod evidence;
pub(super) mod form;
mod removal;
mod show;
mod sweep_status;
mod users;

pub use auto_submit::set_auto_submit;
pub use evidence::{evidence_json, evidence_pdf};
pub use removal::{remove, remove_form, set_callbacks};
pub use show::{show_tenant, sync_tenant, test_credentials, update_tenant};
pub use sweep_status::show_sweep_status;
pub use users::{add_user, remove_user, send_user_link};

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::FormErrors;
use super::notice::QueryNotice;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::tenants::{self as tenant_queries, TenantSummary};
use crate::db::tenants;
use crate::domain::ids::TenantId;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use form::TenantForm;
use show::TenantNotice;

/// The tenants list.
#[derive(Template, WebTemplate)]
#[template(path = "admin/tenants/list.html")]
pub struct TenantListPage {
    layout: AdminLayout,
    tenants: Vec<TenantSummary>,
}

/// The "new tenant" page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/tenants/new.html")]
pub struct NewTenantPage {
    layout: AdminLayout,
    form: TenantForm,
    errors: FormErrors,
}

/// GET /admin/tenants
pub async fn list_tenants(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
) -> Result<TenantListPage> {
    Ok(TenantListPage {
        layout: AdminLayout::new(&staff, &csrf, "tenants"),
        tenants: tenant_queries::summaries(&state.db).await?,
    })
}

/// GET /admin/tenants/new
pub async fn new_tenant_form(staff: CurrentStaff, csrf: CsrfToken) -> NewTenantPage {
    NewTenantPage {
        layout: AdminLayout::new(&staff, &csrf, "tenants"),
        form: TenantForm::default(),
        errors: FormErrors::new(),
    }
}

/// POST /admin/tenants — creates the tenant (and, for admins, stores its credentials).
#[tracing::instrument(skip_all)]
pub async fn create_tenant(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: tower_sessions::Session,
    Form(input): Form<TenantForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let details = input.details(&mut errors);
    let facing = input.customer_facing(&mut errors);
    let credentials = if staff.is_admin() {
        input.credentials(None, &mut errors)
    } else {
        None
    };
    let mut checked = None;
    if let (true, Some(credentials)) = (errors.is_empty(), &credentials) {
        // No tenant exists yet: the check is traced under the nil id.
        checked = credentials_check::check(
            &state,
            TenantId::from_uuid(uuid::Uuid::nil()),
            credentials,
            &mut errors,
        )
        .await;
    }
    if errors.is_empty() {
        match tenants::create_tenant(&state.db, &details).await {
            Ok(tenant) => {
                tenants::set_customer_facing(&state.db, tenant.tenant_id, &facing).await?;
                if let Some(credentials) = &credentials {
                    let stored = tenants::set_credentials(
                        &state.db,
                        &state.config.secret_key,
                        tenant.tenant_id,
                        credentials,
                    )
                    .await;
                    if let Err(error) = stored {
                        // Keep the tenant; say what is wrong with the credentials on its page.
                        tracing::warn!(%error, "credentials of a new tenant refused");
                    }
                }
                credentials_check::warn_if_unverified(checked, &session).await;
                let to = TenantNotice::Created.on(&routes::admin_tenant(tenant.tenant_id));
                return Ok(Redirect::to(&to).into_response());
            }
            Err(error) => show::tenant_error(error, &mut errors)?,
        }
    }
    let page = NewTenantPage {
        layout: AdminLayout::new(&staff, &csrf, "tenants"),
        form: input.without_secrets(),
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
