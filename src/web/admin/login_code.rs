//! Staff sign-in, second step: the two-factor code (or a recovery code) of a sign-in whose
//! password was right.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::csrf::CsrfToken;
use crate::auth::staff_pending::{self, PendingStage};
use crate::auth::staff_sign_in::{self, Attempt, CodeOutcome};
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::client_ip::ClientIp;
use crate::web::user_agent::UserAgent;

/// The code page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/login_code.html")]
pub struct CodePage {
    csrf: String,
    email: String,
    /// Beside the code field.
    error: Option<String>,
}

/// The submitted code.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

/// GET /admin/login/code
pub async fn code_form(session: Session, csrf: CsrfToken) -> Result<Response> {
    let Some(pending) = staff_pending::current(&session, PendingStage::Code).await? else {
        return Ok(Redirect::to(routes::ADMIN_LOGIN).into_response());
    };
    Ok(CodePage {
        csrf: csrf.value().to_owned(),
        email: pending.email,
        error: None,
    }
    .into_response())
}

/// POST /admin/login/code
#[tracing::instrument(name = "staff_log_in_code", skip_all)]
pub async fn check_code(
    State(state): State<AppState>,
    session: Session,
    csrf: CsrfToken,
    ClientIp(client): ClientIp,
    UserAgent(user_agent): UserAgent,
    Form(input): Form<CodeForm>,
) -> Result<Response> {
    csrf.verify(&input.csrf_token)?;
    let Some(pending) = staff_pending::current(&session, PendingStage::Code).await? else {
        return Ok(Redirect::to(routes::ADMIN_LOGIN).into_response());
    };
    let page = |error: &str| CodePage {
        csrf: csrf.value().to_owned(),
        email: pending.email.clone(),
        error: Some(error.to_owned()),
    };
    if input.code.trim().is_empty() {
        let page = page("Enter the code from your authenticator app, or a recovery code");
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let attempt = Attempt {
        email: &pending.email,
        client: &client,
        user_agent: &user_agent,
    };
    let outcome = staff_sign_in::check_code(
        &state,
        &session,
        &attempt,
        pending.staff_user_id,
        &input.code,
    )
    .await?;
    Ok(match outcome {
        CodeOutcome::SignedIn => Redirect::to(routes::ADMIN).into_response(),
        CodeOutcome::Replayed => (
            StatusCode::UNPROCESSABLE_ENTITY,
            page("This code was already used. Wait for the next code in your app, then enter it."),
        )
            .into_response(),
        CodeOutcome::Wrong => (
            StatusCode::UNPROCESSABLE_ENTITY,
            page("That code is not right. Enter the current code from your app, or an unused recovery code."),
        )
            .into_response(),
        CodeOutcome::Throttled(retry) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(RETRY_AFTER, retry.0.to_string())],
            page(&format!("Too many failed sign-in attempts. Try again in {retry}.")),
        )
            .into_response(),
    })
}
