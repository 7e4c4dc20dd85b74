//! The support staff view under `/admin`: its own session cookie (`recomply_staff`, path
//! `/admin`), so a customer session never reaches it; every page needs a signed-in staff member.

mod bundles;
mod chart;
mod csv;
mod dashboard;
pub mod form;
pub(crate) mod login;
mod ops;
mod outbox;
mod renewals;
mod sign_in_links;
mod staff;
mod tenants;

use axum::Router;
use axum::routing::{get, post};

use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::state::AppState;
use crate::web::session;
/// The staff wording, as the admin pages and their templates call it (`fmt::when(..)`).
use crate::web::wording::staff as fmt;

/// Every `/admin` route, with the staff session layer applied.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard::show_dashboard))
        .route("/admin/login", get(login::login_form).post(login::log_in))
        .route("/admin/logout", post(login::log_out))
        .route(
            "/admin/staff",
            get(staff::list_staff).post(staff::create_staff),
        )
        .route("/admin/bundles", get(bundles::list_bundles))
        .route("/admin/renewals", get(renewals::list_renewals))
        .route("/admin/renewals.csv", get(renewals::export_renewals))
        .route("/admin/renewals/{renewal_id}", get(renewals::show_renewal))
        .route(
            "/admin/renewals/{renewal_id}/timeline.csv",
            get(renewals::export_timeline),
        )
        .route(
            "/admin/renewals/{renewal_id}/resend-link",
            post(renewals::resend_link),
        )
        .route(
            "/admin/renewals/{renewal_id}/sign-in-link",
            post(renewals::create_sign_in_link),
        )
        .route(
            "/admin/renewals/{renewal_id}/retry",
            post(renewals::retry_renewal),
        )
        .route(
            "/admin/renewals/{renewal_id}/reevaluate",
            post(renewals::reevaluate_renewal),
        )
        .route(
            "/admin/renewals/{renewal_id}/cancel",
            get(renewals::cancel_renewal_form).post(renewals::cancel_renewal),
        )
        .route(
            "/admin/tenants",
            get(tenants::list_tenants).post(tenants::create_tenant),
        )
        .route("/admin/tenants/new", get(tenants::new_tenant_form))
        .route(
            "/admin/tenants/{tenant_id}",
            get(tenants::show_tenant).post(tenants::update_tenant),
        )
        .route(
            "/admin/tenants/{tenant_id}/test",
            post(tenants::test_credentials),
        )
        .route(
            "/admin/tenants/{tenant_id}/sweep-status",
            get(tenants::show_sweep_status),
        )
        .route(
            "/admin/tenants/{tenant_id}/sync",
            post(tenants::sync_tenant),
        )
        .route("/admin/tenants/{tenant_id}/users", post(tenants::add_user))
        .route(
            "/admin/tenants/{tenant_id}/users/{app_user_id}/remove",
            post(tenants::remove_user),
        )
        .route(
            "/admin/tenants/{tenant_id}/users/{app_user_id}/link",
            post(tenants::send_user_link),
        )
        .route("/admin/jobs", get(ops::list_jobs))
        .route("/admin/jobs/{job_id}/retry", post(ops::retry_job))
        .route("/admin/webhooks", get(ops::list_webhooks))
        .route("/admin/outbox", get(outbox::list_outbox))
        .route("/admin/outbox/{email_id}", get(outbox::show_email))
        .layer(session::staff_layer(state))
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

    /// `aria-current="page"` for the current navigation link.
    pub fn current(&self, section: &str) -> &'static str {
        if self.section == section {
            "page"
        } else {
            "false"
        }
    }
}
