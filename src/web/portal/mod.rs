//! The customer portal: sign-in by magic link, the tenant's bundles, the renewal page and its
//! forms, status and history. Every page is scoped by the signed-in user's tenant; another
//! tenant's ids answer 404. GET pages read Postgres only.

mod address_form;
mod bundles;
mod evidence;
pub(crate) mod fix_once;
mod flash;
mod history;
mod login;
mod numbers_at_risk;
mod renewal;
pub mod renewal_form;
mod review;
pub(crate) mod save;
mod status;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::auth::csrf::CsrfToken;
use crate::auth::customer::CurrentCustomer;
use crate::domain::renewal_state::RenewalState;
use crate::routes;
use crate::state::AppState;
use crate::web::session::customer_layer;

pub use crate::web::client_ip::ClientIp;
/// The customer wording, as the portal's pages call it.
use crate::wording::customer as words;
pub use flash::Flash;

/// Shared data of signed-in portal pages (the header's account menu and its sign-out form).
#[derive(Debug, Clone)]
pub struct PortalNav {
    /// The signed-in user's address.
    pub email: String,
    /// The tenant's name.
    pub tenant_name: String,
    /// CSRF token for the sign-out form.
    pub csrf_token: String,
}

/// Every portal route, with the customer session layer.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            routes::LOGIN,
            get(login::login_form).post(login::request_link),
        )
        .route(routes::LOGIN_CHECK_EMAIL, get(login::check_email))
        .route(
            routes::LOGIN_TOKEN,
            get(login::show_link).post(login::consume_link),
        )
        .route(routes::LOGIN_TOKEN_FRESH, post(login::email_fresh_link))
        .route(routes::LOGOUT, post(login::log_out))
        .route(routes::BUNDLES, get(bundles::list_bundles))
        .route(routes::BUNDLE_HISTORY, get(history::show_history))
        .route(
            routes::RENEWAL,
            get(renewal::show_renewal)
                .post(save::save_renewal)
                .layer(DefaultBodyLimit::max(save::MAX_SAVE_BYTES)),
        )
        .route(routes::RENEWAL_REVIEW, get(review::show_review))
        .route(
            routes::RENEWAL_ADDRESS_NEW,
            get(address_form::new_address).post(address_form::create_address),
        )
        .route(
            routes::RENEWAL_ADDRESS,
            get(address_form::edit_address).post(address_form::update_address),
        )
        .route(routes::RENEWAL_SUBMIT, post(status::submit_renewal))
        .route(routes::RENEWAL_STATUS, get(status::show_status))
        .route(routes::RENEWAL_STATUS_LIVE, get(status::show_status_live))
        .route(routes::RENEWAL_EVIDENCE_PDF, get(evidence::evidence_pdf))
        .route(routes::RENEWAL_EVIDENCE_JSON, get(evidence::evidence_json))
        .layer(customer_layer(state))
}

/// The header data of a signed-in page.
pub fn nav(customer: &CurrentCustomer, csrf: &CsrfToken) -> PortalNav {
    PortalNav {
        email: customer.email.clone(),
        tenant_name: customer.tenant_name.clone(),
        csrf_token: csrf.value().to_owned(),
    }
}

/// What the customer is asked to do about a renewal in `state`: the message id of the button's
/// words when
/// [`RenewalState::customer_must_act`] (the rule that also orders the bundle list).
pub fn customer_action(state: RenewalState) -> Option<&'static str> {
    if !state.customer_must_act() {
        return None;
    }
    Some(match state {
        RenewalState::Rejected => "action-fix-and-resubmit",
        _ => "action-update-information",
    })
}
