//! The ISV's parent Twilio account (admins only): connect it once (SID and auth token, checked
//! with Twilio on save, the token sealed and never shown back), then discover its subaccounts
//! and make tenants of the chosen ones. Discovery and tenant creation run as durable jobs; the
//! page renders from Postgres only and never calls Twilio on a GET.

mod subaccounts;

pub use subaccounts::{create_tenants, discover, mark_reviewed};

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::flash::StaffFlash;
use super::form::FormErrors;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::parent_account::{self, ParentAccount};
use crate::db::subaccounts::{
    self as subaccount_rows, BatchProgress, FlagCounts, OnboardState, Subaccount,
};
use crate::domain::sid::AccountSid;
use crate::error::Result;
use crate::lifecycle::parent_account::ParentCheck;
use crate::queue::Job;
use crate::queue::create_subaccount_tenants::CreateSubaccountTenants;
use crate::queue::discover_subaccounts::DiscoverSubaccounts;
use crate::routes;
use crate::secret::SecretString;
use crate::state::AppState;
use crate::twilio::{AccountStatus, TwilioCredentials};

/// The message beside the token when Twilio refuses the parent's SID and token.
pub const REFUSED: &str = "Twilio refused this account SID and auth token (error 20003): check both and type the token again";

/// Seconds between reloads while a job of the page is running.
const REFRESH_SECS: u32 = 3;

/// The connection form (the token is never put back into it).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ConnectForm {
    /// `AC…`.
    #[serde(default)]
    pub account_sid: String,
    /// Write-only.
    #[serde(default)]
    pub auth_token: String,
    /// CSRF token.
    #[serde(default)]
    pub csrf_token: String,
}

/// GET /admin/parent-account
#[derive(Template, WebTemplate)]
#[template(path = "admin/parent_account/show.html")]
pub struct ParentAccountPage {
    layout: AdminLayout,
    connection: Option<ParentAccount>,
    form: ConnectForm,
    errors: FormErrors,
    notice: Option<(bool, String)>,
    /// A discovery staff asked for has not finished.
    discovering: bool,
    subaccounts: Vec<Subaccount>,
    /// The latest "create tenants" request.
    progress: Option<BatchProgress>,
    /// Its job has not finished.
    creating: bool,
    flags: FlagCounts,
    /// The message beside the subaccount list ("choose at least one").
    choose_error: Option<&'static str>,
}

impl ParentAccountPage {
    async fn load(state: &AppState, staff: &CurrentStaff, csrf: &CsrfToken) -> Result<Self> {
        let db = &state.db;
        let connection = parent_account::load(db).await?;
        let progress = subaccount_rows::latest_batch(db).await?;
        let creating = match progress {
            Some(p) => {
                let job = CreateSubaccountTenants {
                    batch_id: p.batch_id,
                };
                p.running() && job_waiting(state, &job).await?
            }
            None => false,
        };
        let form = ConnectForm {
            account_sid: connection
                .as_ref()
                .map(|c| c.account_sid.to_string())
                .unwrap_or_default(),
            ..ConnectForm::default()
        };
        Ok(Self {
            layout: AdminLayout::new(staff, csrf, "parent-account"),
            discovering: job_waiting(state, &DiscoverSubaccounts::now()).await?,
            connection,
            form,
            errors: FormErrors::new(),
            notice: None,
            subaccounts: subaccount_rows::list(db).await?,
            progress,
            creating,
            flags: subaccount_rows::flag_counts(db).await?,
            choose_error: None,
        })
    }

    /// Whether the page reloads itself (a job of it is running).
    fn refresh_secs(&self) -> Option<u32> {
        (self.discovering || self.creating).then_some(REFRESH_SECS)
    }

    /// The badge class and label of a subaccount's status.
    fn status_badge(&self, subaccount: &Subaccount) -> (&'static str, &'static str) {
        fmt::subaccount_status(subaccount.status)
    }

    /// Whether a subaccount gets a checkbox: active and not a tenant yet.
    fn can_choose(&self, subaccount: &Subaccount) -> bool {
        subaccount.status == AccountStatus::Active && subaccount.tenant_id.is_none()
    }
}

/// Whether `job` (by its dedupe key) is pending or running.
async fn job_waiting<J: Job>(state: &AppState, job: &J) -> Result<bool> {
    let Some(key) = job.dedupe_key() else {
        return Ok(false);
    };
    Ok(subaccount_rows::job_waiting(&state.db, &key).await?)
}

/// GET /admin/parent-account
pub async fn show_parent_account(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
) -> Result<ParentAccountPage> {
    staff.require_admin()?;
    let mut page = ParentAccountPage::load(&state, &staff, &csrf).await?;
    page.notice = StaffFlash::take(&session)
        .await
        .map(|flash| (flash.ok, flash.message));
    Ok(page)
}

/// POST /admin/parent-account — checks the SID and token with Twilio and stores them. A
/// refused token keeps the form (SID kept) with a message beside the token; Twilio not
/// answering saves them with a "not verified" notice.
#[tracing::instrument(skip_all)]
pub async fn connect_parent_account(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Form(input): Form<ConnectForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let sid = AccountSid::parse(input.account_sid.trim())
        .map_err(|_| {
            errors.add(
                "account_sid",
                "The account SID is AC followed by 32 hexadecimal digits",
            );
        })
        .ok();
    let token = input.auth_token.trim();
    if token.is_empty() {
        errors.add("auth_token", "Enter the parent account's auth token");
    }
    if let (Some(sid), true) = (&sid, errors.is_empty()) {
        let token = SecretString::from(token);
        if let Some(verified) = check(&state, sid, &token, &mut errors).await {
            let (key, by) = (&state.config.secret_key, staff.staff_user_id);
            parent_account::connect(&state.db, key, sid, &token, verified, by).await?;
            tracing::info!(account_sid = %sid, verified, "parent account connected");
            let flash = if verified {
                StaffFlash::ok("Parent account connected. Discover its subaccounts next.")
            } else {
                StaffFlash::failed(
                    "Saved, but not verified: Twilio could not be reached to check the SID and \
                     token. Discovery will tell once it answers.",
                )
            };
            flash.set(&session).await;
            return Ok(Redirect::to(routes::ADMIN_PARENT_ACCOUNT).into_response());
        }
    }
    let mut page = ParentAccountPage::load(&state, &staff, &csrf).await?;
    page.form = ConnectForm {
        auth_token: String::new(),
        ..input
    };
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Asks Twilio whether the parent's SID and token work: `None` when refused (a message was
/// added beside the field), else whether they could be verified.
async fn check(
    state: &AppState,
    sid: &AccountSid,
    token: &SecretString,
    errors: &mut FormErrors,
) -> Option<bool> {
    let credentials = TwilioCredentials::with_auth_token(sid.as_str(), token.clone());
    match crate::lifecycle::parent_account::check(&state.engine, &credentials).await {
        ParentCheck::Subaccount => {
            errors.add(
                "account_sid",
                "This is a subaccount: enter the SID of the parent (main) account",
            );
            None
        }
        ParentCheck::Parent => Some(true),
        ParentCheck::Refused => {
            errors.add("auth_token", REFUSED);
            None
        }
        ParentCheck::Unverified(error) => {
            tracing::warn!(%error, "the parent account could not be checked with Twilio");
            Some(false)
        }
    }
}
