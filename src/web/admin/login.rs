//! Staff sign-in and sign-out.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::form::{self, FormErrors};
use crate::auth::csrf::CsrfToken;
use crate::auth::login_csrf::LoginCsrf;
use crate::auth::staff::{self, CurrentStaff};
use crate::auth::staff_sign_in::{self, Attempt, NextStep, PasswordOutcome};
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::client_ip::ClientIp;
use crate::web::user_agent::UserAgent;

/// The staff sign-in page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/login.html")]
pub struct LoginPage {
    csrf: String,
    email: String,
    errors: FormErrors,
    /// A message about the whole form (wrong password, throttled).
    problem: Option<String>,
}

/// The submitted sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

/// GET /admin/login — the form (or the dashboard when already signed in).
pub async fn login_form(staff: Option<CurrentStaff>, csrf: LoginCsrf) -> Response {
    if staff.is_some() {
        return Redirect::to(routes::ADMIN).into_response();
    }
    let page = LoginPage {
        csrf: csrf.value().to_owned(),
        email: String::new(),
        errors: FormErrors::new(),
        problem: None,
    };
    (csrf, page).into_response()
}

/// POST /admin/login — checks the password, rotates the session id and signs in.
#[tracing::instrument(name = "staff_log_in", skip_all)]
pub async fn log_in(
    State(state): State<AppState>,
    session: Session,
    csrf: LoginCsrf,
    ClientIp(client): ClientIp,
    UserAgent(user_agent): UserAgent,
    Form(input): Form<LoginForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let email = form::email(&mut errors, "email", &input.email);
    if input.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let page = |errors, problem| LoginPage {
        csrf: csrf.value().to_owned(),
        email: input.email.trim().to_owned(),
        errors,
        problem,
    };
    if !errors.is_empty() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(errors, None)).into_response());
    }
    let attempt = Attempt {
        email: &email,
        client: &client,
        user_agent: &user_agent,
    };
    match staff_sign_in::check_password(&state.db, &attempt, &input.password).await? {
        PasswordOutcome::Accepted(staff_user_id) => {
            let next =
                staff_sign_in::after_password(&state, &session, &attempt, staff_user_id).await?;
            let to = match next {
                NextStep::SignedIn => routes::ADMIN,
                NextStep::Code => routes::ADMIN_LOGIN_CODE,
                NextStep::Enrol => routes::ADMIN_TWO_FACTOR,
            };
            Ok(Redirect::to(to).into_response())
        }
        PasswordOutcome::Invalid => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                errors,
                Some(
                    "The email address or password is not right. Check both and try again."
                        .to_owned(),
                ),
            ),
        )
            .into_response()),
        PasswordOutcome::Throttled(retry) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(RETRY_AFTER, retry.0.to_string())],
            page(
                errors,
                Some(format!(
                    "Too many failed sign-in attempts. Try again in {retry}."
                )),
            ),
        )
            .into_response()),
    }
}

/// The sign-out form's fields.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    /// The CSRF token.
    #[serde(default)]
    pub csrf_token: String,
}

/// POST /admin/logout — deletes the session.
pub async fn log_out(
    session: Session,
    csrf: CsrfToken,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect, AppError> {
    csrf.verify(&input.csrf_token)?;
    staff::sign_out(&session).await?;
    Ok(Redirect::to(routes::ADMIN_LOGIN))
}
