//! Every path the application serves, in one place: the routers register the patterns
//! (`{param}` placeholders, as axum spells them), and handlers, templates, emails and the
//! lifecycle engine build links with the functions below, so a link and its route cannot drift
//! apart. The link builders taking typed ids take them by reference: askama passes a
//! template's values borrowed, so `{{ crate::routes::admin_renewal_cancel(row.renewal_id) }}`
//! works for a field and for an `if let` binding alike.

use std::fmt::Display;

use crate::domain::ids::{
    ApiKeyId, EmailId, EventDeliveryId, EventEndpointId, JobId, RenewalId, TenantId, UserId,
};

mod api;
pub use api::*;

/// The public landing page.
pub const HOME: &str = "/";
/// Liveness probe.
pub const HEALTHZ: &str = "/healthz";
/// Readiness probe (database reachable).
pub const READYZ: &str = "/readyz";
/// Prometheus scrape endpoint.
pub const METRICS: &str = "/metrics";
/// Static files (CSS, JavaScript, images).
pub const STATIC: &str = "/static";
/// `/static/{path}`: a file of the `static/` directory, e.g. `static_file("css/app.css")`.
pub fn static_file(path: &str) -> String {
    format!("{STATIC}/{path}")
}
/// The stylesheet generated from the ISV's brand settings (`?v={version}`).
pub const BRAND_STYLESHEET: &str = "/brand.css";
/// The ISV's logo, served from our origin (`?v={version}`).
pub const BRAND_LOGO: &str = "/brand/logo";
/// The prefix of every webhook path (callbacks from Twilio).
pub const WEBHOOKS_PREFIX: &str = "/webhooks";
/// Twilio's bundle status callbacks.
pub const BUNDLE_STATUS_WEBHOOK: &str = "/webhooks/twilio/bundle-status";
/// A route that always fails, served only when test routes are enabled.
pub const TEST_INTERNAL_ERROR: &str = "/__test/internal-error";

/// Customer sign-in (request a link).
pub const LOGIN: &str = "/login";
/// "Check your email", after asking for a sign-in link.
pub const LOGIN_CHECK_EMAIL: &str = "/login/check-email";
/// A sign-in link.
pub const LOGIN_TOKEN: &str = "/login/{token}";
/// "Email me a fresh link" from an expired or revoked renewal link.
pub const LOGIN_TOKEN_FRESH: &str = "/login/{token}/fresh";
/// Customer sign-out.
pub const LOGOUT: &str = "/logout";
/// The customer's bundle list.
pub const BUNDLES: &str = "/bundles";
/// One bundle's renewal history.
pub const BUNDLE_HISTORY: &str = "/bundles/{id}/history";
/// The prefix of every customer renewal page (no page of its own).
pub const RENEWALS: &str = "/renewals";
/// The renewal form.
pub const RENEWAL: &str = "/renewals/{id}";
/// Submitting a renewal.
pub const RENEWAL_SUBMIT: &str = "/renewals/{id}/submit";
/// GET: every value and document that will go to Twilio, with Submit.
pub const RENEWAL_REVIEW: &str = "/renewals/{id}/review";
/// GET: the form for a new address of the renewal's account; POST: creates it at Twilio.
pub const RENEWAL_ADDRESS_NEW: &str = "/renewals/{id}/addresses/new";
/// GET: the form correcting one of the account's addresses; POST: corrects it at Twilio.
pub const RENEWAL_ADDRESS: &str = "/renewals/{id}/addresses/{sid}";
/// A renewal's status page.
pub const RENEWAL_STATUS: &str = "/renewals/{id}/status";
/// GET: the status page's live block alone (polled while the renewal moves on by itself).
pub const RENEWAL_STATUS_LIVE: &str = "/renewals/{id}/status/live";
/// A renewal's evidence pack as PDF.
pub const RENEWAL_EVIDENCE_PDF: &str = "/renewals/{id}/evidence.pdf";
/// A renewal's evidence pack as JSON.
pub const RENEWAL_EVIDENCE_JSON: &str = "/renewals/{id}/evidence.json";

/// The ISV's signed hand-off into the portal (`docs/handoff.md`).
pub const HANDOFF: &str = "/handoff";

/// The staff dashboard (and the staff session cookie's path).
pub const ADMIN: &str = "/admin";
/// Staff sign-in.
pub const ADMIN_LOGIN: &str = "/admin/login";
/// Staff sign-in, second step: the two-factor code.
pub const ADMIN_LOGIN_CODE: &str = "/admin/login/code";
/// The signed-in staff member's two-factor settings (and enrolment).
pub const ADMIN_TWO_FACTOR: &str = "/admin/two-factor";
/// Starts two-factor enrolment (a new secret).
pub const ADMIN_TWO_FACTOR_START: &str = "/admin/two-factor/start";
/// Confirms two-factor enrolment with a first code.
pub const ADMIN_TWO_FACTOR_CONFIRM: &str = "/admin/two-factor/confirm";
/// Turns two-factor off (with a current code).
pub const ADMIN_TWO_FACTOR_DISABLE: &str = "/admin/two-factor/disable";
/// Staff sign-out.
pub const ADMIN_LOGOUT: &str = "/admin/logout";
/// Staff accounts.
pub const ADMIN_STAFF: &str = "/admin/staff";
/// Admin: the ISV's brand settings (admins only).
pub const ADMIN_BRAND: &str = "/admin/brand";
/// Admin: uploading the brand's logo (multipart).
pub const ADMIN_BRAND_LOGO: &str = "/admin/brand/logo";
/// Admin: removing the brand's logo.
pub const ADMIN_BRAND_LOGO_REMOVE: &str = "/admin/brand/logo/remove";
/// Admin: the staff sign-in audit (admins only).
pub const ADMIN_SIGN_INS: &str = "/admin/sign-ins";
/// Every regulation recomply has read, with its versions.
pub const ADMIN_REGULATIONS: &str = "/admin/regulations";
/// One regulation's versions and what each changed.
pub const ADMIN_REGULATION: &str = "/admin/regulations/{regulation_sid}";
/// Every tenant's bundles.
pub const ADMIN_BUNDLES: &str = "/admin/bundles";
/// Every tenant's renewals.
pub const ADMIN_RENEWALS: &str = "/admin/renewals";
/// The renewal list as CSV.
pub const ADMIN_RENEWALS_CSV: &str = "/admin/renewals.csv";
/// The tenants export (the tenants import's columns).
pub const ADMIN_TENANTS_CSV: &str = "/admin/tenants.csv";
/// The users export (the users import's columns).
pub const ADMIN_USERS_CSV: &str = "/admin/users.csv";
/// The bulk import page (admins): the two upload forms.
pub const ADMIN_IMPORT: &str = "/admin/import";
/// POST: upload a tenants file.
pub const ADMIN_IMPORT_TENANTS: &str = "/admin/import/tenants";
/// POST: upload a users file.
pub const ADMIN_IMPORT_USERS: &str = "/admin/import/users";
/// One uploaded file's preview (or, once applied, its counts).
pub const ADMIN_IMPORT_SHOW: &str = "/admin/import/{bulk_import_id}";
/// POST: apply an uploaded file.
pub const ADMIN_IMPORT_CONFIRM: &str = "/admin/import/{bulk_import_id}/confirm";
/// One renewal.
pub const ADMIN_RENEWAL: &str = "/admin/renewals/{renewal_id}";
/// GET: the renewal page's live block alone (polled while the renewal moves on by itself).
pub const ADMIN_RENEWAL_LIVE: &str = "/admin/renewals/{renewal_id}/live";
/// One renewal's timeline as CSV.
pub const ADMIN_RENEWAL_TIMELINE_CSV: &str = "/admin/renewals/{renewal_id}/timeline.csv";
/// Re-sending the action-needed email.
pub const ADMIN_RENEWAL_RESEND_LINK: &str = "/admin/renewals/{renewal_id}/resend-link";
/// Staff revoking every renewal link emailed about the renewal.
pub const ADMIN_RENEWAL_REVOKE_LINKS: &str = "/admin/renewals/{renewal_id}/revoke-links";
/// Staff creating a sign-in link to hand over.
pub const ADMIN_RENEWAL_SIGN_IN_LINK: &str = "/admin/renewals/{renewal_id}/sign-in-link";
/// Retrying a stuck renewal.
pub const ADMIN_RENEWAL_RETRY: &str = "/admin/renewals/{renewal_id}/retry";
/// Asking Twilio to evaluate the copy again.
pub const ADMIN_RENEWAL_REEVALUATE: &str = "/admin/renewals/{renewal_id}/reevaluate";
/// Staff filling in the renewal's form for the customer (GET the form, POST save).
pub const ADMIN_RENEWAL_FORM: &str = "/admin/renewals/{renewal_id}/form";
/// Staff submitting the renewal's copy for the customer.
pub const ADMIN_RENEWAL_FORM_SUBMIT: &str = "/admin/renewals/{renewal_id}/form/submit";
/// Cancelling a renewal.
pub const ADMIN_RENEWAL_CANCEL: &str = "/admin/renewals/{renewal_id}/cancel";
/// Reopening a cancelled renewal's bundle for renewal.
pub const ADMIN_RENEWAL_REOPEN: &str = "/admin/renewals/{renewal_id}/reopen";
/// Tenants.
pub const ADMIN_TENANTS: &str = "/admin/tenants";
/// Admin: the ISV's parent Twilio account and its subaccounts (admins only).
pub const ADMIN_PARENT_ACCOUNT: &str = "/admin/parent-account";
/// POST: list the parent account's subaccounts again (a durable job).
pub const ADMIN_PARENT_ACCOUNT_DISCOVER: &str = "/admin/parent-account/discover";
/// POST: make tenants of the chosen subaccounts (a durable job).
pub const ADMIN_PARENT_ACCOUNT_TENANTS: &str = "/admin/parent-account/tenants";
/// POST: staff reviewed the flagged subaccounts.
pub const ADMIN_PARENT_ACCOUNT_REVIEWED: &str = "/admin/parent-account/reviewed";
/// The new-tenant form.
pub const ADMIN_TENANT_NEW: &str = "/admin/tenants/new";
/// One tenant.
pub const ADMIN_TENANT: &str = "/admin/tenants/{tenant_id}";
/// Testing a tenant's credentials.
pub const ADMIN_TENANT_TEST: &str = "/admin/tenants/{tenant_id}/test";
/// Sweeping a tenant now.
pub const ADMIN_TENANT_SYNC: &str = "/admin/tenants/{tenant_id}/sync";
/// A tenant's zero-touch setting (POST).
pub const ADMIN_TENANT_AUTO_SUBMIT: &str = "/admin/tenants/{tenant_id}/auto-submit";
/// A tenant's status-callback setting (POST).
pub const ADMIN_TENANT_CALLBACKS: &str = "/admin/tenants/{tenant_id}/callbacks";
/// Removing a tenant: the confirmation page and the action.
pub const ADMIN_TENANT_REMOVE: &str = "/admin/tenants/{tenant_id}/remove";
/// GET: the tenant page's live "Last sweep" fragment.
pub const ADMIN_TENANT_SWEEP_STATUS: &str = "/admin/tenants/{tenant_id}/sweep-status";
/// Which of the account's bundles are the tenant's (on a shared Twilio account).
pub const ADMIN_TENANT_BUNDLE_RULE: &str = "/admin/tenants/{tenant_id}/bundle-rule";
/// Twilio accounts several tenants share, and their unassigned bundles.
pub const ADMIN_SHARED_ACCOUNTS: &str = "/admin/shared-accounts";
/// Assigning a bundle of a shared account to a tenant (POST).
pub const ADMIN_SHARED_ACCOUNT_ASSIGN: &str = "/admin/shared-accounts/assign";
/// Adding a user to a tenant.
pub const ADMIN_TENANT_USERS: &str = "/admin/tenants/{tenant_id}/users";
/// Removing a user.
pub const ADMIN_TENANT_USER_REMOVE: &str = "/admin/tenants/{tenant_id}/users/{app_user_id}/remove";
/// Emailing a user a sign-in link.
pub const ADMIN_TENANT_USER_LINK: &str = "/admin/tenants/{tenant_id}/users/{app_user_id}/link";
/// One renewal's evidence pack as PDF (staff).
pub const ADMIN_RENEWAL_EVIDENCE_PDF: &str = "/admin/renewals/{renewal_id}/evidence.pdf";
/// One renewal's evidence pack as JSON (staff).
pub const ADMIN_RENEWAL_EVIDENCE_JSON: &str = "/admin/renewals/{renewal_id}/evidence.json";
/// A tenant's evidence pack over `?from=&to=` as PDF.
pub const ADMIN_TENANT_EVIDENCE_PDF: &str = "/admin/tenants/{tenant_id}/evidence.pdf";
/// A tenant's evidence pack over `?from=&to=` as JSON.
pub const ADMIN_TENANT_EVIDENCE_JSON: &str = "/admin/tenants/{tenant_id}/evidence.json";
/// Background jobs.
pub const ADMIN_JOBS: &str = "/admin/jobs";
/// Retrying a dead job.
pub const ADMIN_JOB_RETRY: &str = "/admin/jobs/{job_id}/retry";
/// Received status callbacks.
pub const ADMIN_WEBHOOKS: &str = "/admin/webhooks";
/// The global search (bundle or copy SID, email, tenant, renewal id).
pub const ADMIN_SEARCH: &str = "/admin/search";
/// The email outbox.
pub const ADMIN_OUTBOX: &str = "/admin/outbox";
/// One email of the outbox.
pub const ADMIN_OUTBOX_EMAIL: &str = "/admin/outbox/{email_id}";

/// Outbound event endpoints (admin staff): the list and the create form.
pub const ADMIN_EVENTS: &str = "/admin/events";
/// One event endpoint and its recent deliveries.
pub const ADMIN_EVENT_ENDPOINT: &str = "/admin/events/{event_endpoint_id}";
/// Replacing an event endpoint's signing secret.
pub const ADMIN_EVENT_ENDPOINT_SECRET: &str = "/admin/events/{event_endpoint_id}/secret";
/// Turning an event endpoint's deliveries on or off.
pub const ADMIN_EVENT_ENDPOINT_ENABLED: &str = "/admin/events/{event_endpoint_id}/enabled";
/// Deleting an event endpoint.
pub const ADMIN_EVENT_ENDPOINT_DELETE: &str = "/admin/events/{event_endpoint_id}/delete";
/// Sending one delivery of an event endpoint again.
pub const ADMIN_EVENT_DELIVERY_RESEND: &str =
    "/admin/events/{event_endpoint_id}/deliveries/{event_delivery_id}/resend";

/// The page of the event endpoint `event_endpoint_id`.
pub fn event_endpoint(event_endpoint_id: EventEndpointId) -> String {
    format!("{ADMIN_EVENTS}/{event_endpoint_id}")
}

/// API keys (admin staff).
pub const ADMIN_API_KEYS: &str = "/admin/api-keys";
/// The ISV hand-off settings and secret (admins only).
pub const ADMIN_HANDOFF: &str = "/admin/hand-off";
/// Generating (or rotating) the hand-off secret.
pub const ADMIN_HANDOFF_SECRET: &str = "/admin/hand-off/secret";
/// Revoking an API key.
pub const ADMIN_API_KEY_REVOKE: &str = "/admin/api-keys/{api_key_id}/revoke";

/// `/login/{token}`.
pub fn login_token(token: &str) -> String {
    format!("{LOGIN}/{token}")
}

/// `/login/{token}/fresh`.
pub fn login_token_fresh(token: &str) -> String {
    format!("{LOGIN}/{token}/fresh")
}

/// `path` as it may appear in logs and spans: the token of a sign-in link
/// (`/login/{token}`) is replaced by `[redacted]`, so a log line never holds a usable link.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    let prefix = format!("{LOGIN}/");
    match path.strip_prefix(&prefix) {
        Some(rest) if !rest.is_empty() && path != LOGIN_CHECK_EMAIL => {
            format!("{prefix}[redacted]").into()
        }
        _ => path.into(),
    }
}

/// `/admin/regulations/{sid}`.
pub fn admin_regulation(regulation_sid: impl Display) -> String {
    format!("{ADMIN_REGULATIONS}/{regulation_sid}")
}

/// `/bundles/{id}/history`.
pub fn bundle_history(bundle_id: impl Display) -> String {
    format!("{BUNDLES}/{bundle_id}/history")
}

/// `/renewals/{id}`.
pub fn renewal(renewal_id: impl Display) -> String {
    format!("{RENEWALS}/{renewal_id}")
}

/// `/renewals/{id}/addresses/new?field={field}`: a new address for the form input `field`.
pub fn renewal_address_new(renewal_id: impl Display, field: &str) -> String {
    format!(
        "{RENEWALS}/{renewal_id}/addresses/new?{}",
        field_query(field)
    )
}

/// `/renewals/{id}/addresses/{sid}?field={field}`: correcting address `sid` for the form
/// input `field`.
pub fn renewal_address(renewal_id: impl Display, sid: &str, field: &str) -> String {
    format!(
        "{RENEWALS}/{renewal_id}/addresses/{sid}?{}",
        field_query(field)
    )
}

fn field_query(field: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("field", field)
        .finish()
}

/// `/renewals/{id}/submit`.
pub fn renewal_submit(renewal_id: impl Display) -> String {
    format!("{RENEWALS}/{renewal_id}/submit")
}

/// `/renewals/{id}/review`.
pub fn renewal_review(renewal_id: impl Display) -> String {
    format!("{RENEWALS}/{renewal_id}/review")
}

/// `/renewals/{id}/status`.
pub fn renewal_status(renewal_id: impl Display) -> String {
    format!("{RENEWALS}/{renewal_id}/status")
}

/// `/renewals/{id}/status/live`.
pub fn renewal_status_live(renewal_id: impl Display) -> String {
    format!("{RENEWALS}/{renewal_id}/status/live")
}

/// `/admin/renewals/{renewal_id}/live`.
pub fn admin_renewal_live(renewal_id: impl Display) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/live")
}

/// `/admin/renewals/{renewal_id}/form`.
pub fn admin_renewal_form(renewal_id: impl Display) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/form")
}

/// `/admin/renewals/{renewal_id}/form/submit`.
pub fn admin_renewal_form_submit(renewal_id: impl Display) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/form/submit")
}

/// `/admin/renewals/{renewal_id}`.
pub fn admin_renewal(renewal_id: impl Display) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}")
}

/// `/admin/import/{bulk_import_id}`.
pub fn admin_import(bulk_import_id: impl Display) -> String {
    format!("{ADMIN_IMPORT}/{bulk_import_id}")
}

/// `/admin/import/{bulk_import_id}/confirm`.
pub fn admin_import_confirm(bulk_import_id: impl Display) -> String {
    format!("{ADMIN_IMPORT}/{bulk_import_id}/confirm")
}

/// `/admin/tenants/{tenant_id}`.
pub fn admin_tenant(tenant_id: impl Display) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}")
}

/// `/admin/tenants/{tenant_id}/bundle-rule`.
pub fn admin_tenant_bundle_rule(tenant_id: impl Display) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/bundle-rule")
}

/// `/renewals/{id}/evidence.{pdf|json}`.
pub fn renewal_evidence(renewal_id: impl Display, extension: &str) -> String {
    format!("{RENEWALS}/{renewal_id}/evidence.{extension}")
}

/// `/admin/renewals/{renewal_id}/evidence.{pdf|json}`.
pub fn admin_renewal_evidence(renewal_id: impl Display, extension: &str) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/evidence.{extension}")
}

/// `/admin/tenants/{tenant_id}/evidence.{pdf|json}`.
pub fn admin_tenant_evidence(tenant_id: impl Display, extension: &str) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/evidence.{extension}")
}

/// `/admin/renewals/{renewal_id}/timeline.csv`.
pub fn admin_renewal_timeline_csv(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/timeline.csv")
}

/// `/admin/renewals/{renewal_id}/resend-link`.
pub fn admin_renewal_resend_link(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/resend-link")
}

/// `/admin/renewals/{renewal_id}/revoke-links`.
pub fn admin_renewal_revoke_links(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/revoke-links")
}

/// `/admin/renewals/{renewal_id}/sign-in-link`.
pub fn admin_renewal_sign_in_link(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/sign-in-link")
}

/// `/admin/renewals/{renewal_id}/retry`.
pub fn admin_renewal_retry(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/retry")
}

/// `/admin/renewals/{renewal_id}/reevaluate`.
pub fn admin_renewal_reevaluate(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/reevaluate")
}

/// `/admin/renewals/{renewal_id}/cancel`.
pub fn admin_renewal_cancel(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/cancel")
}

/// `/admin/renewals/{renewal_id}/reopen`.
pub fn admin_renewal_reopen(renewal_id: &RenewalId) -> String {
    format!("{ADMIN_RENEWALS}/{renewal_id}/reopen")
}

/// `/admin/tenants/{tenant_id}/test`.
pub fn admin_tenant_test(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/test")
}

/// `/admin/tenants/{tenant_id}/sync`.
pub fn admin_tenant_sync(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/sync")
}

/// `/admin/tenants/{tenant_id}/auto-submit`.
pub fn admin_tenant_auto_submit(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/auto-submit")
}

/// `/admin/tenants/{tenant_id}/callbacks`.
pub fn admin_tenant_callbacks(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/callbacks")
}

/// `/admin/tenants/{tenant_id}/remove`.
pub fn admin_tenant_remove(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/remove")
}

/// `/admin/tenants/{tenant_id}/sweep-status`.
pub fn admin_tenant_sweep_status(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/sweep-status")
}

/// `/admin/tenants/{tenant_id}/users`.
pub fn admin_tenant_users(tenant_id: &TenantId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/users")
}

/// `/admin/tenants/{tenant_id}/users/{app_user_id}/remove`.
pub fn admin_tenant_user_remove(tenant_id: &TenantId, app_user_id: &UserId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/users/{app_user_id}/remove")
}

/// `/admin/tenants/{tenant_id}/users/{app_user_id}/link`.
pub fn admin_tenant_user_link(tenant_id: &TenantId, app_user_id: &UserId) -> String {
    format!("{ADMIN_TENANTS}/{tenant_id}/users/{app_user_id}/link")
}

/// `/admin/jobs/{job_id}/retry`.
pub fn admin_job_retry(job_id: &JobId) -> String {
    format!("{ADMIN_JOBS}/{job_id}/retry")
}

/// `/admin/outbox/{email_id}`.
pub fn admin_outbox_email(email_id: &EmailId) -> String {
    format!("{ADMIN_OUTBOX}/{email_id}")
}

/// `/admin/events/{event_endpoint_id}/secret`.
pub fn event_endpoint_secret(event_endpoint_id: &EventEndpointId) -> String {
    format!("{ADMIN_EVENTS}/{event_endpoint_id}/secret")
}

/// `/admin/events/{event_endpoint_id}/enabled`.
pub fn event_endpoint_enabled(event_endpoint_id: &EventEndpointId) -> String {
    format!("{ADMIN_EVENTS}/{event_endpoint_id}/enabled")
}

/// `/admin/events/{event_endpoint_id}/delete`.
pub fn event_endpoint_delete(event_endpoint_id: &EventEndpointId) -> String {
    format!("{ADMIN_EVENTS}/{event_endpoint_id}/delete")
}

/// `/admin/events/{event_endpoint_id}/deliveries/{event_delivery_id}/resend`.
pub fn event_delivery_resend(
    event_endpoint_id: &EventEndpointId,
    event_delivery_id: &EventDeliveryId,
) -> String {
    format!("{ADMIN_EVENTS}/{event_endpoint_id}/deliveries/{event_delivery_id}/resend")
}

/// `/admin/api-keys/{api_key_id}/revoke`.
pub fn admin_api_key_revoke(api_key_id: &ApiKeyId) -> String {
    format!("{ADMIN_API_KEYS}/{api_key_id}/revoke")
}

#[cfg(test)]
mod tests;
