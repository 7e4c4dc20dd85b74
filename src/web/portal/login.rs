//! Sign-in by magic link: ask for an address, always answer "check your email"; show a link
//! (changing nothing) and consume it only from its "Continue" button; email a fresh renewal
//! link from an expired one; sign out.

use crate::domain::email_address::{EmailAddress, EmailAddressError, mask};
use crate::domain::ids::RenewalId;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::ClientIp;
use crate::auth::csrf::CsrfToken;
use crate::auth::customer;
use crate::auth::customer::CurrentCustomer;
use crate::auth::login_csrf::LoginCsrf;
use crate::db;
use crate::domain::link_kind::LinkKind;
use crate::error::{AppError, Result};
use crate::links::magic_link::{self, LinkRequest};
use crate::queue::send_sign_in_link::SendSignInLink;
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;
use crate::web::flash;

/// The sign-in form.
#[derive(Template, WebTemplate)]
#[template(path = "portal/login.html")]
pub struct LoginPage {
    c: Chrome,
    csrf_token: String,
    email: String,
    renewal: String,
    /// The message id of what is wrong with the address.
    error: Option<String>,
    signed_out: bool,
}

/// "Check your email" — the same for every address.
#[derive(Template, WebTemplate)]
#[template(path = "portal/check_email.html")]
pub struct CheckEmailPage {
    c: Chrome,
    /// The address just entered, shown once (a reload shows the page without it).
    email: Option<String>,
}

/// The session key under which `POST /login` leaves the address for "check your email".
const SENT_TO_KEY: &str = "login_sent_to";

/// A link that is used, expired, revoked or unknown, with a way to get a new one: one button
/// for a renewal link (a fresh one goes to its owner), otherwise the address form.
#[derive(Template, WebTemplate)]
#[template(path = "portal/link_expired.html")]
pub struct LinkExpiredPage {
    c: Chrome,
    csrf_token: String,
    renewal: String,
    used: bool,
    /// Where "Email me a fresh link" posts (renewal links only).
    fresh_action: Option<String>,
    /// The visitor is signed in already: the page leads on to My bundles instead.
    signed_in: bool,
}

/// A usable link, fetched: whom it signs in, and the button that does it.
#[derive(Template, WebTemplate)]
#[template(path = "portal/link_continue.html")]
pub struct LinkContinuePage {
    c: Chrome,
    csrf_token: String,
    /// `j***@example.com`.
    masked_email: String,
    /// Where the button posts (this link).
    action: String,
}

/// `?email=…&renewal=…&signed_out=1` on the sign-in page.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    email: String,
    #[serde(default)]
    renewal: String,
    #[serde(default)]
    signed_out: Option<String>,
}

/// What the sign-in form posts.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    renewal: String,
}

/// `GET /login`
pub async fn login_form(
    csrf: LoginCsrf,
    c: Chrome,
    Query(query): Query<LoginQuery>,
) -> impl IntoResponse {
    let page = LoginPage {
        c,
        csrf_token: csrf.value().to_owned(),
        email: query.email,
        renewal: parse_renewal(&query.renewal)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        error: None,
        signed_out: query.signed_out.is_some(),
    };
    (csrf, page)
}

/// `POST /login`: validates the address, then (within the rate limits) emails one link per
/// user with that address. The answer never depends on whether the address is known.
pub async fn request_link(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    csrf: LoginCsrf,
    session: Session,
    c: Chrome,
    Form(mut form): Form<LoginForm>,
) -> Result<Response> {
    csrf.verify(&form.csrf_token)?;
    form.email = form.email.trim().to_owned();
    let invalid = match EmailAddress::parse(&form.email) {
        Ok(_) => None,
        Err(EmailAddressError::Empty) => Some("login-error-empty"),
        Err(EmailAddressError::TooLong) => Some("login-error-too-long"),
        Err(EmailAddressError::Invalid) => Some("login-error-invalid"),
    };
    if let Some(message) = invalid {
        let page = LoginPage {
            c,
            csrf_token: csrf.value().to_owned(),
            email: form.email,
            renewal: form.renewal,
            error: Some(message.to_owned()),
            signed_out: false,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf, page).into_response());
    }
    let request = LinkRequest {
        email: form.email.clone(),
        client,
        target_renewal: parse_renewal(&form.renewal),
        locale: c.tr.locale(),
    };
    // The emails leave through the job queue (the job mints each link as it sends), so the
    // answer takes the same time for known and unknown addresses.
    magic_link::request_links(&state.db, &state.config.magic_links, &request).await?;
    let sent_to = db::users::normalise_email(&form.email);
    flash::put(&session, SENT_TO_KEY, sent_to).await;
    Ok(Redirect::to(routes::LOGIN_CHECK_EMAIL).into_response())
}

/// `GET /login/check-email`: where `POST /login` lands, so a reload asks for nothing again.
pub async fn check_email(session: Session, c: Chrome) -> CheckEmailPage {
    CheckEmailPage {
        c,
        email: flash::take(&session, SENT_TO_KEY).await,
    }
}

/// `GET /login/{token}` (and `HEAD`): changes nothing. A usable link shows whom it signs in
/// (masked) and one "Continue" button; mail scanners and link previews that fetch the link
/// leave it as it was. A used, expired or unknown link offers a new one.
pub async fn show_link(
    State(state): State<AppState>,
    csrf: LoginCsrf,
    c: Chrome,
    signed_in: SignedIn,
    Path(token): Path<String>,
) -> Result<Response> {
    let hash = magic_link::token_hash(&state.config.secret_key, &token);
    match db::magic_links::find_usable_link(&state.db, &hash).await? {
        Some(email) => {
            let page = LinkContinuePage {
                c,
                csrf_token: csrf.value().to_owned(),
                masked_email: mask(&email),
                action: routes::login_token(&token),
            };
            Ok((csrf, page).into_response())
        }
        None => spent_link_page(&state, csrf, c, signed_in, &token).await,
    }
}

/// What the "Continue" form posts.
#[derive(Debug, Deserialize)]
pub struct ContinueForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /login/{token}`: consumes the link (once, before it expires), starts a fresh session
/// and lands on the renewal the link was about, or on the bundle list.
pub async fn consume_link(
    State(state): State<AppState>,
    session: Session,
    csrf: LoginCsrf,
    c: Chrome,
    signed_in: SignedIn,
    Path(token): Path<String>,
    Form(form): Form<ContinueForm>,
) -> Result<Response> {
    csrf.verify(&form.csrf_token)?;
    let hash = magic_link::token_hash(&state.config.secret_key, &token);
    let Some(link) = db::magic_links::consume_link(&state.db, &hash).await? else {
        return spent_link_page(&state, csrf, c, signed_in, &token).await;
    };
    customer::sign_in(&session, link.app_user_id, link.tenant_id).await?;
    tracing::info!(app_user_id = %link.app_user_id, tenant_id = %link.tenant_id, "customer signed in");
    let target = match link.renewal_id {
        Some(renewal_id) => routes::renewal(renewal_id),
        None => routes::BUNDLES.to_owned(),
    };
    Ok(Redirect::to(&target).into_response())
}

/// `POST /login/{token}/fresh`: "Email me a fresh link" from an expired or revoked renewal
/// link. The fresh link goes to the link's owner alone (a renewal link while the renewal is
/// open, else a sign-in link) and lands on the same renewal; the holder learns no address.
pub async fn email_fresh_link(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    csrf: LoginCsrf,
    c: Chrome,
    signed_in: SignedIn,
    Path(token): Path<String>,
    Form(form): Form<ContinueForm>,
) -> Result<Response> {
    csrf.verify(&form.csrf_token)?;
    let hash = magic_link::token_hash(&state.config.secret_key, &token);
    let owner = db::magic_links::find_owner(&state.db, &hash).await?;
    let Some(owner) = owner.filter(|o| o.kind == LinkKind::Renewal) else {
        return spent_link_page(&state, csrf, c, signed_in, &token).await;
    };
    let user = db::users::find_user(&state.db, owner.tenant_id, owner.app_user_id).await?;
    if let Some(user) = user
        && magic_link::within_limits(&state.db, &state.config.magic_links, &user.email, &client)
            .await?
    {
        let kind = if owner.renewal_open {
            LinkKind::Renewal
        } else {
            LinkKind::SignIn
        };
        let job = SendSignInLink::new(owner.tenant_id, user.app_user_id, owner.renewal_id, kind)
            .from_page_in(c.tr.locale());
        let mut tx = state.db.begin().await?;
        job.enqueue(&mut tx).await?;
        tx.commit().await?;
    }
    Ok(Redirect::to(routes::LOGIN_CHECK_EMAIL).into_response())
}

/// 410 with a way to get a new link. It never shows the address the link was bound to: whoever
/// holds a used link must not learn whose it was.
async fn spent_link_page(
    state: &AppState,
    csrf: LoginCsrf,
    c: Chrome,
    SignedIn(signed_in): SignedIn,
    token: &str,
) -> Result<Response> {
    let hash = magic_link::token_hash(&state.config.secret_key, token);
    let spent = db::magic_links::find_spent_link(&state.db, &hash).await?;
    let fresh_action = spent
        .as_ref()
        .filter(|s| s.kind == LinkKind::Renewal)
        .map(|_| routes::login_token_fresh(token));
    let page = LinkExpiredPage {
        c,
        csrf_token: csrf.value().to_owned(),
        renewal: spent
            .as_ref()
            .and_then(|s| s.renewal_id)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        used: spent.as_ref().is_some_and(|s| s.used),
        fresh_action,
        signed_in,
    };
    Ok((StatusCode::GONE, csrf, page).into_response())
}

/// What the sign-out form posts.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /logout`
pub async fn log_out(
    session: Session,
    csrf: CsrfToken,
    Form(form): Form<LogoutForm>,
) -> Result<Redirect, AppError> {
    csrf.verify(&form.csrf_token)?;
    customer::sign_out(&session).await?;
    Ok(Redirect::to(&format!("{}?signed_out=1", routes::LOGIN)))
}

/// Whether the visitor already has a customer session (an old link opened while signed in).
pub struct SignedIn(bool);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> std::result::Result<Self, Self::Rejection> {
        Ok(Self(
            CurrentCustomer::from_request_parts(parts, state)
                .await
                .is_ok(),
        ))
    }
}

fn parse_renewal(text: &str) -> Option<RenewalId> {
    text.trim().parse().ok()
}
