//! `GET /handoff`: the ISV's backend redirects its signed-in user here with a signed URL
//! (`auth::handoff`, `docs/handoff.md`); a valid one signs that user in and lands on the
//! renewal (or the bundle list). Consuming on GET is deliberate: the URL comes from the ISV's
//! own redirect, lives five minutes at most and works once, never from an email a scanner
//! could fetch.
//!
//! Every refusal is logged at warn with its reason (never the signature), ends any session the
//! browser had, and answers a plain page, 410 for an expired or used URL and 403 otherwise.

use anyhow::Context;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::auth::customer;
use crate::auth::handoff::{self, Handoff, RawHandoff, Refusal};
use crate::db;
use crate::domain::email_address::mask;
use crate::domain::ids::{RenewalId, TenantId, UserId};
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;
use crate::web::session::customer_layer;

/// The route, with the customer session layer.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(routes::HANDOFF, get(hand_off))
        .layer(customer_layer(state))
}

/// The refusal page: no detail that would help a forger.
#[derive(Template, WebTemplate)]
#[template(path = "handoff/refused.html")]
pub struct RefusedPage {
    c: Chrome,
    /// Expired or already used (rather than invalid).
    gone: bool,
}

/// Whom a valid hand-off signs in, and where it lands.
struct Accepted {
    app_user_id: UserId,
    tenant_id: TenantId,
    renewal_id: Option<RenewalId>,
    created: bool,
}

/// `GET /handoff?tenant=&email=&renewal=&expires=&nonce=&signature=`
pub async fn hand_off(
    State(state): State<AppState>,
    session: Session,
    c: Chrome,
    Query(raw): Query<RawHandoff>,
) -> Result<Response> {
    let parsed = handoff::parse(&raw);
    let outcome = match &parsed {
        Ok(request) => check(&state, request).await?,
        Err(refusal) => Err(*refusal),
    };
    match outcome {
        Ok(accepted) => {
            customer::sign_in(&session, accepted.app_user_id, accepted.tenant_id).await?;
            tracing::info!(
                app_user_id = %accepted.app_user_id,
                tenant_id = %accepted.tenant_id,
                user_created = accepted.created,
                "customer signed in by hand-off"
            );
            let target = match accepted.renewal_id {
                Some(renewal_id) => routes::renewal(renewal_id),
                None => routes::BUNDLES.to_owned(),
            };
            Ok(Redirect::to(&target).into_response())
        }
        Err(refusal) => {
            let request = parsed.as_ref().ok();
            tracing::warn!(
                reason = refusal.reason(),
                tenant_id = request.map(|r| r.tenant_id.to_string()).unwrap_or_default(),
                email = request.map(|r| mask(&r.email)).unwrap_or_default(),
                "hand-off refused"
            );
            customer::sign_out(&session).await?;
            let page = RefusedPage {
                c,
                gone: refusal.status() == axum::http::StatusCode::GONE,
            };
            Ok((refusal.status(), page).into_response())
        }
    }
}

/// Every check after the shape: enabled, signature, clock, nonce, tenant, user, renewal. The
/// nonce is spent only once the signature and clock have passed.
async fn check(
    state: &AppState,
    request: &Handoff,
) -> Result<std::result::Result<Accepted, Refusal>> {
    let Some(settings) = db::handoff_settings::active(&state.db, &state.config.secret_key).await?
    else {
        return Ok(Err(Refusal::Disabled));
    };
    if let Err(refusal) = request.verify_signature(&settings.secret) {
        return Ok(Err(refusal));
    }
    if let Err(refusal) = request.check_expiry(OffsetDateTime::now_utc().unix_timestamp()) {
        return Ok(Err(refusal));
    }
    let expires_at = OffsetDateTime::from_unix_timestamp(request.expires)
        .context("an expiry within minutes of now")?;
    if !db::handoff_nonces::record(&state.db, &request.nonce, expires_at).await? {
        return Ok(Err(Refusal::Replayed));
    }
    if !db::lookups::is_served(&state.db, request.tenant_id).await? {
        return Ok(Err(Refusal::UnknownTenant));
    }
    if let Some(renewal_id) = request.renewal_id
        && db::renewals::find(&state.db, request.tenant_id, renewal_id)
            .await?
            .is_none()
    {
        return Ok(Err(Refusal::RenewalNotInTenant));
    }
    let user = if settings.create_users {
        let (user, created) =
            db::users::find_or_add_user(&state.db, request.tenant_id, &request.email).await?;
        Some((user, created))
    } else {
        db::users::find_user_by_email(&state.db, request.tenant_id, &request.email)
            .await?
            .map(|user| (user, false))
    };
    let Some((user, created)) = user else {
        return Ok(Err(Refusal::UnknownUser));
    };
    Ok(Ok(Accepted {
        app_user_id: user.app_user_id,
        tenant_id: request.tenant_id,
        renewal_id: request.renewal_id,
        created,
    }))
}
