//! The signed-in staff member's two-factor settings: enrolment (QR code, secret, first code,
//! recovery codes shown once) and turning it off with a current code.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::AdminLayout;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::{CurrentStaff, StaffRole};
use crate::auth::staff_enrolling::EnrollingStaff;
use crate::auth::staff_sign_in::{self, Attempt};
use crate::auth::staff_two_factor::{self, Enrolment, SecondFactor};
use crate::auth::totp;
use crate::db;
use crate::domain::sign_in_outcome::SignInOutcome;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::client_ip::ClientIp;
use crate::web::user_agent::UserAgent;

/// What the page shows.
pub enum View {
    /// Off: a button to set it up.
    Off,
    /// Set-up started: the QR code and the secret, and the first-code form.
    Pending {
        /// `data:` URI of the QR code.
        qr: String,
        /// The secret as base32 text.
        secret: String,
    },
    /// On: recovery codes left and the form to turn it off.
    On {
        /// Unused recovery codes.
        codes_left: i64,
    },
    /// Just confirmed: the recovery codes, this once.
    Codes(Vec<String>),
}

/// The two-factor page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/two_factor.html")]
pub struct TwoFactorPage {
    layout: AdminLayout,
    view: View,
    /// Whether the configuration requires it for this staff member.
    required: bool,
    /// Beside the code field.
    error: Option<String>,
}

/// A form with a code.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

/// A form with only the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

fn required(state: &AppState, staff: &CurrentStaff) -> bool {
    state.config.staff_2fa_required_for_admin && staff.role == StaffRole::Admin
}

async fn view(state: &AppState, staff: &CurrentStaff) -> Result<View> {
    let key = &state.config.secret_key;
    Ok(
        match staff_two_factor::enrolment(&state.db, key, staff.staff_user_id).await? {
            Enrolment::None => View::Off,
            Enrolment::Pending(secret) => View::Pending {
                qr: totp::qr_data_uri(&secret, &staff.email)?,
                secret: totp::secret_text(&secret)?,
            },
            Enrolment::Confirmed => View::On {
                codes_left: db::staff_two_factor::recovery_codes_left(
                    &state.db,
                    staff.staff_user_id,
                )
                .await?,
            },
        },
    )
}

async fn page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    error: Option<&str>,
) -> Result<TwoFactorPage> {
    Ok(TwoFactorPage {
        layout: AdminLayout::new(staff, csrf, "two-factor"),
        view: view(state, staff).await?,
        required: required(state, staff),
        error: error.map(str::to_owned),
    })
}

/// GET /admin/two-factor
pub async fn show(
    State(state): State<AppState>,
    enrolling: EnrollingStaff,
    csrf: CsrfToken,
) -> Result<TwoFactorPage> {
    page(&state, &enrolling.staff, &csrf, None).await
}

/// POST /admin/two-factor/start — a new secret for an enrolment not yet confirmed.
pub async fn start(
    State(state): State<AppState>,
    enrolling: EnrollingStaff,
    csrf: CsrfToken,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let id = enrolling.staff.staff_user_id;
    staff_two_factor::start(&state.db, &state.config.secret_key, id).await?;
    Ok(Redirect::to(routes::ADMIN_TWO_FACTOR))
}

/// POST /admin/two-factor/confirm — the first code turns two-factor on; the recovery codes
/// are shown once. A pending sign-in (enrolment required) completes here.
pub async fn confirm(
    State(state): State<AppState>,
    session: Session,
    enrolling: EnrollingStaff,
    csrf: CsrfToken,
    ClientIp(client): ClientIp,
    UserAgent(user_agent): UserAgent,
    Form(input): Form<CodeForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let staff = &enrolling.staff;
    let key = &state.config.secret_key;
    let Some(codes) =
        staff_two_factor::confirm(&state.db, key, staff.staff_user_id, &input.code).await?
    else {
        let error = "That code is not right. Enter the 6-digit code your app shows now.";
        let page = page(&state, staff, &csrf, Some(error)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    tracing::info!(staff_user_id = %staff.staff_user_id, "staff two-factor turned on");
    let csrf = match &enrolling.pending {
        Some(pending) => {
            let attempt = Attempt {
                email: &pending.email,
                client: &client,
                user_agent: &user_agent,
            };
            let id = staff.staff_user_id;
            staff_sign_in::complete(&state.db, &session, &attempt, id, SignInOutcome::SignedIn)
                .await?;
            CsrfToken::for_session(&session).await?
        }
        None => csrf,
    };
    Ok(TwoFactorPage {
        layout: AdminLayout::new(staff, &csrf, "two-factor"),
        view: View::Codes(codes),
        required: required(&state, staff),
        error: None,
    }
    .into_response())
}

/// POST /admin/two-factor/disable — with a current code (or a recovery code).
pub async fn disable(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<CodeForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let refusal = if required(&state, &staff) {
        Some("Two-factor sign-in is required for admins; it cannot be turned off.")
    } else {
        let key = &state.config.secret_key;
        match staff_two_factor::verify(&state.db, key, staff.staff_user_id, &input.code).await? {
            SecondFactor::Code | SecondFactor::RecoveryCode => None,
            SecondFactor::Replayed => Some("This code was already used. Wait for the next one."),
            SecondFactor::Wrong => {
                Some("That code is not right. Enter the code your app shows now.")
            }
        }
    };
    if let Some(error) = refusal {
        let page = page(&state, &staff, &csrf, Some(error)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    db::staff_two_factor::remove(&state.db, staff.staff_user_id).await?;
    tracing::info!(staff_user_id = %staff.staff_user_id, "staff two-factor turned off");
    Ok(Redirect::to(routes::ADMIN_TWO_FACTOR).into_response())
}
