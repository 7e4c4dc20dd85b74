//! API keys for the JSON API (admins only): the list with each key's scope, tenant and last
//! use; creating a key (its secret shown once, on the page that answers the form, never
//! stored or put in a session); revoking one.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::flash::StaffFlash;
use super::form::{self, FormErrors};
use super::{AdminLayout, fmt};
use crate::auth::api_key::{self, display_prefix};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::api_keys::{self, ApiKey, NewApiKey};
use crate::db::tenants::{self, Tenant};
use crate::domain::api_scope::ApiScope;
use crate::domain::ids::ApiKeyId;
use crate::domain::ids::TenantId;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;

/// The API keys page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/api_keys/list.html")]
pub struct ApiKeysPage {
    layout: AdminLayout,
    keys: Vec<ApiKey>,
    tenants: Vec<Tenant>,
    form: NewKeyForm,
    errors: FormErrors,
    /// The outcome of the last action (a revocation).
    notice: Option<(bool, String)>,
    /// Just created: its name and the full key, shown this once.
    created: Option<(String, String)>,
}

impl ApiKeysPage {
    fn prefix(&self, key: &ApiKey) -> String {
        display_prefix(key.api_key_id)
    }
}

/// The "create a key" form.
#[derive(Debug, Default, Deserialize)]
pub struct NewKeyForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    /// A tenant id, or empty for every tenant.
    #[serde(default)]
    tenant_id: String,
    #[serde(default)]
    csrf_token: String,
}

/// The revoke button's form.
#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf_token: String,
}

impl NewKeyForm {
    fn blank() -> Self {
        Self {
            scope: ApiScope::Read.as_str().into(),
            ..Self::default()
        }
    }
}

async fn page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    form: NewKeyForm,
    errors: FormErrors,
) -> Result<ApiKeysPage> {
    Ok(ApiKeysPage {
        layout: AdminLayout::new(staff, csrf, "api_keys"),
        keys: api_keys::list(&state.db).await?,
        tenants: tenants::list_tenants(&state.db).await?,
        form,
        errors,
        notice: None,
        created: None,
    })
}

/// GET /admin/api-keys
pub async fn list_api_keys(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
) -> Result<ApiKeysPage> {
    staff.require_admin()?;
    let mut page = page(
        &state,
        &staff,
        &csrf,
        NewKeyForm::blank(),
        FormErrors::new(),
    )
    .await?;
    page.notice = StaffFlash::take(&session)
        .await
        .map(|flash| (flash.ok, flash.message));
    Ok(page)
}

/// POST /admin/api-keys — creates a key and shows it once.
#[tracing::instrument(skip_all)]
pub async fn create_api_key(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<NewKeyForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let name = form::required(&mut errors, "name", "a name for the key", &input.name, 100);
    let scope = input.scope.parse::<ApiScope>().ok();
    if scope.is_none() {
        errors.add("scope", "Choose what the key may do");
    }
    let tenant_id = chosen_tenant(&state, &input.tenant_id, &mut errors).await?;
    let (Some(scope), true) = (scope, errors.is_empty()) else {
        let page = page(&state, &staff, &csrf, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let api_key_id = ApiKeyId::random();
    let secret = api_key::generate(&state.config.secret_key, api_key_id);
    let new = NewApiKey {
        api_key_id,
        name: &name,
        scope,
        tenant_id,
        secret_hash: &secret.secret_hash,
        created_by: staff.actor(),
    };
    api_keys::create(&state.db, &new).await?;
    tracing::info!(%api_key_id, by = %staff.staff_user_id, "API key created");
    let mut page = page(
        &state,
        &staff,
        &csrf,
        NewKeyForm::blank(),
        FormErrors::new(),
    )
    .await?;
    page.created = Some((name, secret.full_key));
    Ok(page.into_response())
}

/// The tenant the form restricts the key to (None for every tenant); an unknown one is a
/// message beside the field.
async fn chosen_tenant(
    state: &AppState,
    text: &str,
    errors: &mut FormErrors,
) -> Result<Option<TenantId>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let found = match text.parse::<TenantId>() {
        Ok(id) => tenants::get_tenant(&state.db, id).await?,
        Err(_) => None,
    };
    match found {
        Some(tenant) => Ok(Some(tenant.tenant_id)),
        None => {
            errors.add("tenant_id", "Choose a tenant from the list, or all tenants");
            Ok(None)
        }
    }
}

/// POST /admin/api-keys/{api_key_id}/revoke
#[tracing::instrument(skip_all, fields(%api_key_id))]
pub async fn revoke_api_key(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(api_key_id): Path<ApiKeyId>,
    Form(input): Form<RevokeForm>,
) -> Result<Redirect> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let flash = if api_keys::revoke(&state.db, api_key_id, staff.actor()).await? {
        tracing::info!(by = %staff.staff_user_id, "API key revoked");
        StaffFlash::ok("The key was revoked; requests made with it are now refused.")
    } else {
        StaffFlash::failed("That key does not exist or was already revoked.")
    };
    flash.set(&session).await;
    Ok(Redirect::to(routes::ADMIN_API_KEYS))
}
