//! One tenant's page: details and credentials (edit), test credentials, sync now.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::credentials_check;
use super::evidence::EvidenceForm;
use super::form::{MaskedCredentials, TenantForm};
use super::sweep_status::SweepStatusPartial;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::tenants::{self as tenant_queries, TenantSummary};
use crate::db::shared_accounts;
use crate::db::tenants::{self, Tenant, TenantError};
use crate::db::users::{self, AppUser};
use crate::domain::ids::{TenantId, UserId};
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::routes;
use crate::state::AppState;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::form::FormErrors;
use crate::web::admin::login::CsrfForm;
use crate::web::admin::notice::{NoticeQuery, QueryNotice};
use crate::web::admin::{AdminLayout, fmt};
use crate::web::list_query::StrictQuery;

/// The tenant page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/tenants/show.html")]
pub struct TenantPage {
    layout: AdminLayout,
    tenant: Tenant,
    summary: TenantSummary,
    /// Admins only: what is stored, masked.
    credentials: Option<MaskedCredentials>,
    /// The latest sweep of this tenant (a fragment that follows a running sweep by itself).
    sweep_status: SweepStatusPartial,
    users: Vec<AppUser>,
    /// The language each user's renewal emails are written in (as the emails pick it).
    email_languages: Vec<(UserId, Locale)>,
    /// The brand's support address, which every email's footer shows.
    brand_support_email: Option<String>,
    form: TenantForm,
    errors: FormErrors,
    /// The "add a user" form.
    pub(super) user_email: String,
    pub(super) user_name: String,
    pub(super) user_errors: FormErrors,
    /// An outcome to show at the top (`(is_ok, text)`).
    pub(super) notice: Option<(bool, String)>,
    /// The evidence pack form (a date range).
    pub(super) evidence: EvidenceForm,
    /// Which bundles of the account are the tenant's, in words.
    bundle_rule: String,
    /// How many other tenants share the Twilio account.
    sharing: usize,
    /// Copies with nothing missing are submitted for the customer.
    auto_submit: bool,
}

/// Loads the page for `tenant_id` with its stored values in the form.
pub async fn load(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    tenant_id: TenantId,
) -> Result<TenantPage> {
    let tenant = tenants::get_tenant(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let summary = tenant_queries::summary(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let credentials = if staff.is_admin() {
        stored_credentials(state, tenant_id)
            .await
            .as_ref()
            .map(MaskedCredentials::of)
    } else {
        None
    };
    let email_languages = crate::lifecycle::tenants::recipients(&state.db, tenant_id)
        .await?
        .into_iter()
        .map(|customer| (customer.app_user_id, customer.locale))
        .collect();
    Ok(TenantPage {
        email_languages,
        brand_support_email: crate::db::brand::load(&state.db).await?.support_email,
        layout: AdminLayout::new(staff, csrf, "tenants"),
        credentials,
        sweep_status: SweepStatusPartial::load(state, tenant_id).await?,
        users: users::list_users(&state.db, tenant_id).await?,
        form: TenantForm::from_tenant(&tenant),
        errors: FormErrors::new(),
        user_email: String::new(),
        user_name: String::new(),
        user_errors: FormErrors::new(),
        notice: None,
        evidence: EvidenceForm::last_30_days(),
        bundle_rule: shared_accounts::scope_of(&state.db, tenant_id)
            .await?
            .describe(),
        auto_submit: crate::db::auto_submit::tenant_allows(&state.db, tenant_id).await?,
        sharing: shared_accounts::tenants_sharing_with(&state.db, tenant_id)
            .await?
            .len()
            .saturating_sub(1),
        summary,
        tenant,
    })
}

impl TenantPage {
    /// The language `user_id`'s emails are written in.
    pub fn email_language(&self, user_id: &UserId) -> &'static str {
        self.email_languages
            .iter()
            .find(|(id, _)| id == user_id)
            .map_or("—", |(_, locale)| locale.native_name())
    }
}

/// The tenant's credentials, opened (`None` when there are none or they cannot be opened).
async fn stored_credentials(
    state: &AppState,
    tenant_id: TenantId,
) -> Option<crate::twilio::TwilioCredentials> {
    match tenants::load_credentials(&state.db, &state.config.secret_key, tenant_id).await {
        Ok(credentials) => credentials,
        Err(error) => {
            tracing::error!(%tenant_id, %error, "stored credentials cannot be opened");
            None
        }
    }
}

/// Puts a tenant refusal beside the field it concerns (or fails for anything else).
pub fn tenant_error(error: TenantError, errors: &mut FormErrors) -> Result<()> {
    match error {
        TenantError::SlugTaken => errors.add("slug", "Another tenant already uses this short name"),
        TenantError::AccountSidTaken => errors.add(
            "account_sid",
            "Another tenant takes every bundle of this Twilio account. To share the account, \
             first choose on that tenant's page which of the account's bundles are its own",
        ),
        TenantError::Invalid(field) => errors.add("name", format!("The {field} is not valid")),
        TenantError::InvalidCredentials(e) => errors.add("account_sid", e.to_string()),
        other => return Err(other.into()),
    }
    Ok(())
}

/// What a tenant action did, shown on the tenant page (`?notice=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantNotice {
    /// The tenant was created (`created`).
    Created,
    /// Its details were saved (`saved`).
    Saved,
    /// A sweep was queued (`synced`).
    SyncQueued,
}

impl QueryNotice for TenantNotice {
    const ALL: &'static [Self] = &[Self::Created, Self::Saved, Self::SyncQueued];

    fn query_value(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Saved => "saved",
            Self::SyncQueued => "synced",
        }
    }

    fn text(self) -> &'static str {
        match self {
            Self::Created => "Tenant created.",
            Self::Saved => "Changes saved.",
            Self::SyncQueued => {
                "Sync queued: the sweep runs in the background and this page follows it."
            }
        }
    }
}

/// GET /admin/tenants/{tenant_id}
pub async fn show_tenant(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
    session: Session,
    StrictQuery(query): StrictQuery<NoticeQuery>,
) -> Result<TenantPage> {
    let mut page = load(&state, &staff, &csrf, tenant_id).await?;
    if let Some(flash) = StaffFlash::take(&session).await {
        page.notice = Some((flash.ok, flash.message));
        return Ok(page);
    }
    page.notice = query
        .notice::<TenantNotice>()
        .map(|notice| (true, notice.text().to_owned()));
    Ok(page)
}

/// POST /admin/tenants/{tenant_id} — saves details (and, for admins, credentials).
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn update_tenant(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<TenantForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let mut page = load(&state, &staff, &csrf, tenant_id).await?;
    let mut errors = FormErrors::new();
    let details = input.details(&mut errors);
    let facing = input.customer_facing(&mut errors);
    let credentials = if staff.is_admin() {
        let existing = stored_credentials(&state, tenant_id).await;
        input.credentials(existing.as_ref(), &mut errors)
    } else {
        None
    };
    let mut checked = None;
    if let (true, Some(credentials)) = (errors.is_empty(), &credentials) {
        checked = credentials_check::check(&state, tenant_id, credentials, &mut errors).await;
    }
    if errors.is_empty() {
        let saved = async {
            tenants::update_tenant(&state.db, tenant_id, &details).await?;
            tenants::set_customer_facing(&state.db, tenant_id, &facing).await?;
            if let Some(credentials) = &credentials {
                let key = &state.config.secret_key;
                tenants::set_credentials(&state.db, key, tenant_id, credentials).await?;
            }
            Ok::<_, TenantError>(())
        }
        .await;
        match saved {
            Ok(()) => {
                tracing::info!(by = %staff.staff_user_id, credentials_changed = credentials.is_some(), "tenant saved");
                credentials_check::warn_if_unverified(checked, &session).await;
                let to = TenantNotice::Saved.on(&routes::admin_tenant(tenant_id));
                return Ok(Redirect::to(&to).into_response());
            }
            Err(error) => tenant_error(error, &mut errors)?,
        }
    }
    if !staff.is_admin() {
        page.form.name = input.name;
        page.form.display_name = input.display_name;
        page.form.default_locale = input.default_locale;
        page.form.time_zone = input.time_zone;
        page.form.slug = input.slug;
        page.form.support_email = input.support_email;
    } else {
        page.form = input.without_secrets();
    }
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// POST /admin/tenants/{tenant_id}/test — a real call to Twilio with the stored credentials;
/// the outcome crosses a 303 redirect back to the tenant page in the staff session.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn test_credentials(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    tenants::get_tenant(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let flash = match stored_credentials(&state, tenant_id).await {
        None => StaffFlash::failed("No Twilio credentials are stored for this tenant."),
        Some(credentials) => {
            match state
                .engine
                .verify_credentials(tenant_id, &credentials)
                .await
            {
                Ok(()) => StaffFlash::ok(format!(
                    "Twilio accepted the credentials of account {}.",
                    credentials.account_sid
                )),
                Err(error) => {
                    tracing::warn!(%error, "credential test failed");
                    StaffFlash::failed(format!("Twilio refused the call: {error}"))
                }
            }
        }
    };
    flash.set(&session).await;
    Ok(Redirect::to(&routes::admin_tenant(tenant_id)))
}

/// POST /admin/tenants/{tenant_id}/sync — enqueues a sweep now.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn sync_tenant(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    tenants::get_tenant(&state.db, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    crate::lifecycle::enqueue_sweep(&mut tx, tenant_id).await?;
    tx.commit().await?;
    let to = TenantNotice::SyncQueued.on(&routes::admin_tenant(tenant_id));
    Ok(Redirect::to(&to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_notices_keep_their_query_values() {
        crate::web::admin::notice::tests::round_trips::<TenantNotice>();
        assert_eq!(TenantNotice::Created.query_value(), "created");
        assert_eq!(TenantNotice::Saved.query_value(), "saved");
        assert_eq!(TenantNotice::SyncQueued.query_value(), "synced");
    }
}
