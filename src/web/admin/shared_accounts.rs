//! Twilio accounts that several tenants share: each tenant's rule, and the bundles no rule takes
//! (or two rules take), which staff assign to a tenant here.

mod bundle_rule;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

pub use bundle_rule::{bundle_rule_form, set_bundle_rule};

use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::shared_accounts::{self, SharingTenant, UnassignedBundle};
use crate::domain::ids::TenantId;
use crate::domain::sid::{AccountSid, BundleSid};
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::{AdminLayout, fmt};

/// One shared account on the page.
pub struct AccountGroup {
    /// `AC…`.
    pub account_sid: String,
    /// Its tenants and their rules.
    pub tenants: Vec<SharingTenant>,
    /// Its bundles that wait for staff.
    pub unassigned: Vec<UnassignedBundle>,
}

impl AccountGroup {
    /// The names of the tenants whose rules all take `bundle` ("Acme and Beta").
    pub fn contested_names(&self, bundle: &UnassignedBundle) -> String {
        let names: Vec<&str> = bundle
            .contested_by
            .iter()
            .filter_map(|id| self.tenants.iter().find(|t| t.tenant_id == *id))
            .map(|t| t.name.as_str())
            .collect();
        names.join(" and ")
    }
}

/// GET /admin/shared-accounts.
#[derive(Template, WebTemplate)]
#[template(path = "admin/shared_accounts.html")]
pub struct SharedAccountsPage {
    layout: AdminLayout,
    accounts: Vec<AccountGroup>,
    notice: Option<StaffFlash>,
}

/// GET /admin/shared-accounts — every shared account, its tenants and unassigned bundles.
pub async fn list_shared_accounts(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
) -> Result<SharedAccountsPage> {
    let tenants = shared_accounts::sharing_tenants(&state.db).await?;
    let mut unassigned = shared_accounts::unassigned(&state.db).await?;
    let mut accounts: Vec<AccountGroup> = Vec::new();
    for tenant in tenants {
        match accounts.last_mut() {
            Some(group) if group.account_sid == tenant.account_sid => group.tenants.push(tenant),
            _ => accounts.push(AccountGroup {
                account_sid: tenant.account_sid.clone(),
                tenants: vec![tenant],
                unassigned: Vec::new(),
            }),
        }
    }
    for group in &mut accounts {
        let (here, rest) = unassigned
            .into_iter()
            .partition(|bundle| bundle.account_sid == group.account_sid);
        group.unassigned = here;
        unassigned = rest;
    }
    Ok(SharedAccountsPage {
        layout: AdminLayout::new(&staff, &csrf, "tenants"),
        accounts,
        notice: StaffFlash::take(&session).await,
    })
}

/// The assign form of one unassigned bundle.
#[derive(Debug, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    account_sid: String,
    #[serde(default)]
    bundle_sid: String,
    #[serde(default)]
    tenant_id: String,
    #[serde(default)]
    csrf_token: String,
}

/// POST /admin/shared-accounts/assign — the bundle becomes the chosen tenant's, whatever the
/// rules say; the account's tenants are swept again.
#[tracing::instrument(skip_all)]
pub async fn assign_bundle(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Form(input): Form<AssignForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let (Ok(account_sid), Ok(bundle_sid)) = (
        AccountSid::parse(&input.account_sid),
        BundleSid::parse(&input.bundle_sid),
    ) else {
        return Err(AppError::BadRequest("not a bundle of an account".into()));
    };
    let flash = match input.tenant_id.parse::<TenantId>() {
        Err(_) => StaffFlash::failed(format!("Choose the tenant {bundle_sid} belongs to.")),
        Ok(tenant_id) => {
            let assigned = crate::lifecycle::shared_accounts::assign(
                &state.engine,
                account_sid.as_str(),
                &bundle_sid,
                tenant_id,
                staff.actor(),
            )
            .await?;
            if assigned {
                StaffFlash::ok(format!(
                    "{bundle_sid} is assigned; the account's tenants are being swept, so it appears in its tenant's bundles in a moment."
                ))
            } else {
                StaffFlash::failed("That tenant is not on this Twilio account.")
            }
        }
    };
    flash.set(&session).await;
    Ok(Redirect::to(routes::ADMIN_SHARED_ACCOUNTS))
}
