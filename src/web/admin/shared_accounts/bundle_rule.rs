//! One tenant's rule for which bundles of its Twilio account are its own: the whole account, the
//! bundles with one `Email`, those whose `FriendlyName` starts with a prefix, or only those staff
//! assign. Admins only, as the tenant's credentials are.

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
use crate::db::shared_accounts::{self, ScopeError};
use crate::db::tenants::{self, Tenant};
use crate::domain::bundle_scope::{BundleScope, BundleScopeError, BundleScopeKind};
use crate::domain::ids::TenantId;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::AdminLayout;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::form::FormErrors;

/// GET/POST /admin/tenants/{tenant_id}/bundle-rule.
#[derive(Template, WebTemplate)]
#[template(path = "admin/tenants/bundle_rule.html")]
pub struct BundleRulePage {
    layout: AdminLayout,
    tenant: Tenant,
    /// How many other tenants share the account.
    sharing: usize,
    form: BundleRuleForm,
    errors: FormErrors,
}

impl BundleRulePage {
    /// The rules to choose from: (value, words).
    fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        BundleScopeKind::ALL
            .iter()
            .map(|kind| (kind.as_str(), kind.label()))
            .collect()
    }
}

/// What staff chose.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BundleRuleForm {
    /// A [`BundleScopeKind`].
    #[serde(default)]
    kind: String,
    /// The email address, for the email rule.
    #[serde(default)]
    email: String,
    /// The prefix, for the prefix rule.
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    csrf_token: String,
}

impl BundleRuleForm {
    fn of(scope: &BundleScope) -> Self {
        let mut form = Self {
            kind: scope.kind().as_str().to_owned(),
            ..Self::default()
        };
        match scope {
            BundleScope::Email(email) => form.email = email.to_string(),
            BundleScope::FriendlyNamePrefix(prefix) => form.prefix.clone_from(prefix),
            BundleScope::WholeAccount | BundleScope::Assigned => {}
        }
        form
    }

    /// The rule, or what is wrong with the form (messages by field).
    fn read(&self) -> std::result::Result<BundleScope, FormErrors> {
        let mut errors = FormErrors::new();
        let Ok(kind) = self.kind.parse::<BundleScopeKind>() else {
            errors.add(
                "kind",
                "Choose which of the account's bundles are this tenant's.",
            );
            return Err(errors);
        };
        let value = match kind {
            BundleScopeKind::Email => &self.email,
            _ => &self.prefix,
        };
        BundleScope::parse(kind, value).map_err(|error| {
            let field = match error {
                BundleScopeError::BadEmail => "email",
                BundleScopeError::EmptyPrefix | BundleScopeError::LongPrefix => "prefix",
            };
            errors.add(field, error.to_string());
            errors
        })
    }
}

async fn page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    tenant_id: TenantId,
    form: Option<BundleRuleForm>,
) -> Result<BundleRulePage> {
    let tenant = tenants::get_tenant(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = match form {
        Some(form) => form,
        None => BundleRuleForm::of(&shared_accounts::scope_of(&state.db, tenant_id).await?),
    };
    let sharing = shared_accounts::tenants_sharing_with(&state.db, tenant_id)
        .await?
        .len()
        .saturating_sub(1);
    Ok(BundleRulePage {
        layout: AdminLayout::new(staff, csrf, "tenants"),
        tenant,
        sharing,
        form,
        errors: FormErrors::new(),
    })
}

/// GET /admin/tenants/{tenant_id}/bundle-rule.
pub async fn bundle_rule_form(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
) -> Result<BundleRulePage> {
    staff.require_admin()?;
    page(&state, &staff, &csrf, tenant_id, None).await
}

/// POST /admin/tenants/{tenant_id}/bundle-rule — stores the rule and sweeps the account's
/// tenants again, so bundles move to their tenant.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn set_bundle_rule(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<BundleRuleForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    staff.require_admin()?;
    let refused = |errors: FormErrors, input: BundleRuleForm| {
        refuse(&state, &staff, &csrf, tenant_id, errors, input)
    };
    let scope = match input.read() {
        Ok(scope) => scope,
        Err(errors) => return refused(errors, input).await,
    };
    match crate::lifecycle::shared_accounts::set_rule(&state.engine, tenant_id, &scope).await {
        Ok(()) => {
            StaffFlash::ok(format!(
                "Saved: {}. The account's tenants are being swept.",
                scope.describe()
            ))
            .set(&session)
            .await;
            Ok(Redirect::to(&routes::admin_tenant(tenant_id)).into_response())
        }
        Err(ScopeError::AccountShared) => {
            let mut errors = FormErrors::new();
            errors.add(
                "kind",
                "Other tenants share this Twilio account: choose a rule that takes only this tenant's bundles.",
            );
            refused(errors, input).await
        }
        Err(ScopeError::NotFound) => {
            let mut errors = FormErrors::new();
            errors.add(
                "kind",
                "Save the tenant's Twilio credentials first: the rule picks bundles of its account.",
            );
            refused(errors, input).await
        }
        Err(ScopeError::Database(error)) => Err(error.into()),
    }
}

/// The form again, with the messages beside their fields and what staff typed (422).
async fn refuse(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    tenant_id: TenantId,
    errors: FormErrors,
    input: BundleRuleForm,
) -> Result<Response> {
    let mut page = page(state, staff, csrf, tenant_id, Some(input)).await?;
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
