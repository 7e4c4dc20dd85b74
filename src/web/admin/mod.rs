//! The support staff view under `/admin`: its own session cookie (`recomply_staff`, path
//! `/admin`), so a customer session never reaches it; every page needs a signed-in staff member.

mod api_keys;
mod brand;
mod bundles;
mod chart;
mod csv;
mod dashboard;
mod event_endpoint;
mod events;
mod flash;
pub mod form;
mod handoff;
mod import;
pub(crate) mod login;
mod login_code;
mod notice;
mod ops;
mod outbox;
mod parent_account;
mod regulations;
mod renewals;
mod search;
mod shared_accounts;
mod sign_in_links;
mod sign_ins;
mod staff;
mod tenants;
mod two_factor;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::routes;
use crate::state::AppState;
use crate::web::session;
/// The staff wording, as the admin pages and their templates call it (`fmt::when(..)`).
use crate::wording::staff as fmt;

/// Every `/admin` route, with the staff session layer applied.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(sign_in_routes())
        .merge(settings_routes())
        .merge(renewal_routes())
        .merge(tenant_routes())
        .merge(import_routes())
        .merge(operations_routes())
        .layer(session::staff_layer(state))
}

/// Signing in and out, and two-factor enrolment.
fn sign_in_routes() -> Router<AppState> {
    Router::new()
        .route(
            routes::ADMIN_LOGIN,
            get(login::login_form).post(login::log_in),
        )
        .route(
            routes::ADMIN_LOGIN_CODE,
            get(login_code::code_form).post(login_code::check_code),
        )
        .route(routes::ADMIN_TWO_FACTOR, get(two_factor::show))
        .route(routes::ADMIN_TWO_FACTOR_START, post(two_factor::start))
        .route(routes::ADMIN_TWO_FACTOR_CONFIRM, post(two_factor::confirm))
        .route(routes::ADMIN_TWO_FACTOR_DISABLE, post(two_factor::disable))
        .route(routes::ADMIN_LOGOUT, post(login::log_out))
}

/// Staff, API keys, the portal hand-off, the brand and outbound events.
fn settings_routes() -> Router<AppState> {
    Router::new()
        .route(
            routes::ADMIN_STAFF,
            get(staff::list_staff).post(staff::create_staff),
        )
        .route(
            routes::ADMIN_API_KEYS,
            get(api_keys::list_api_keys).post(api_keys::create_api_key),
        )
        .route(routes::ADMIN_API_KEY_REVOKE, post(api_keys::revoke_api_key))
        .route(
            routes::ADMIN_HANDOFF,
            get(handoff::show).post(handoff::save_options),
        )
        .route(routes::ADMIN_HANDOFF_SECRET, post(handoff::generate_secret))
        .route(
            routes::ADMIN_BRAND,
            get(brand::show_brand).post(brand::save_brand),
        )
        .route(
            routes::ADMIN_BRAND_LOGO,
            post(brand::upload_logo).layer(DefaultBodyLimit::max(
                crate::web::body_limit::LOGO_UPLOAD_LIMIT,
            )),
        )
        .route(routes::ADMIN_BRAND_LOGO_REMOVE, post(brand::remove_logo))
        .route(
            routes::ADMIN_EVENTS,
            get(events::list_endpoints).post(events::create_endpoint),
        )
        .route(routes::ADMIN_EVENT_ENDPOINT, get(event_endpoint::show))
        .route(
            routes::ADMIN_EVENT_ENDPOINT_SECRET,
            post(event_endpoint::rotate_secret),
        )
        .route(
            routes::ADMIN_EVENT_ENDPOINT_ENABLED,
            post(event_endpoint::set_enabled),
        )
        .route(
            routes::ADMIN_EVENT_ENDPOINT_DELETE,
            post(event_endpoint::delete),
        )
        .route(
            routes::ADMIN_EVENT_DELIVERY_RESEND,
            post(event_endpoint::resend),
        )
}

/// Renewals: lists, one renewal, its exports, and what staff can do to it.
fn renewal_routes() -> Router<AppState> {
    Router::new()
        .route(routes::ADMIN_RENEWALS, get(renewals::list_renewals))
        .route(routes::ADMIN_RENEWALS_CSV, get(renewals::export_renewals))
        .route(routes::ADMIN_RENEWAL, get(renewals::show_renewal))
        .route(routes::ADMIN_RENEWAL_LIVE, get(renewals::show_renewal_live))
        .route(
            routes::ADMIN_RENEWAL_TIMELINE_CSV,
            get(renewals::export_timeline),
        )
        .route(
            routes::ADMIN_RENEWAL_EVIDENCE_PDF,
            get(renewals::evidence_pdf),
        )
        .route(
            routes::ADMIN_RENEWAL_EVIDENCE_JSON,
            get(renewals::evidence_json),
        )
        .route(
            routes::ADMIN_RENEWAL_RESEND_LINK,
            post(renewals::resend_link),
        )
        .route(
            routes::ADMIN_RENEWAL_REVOKE_LINKS,
            post(renewals::revoke_links),
        )
        .route(
            routes::ADMIN_RENEWAL_SIGN_IN_LINK,
            post(renewals::create_sign_in_link),
        )
        .route(routes::ADMIN_RENEWAL_RETRY, post(renewals::retry_renewal))
        .route(
            routes::ADMIN_RENEWAL_REEVALUATE,
            post(renewals::reevaluate_renewal),
        )
        .route(
            routes::ADMIN_RENEWAL_FORM,
            get(renewals::on_behalf_form)
                .post(renewals::save_on_behalf)
                .layer(DefaultBodyLimit::max(
                    crate::web::portal::save::MAX_SAVE_BYTES,
                )),
        )
        .route(
            routes::ADMIN_RENEWAL_FORM_SUBMIT,
            post(renewals::submit_on_behalf),
        )
        .route(
            routes::ADMIN_RENEWAL_CANCEL,
            get(renewals::cancel_renewal_form).post(renewals::cancel_renewal),
        )
        .route(routes::ADMIN_RENEWAL_REOPEN, post(renewals::reopen_renewal))
}

/// Tenants, their users and settings, the parent account and shared accounts.
fn tenant_routes() -> Router<AppState> {
    Router::new()
        .route(
            routes::ADMIN_TENANT_EVIDENCE_PDF,
            get(tenants::evidence_pdf),
        )
        .route(
            routes::ADMIN_TENANT_EVIDENCE_JSON,
            get(tenants::evidence_json),
        )
        .route(
            routes::ADMIN_TENANTS,
            get(tenants::list_tenants).post(tenants::create_tenant),
        )
        .route(routes::ADMIN_TENANT_NEW, get(tenants::new_tenant_form))
        .route(
            routes::ADMIN_PARENT_ACCOUNT,
            get(parent_account::show_parent_account).post(parent_account::connect_parent_account),
        )
        .route(
            routes::ADMIN_PARENT_ACCOUNT_DISCOVER,
            post(parent_account::discover),
        )
        .route(
            routes::ADMIN_PARENT_ACCOUNT_TENANTS,
            post(parent_account::create_tenants),
        )
        .route(
            routes::ADMIN_PARENT_ACCOUNT_REVIEWED,
            post(parent_account::mark_reviewed),
        )
        .route(
            routes::ADMIN_TENANT,
            get(tenants::show_tenant).post(tenants::update_tenant),
        )
        .route(routes::ADMIN_TENANT_TEST, post(tenants::test_credentials))
        .route(routes::ADMIN_TENANT_SYNC, post(tenants::sync_tenant))
        .route(
            routes::ADMIN_TENANT_BUNDLE_RULE,
            get(shared_accounts::bundle_rule_form).post(shared_accounts::set_bundle_rule),
        )
        .route(
            routes::ADMIN_SHARED_ACCOUNTS,
            get(shared_accounts::list_shared_accounts),
        )
        .route(
            routes::ADMIN_SHARED_ACCOUNT_ASSIGN,
            post(shared_accounts::assign_bundle),
        )
        .route(routes::ADMIN_TENANT_CALLBACKS, post(tenants::set_callbacks))
        .route(
            routes::ADMIN_TENANT_AUTO_SUBMIT,
            post(tenants::set_auto_submit),
        )
        .route(
            routes::ADMIN_TENANT_REMOVE,
            get(tenants::remove_form).post(tenants::remove),
        )
        .route(
            routes::ADMIN_TENANT_SWEEP_STATUS,
            get(tenants::show_sweep_status),
        )
        .route(routes::ADMIN_TENANT_USERS, post(tenants::add_user))
        .route(routes::ADMIN_TENANT_USER_REMOVE, post(tenants::remove_user))
        .route(
            routes::ADMIN_TENANT_USER_LINK,
            post(tenants::send_user_link),
        )
}

/// Bulk import and export of tenants and users.
fn import_routes() -> Router<AppState> {
    Router::new()
        .route(routes::ADMIN_TENANTS_CSV, get(import::export_tenants))
        .route(routes::ADMIN_USERS_CSV, get(import::export_users))
        .route(routes::ADMIN_IMPORT, get(import::show_upload))
        .route(
            routes::ADMIN_IMPORT_TENANTS,
            post(import::upload_tenants).layer(DefaultBodyLimit::max(import::UPLOAD_LIMIT)),
        )
        .route(
            routes::ADMIN_IMPORT_USERS,
            post(import::upload_users).layer(DefaultBodyLimit::max(import::UPLOAD_LIMIT)),
        )
        .route(routes::ADMIN_IMPORT_SHOW, get(import::show_import))
        .route(routes::ADMIN_IMPORT_CONFIRM, post(import::confirm_import))
}

/// The dashboard, regulations, bundles, jobs, callbacks, search, the outbox and sign-ins.
fn operations_routes() -> Router<AppState> {
    Router::new()
        .route(routes::ADMIN, get(dashboard::show_dashboard))
        .route(routes::ADMIN_SIGN_INS, get(sign_ins::list_sign_ins))
        .route(
            routes::ADMIN_REGULATIONS,
            get(regulations::list_regulations),
        )
        .route(routes::ADMIN_REGULATION, get(regulations::show_regulation))
        .route(routes::ADMIN_BUNDLES, get(bundles::list_bundles))
        .route(routes::ADMIN_JOBS, get(ops::list_jobs))
        .route(routes::ADMIN_JOB_RETRY, post(ops::retry_job))
        .route(routes::ADMIN_WEBHOOKS, get(ops::list_webhooks))
        .route(routes::ADMIN_SEARCH, get(search::search))
        .route(routes::ADMIN_OUTBOX, get(outbox::list_outbox))
        .route(routes::ADMIN_OUTBOX_EMAIL, get(outbox::show_email))
}

/// What the admin layout needs on every page: who is signed in, the CSRF token for the
/// sign-out form, and which section of the navigation is current.
pub struct AdminLayout {
    /// Name of the signed-in staff member.
    pub staff_name: String,
    /// Whether they may manage staff and credentials.
    pub is_admin: bool,
    /// The session's CSRF token.
    pub csrf: String,
    /// The current navigation section (`dashboard`, `renewals`, …).
    pub section: &'static str,
}

impl AdminLayout {
    /// The layout for `staff` on a page of `section`.
    pub fn new(staff: &CurrentStaff, csrf: &CsrfToken, section: &'static str) -> Self {
        Self {
            staff_name: staff.actor().to_owned(),
            is_admin: staff.is_admin(),
            csrf: csrf.value().to_owned(),
            section,
        }
    }

    /// `has-current` when the current page is one of the navigation group `group`'s links
    /// (`activity`, `settings`), so the folded group shows where the reader is.
    pub fn group_class(&self, group: &str) -> &'static str {
        let sections: &[&str] = match group {
            "activity" => &["outbox", "webhooks", "jobs", "events"],
            "settings" => &[
                "staff",
                "api_keys",
                "hand-off",
                "brand",
                "sign-ins",
                "two-factor",
                "import",
            ],
            _ => &[],
        };
        if sections.contains(&self.section) {
            "has-current"
        } else {
            ""
        }
    }

    /// `aria-current="page"` for the current navigation link.
    pub fn current(&self, section: &str) -> &'static str {
        if self.section == section {
            "page"
        } else {
            "false"
        }
    }
}
