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

/// The prefix of every JSON API path, whatever its version.
pub const API_PREFIX: &str = "/api/";
/// The JSON API's root.
pub const API_V1: &str = "/api/v1";
/// Any other path under the JSON API (answered with a problem+json 404).
pub const API_V1_ANY: &str = "/api/v1/{*rest}";
/// The JSON API's OpenAPI document.
pub const API_OPENAPI: &str = "/api/v1/openapi.json";
/// API: the tenants.
pub const API_TENANTS: &str = "/api/v1/tenants";
/// API: one tenant.
pub const API_TENANT: &str = "/api/v1/tenants/{tenant_id}";
/// API: a tenant's bundles.
pub const API_TENANT_BUNDLES: &str = "/api/v1/tenants/{tenant_id}/bundles";
/// API: one bundle of a tenant.
pub const API_TENANT_BUNDLE: &str = "/api/v1/tenants/{tenant_id}/bundles/{bundle_id}";
/// API: a tenant's renewals.
pub const API_TENANT_RENEWALS: &str = "/api/v1/tenants/{tenant_id}/renewals";
/// API: one renewal of a tenant.
pub const API_TENANT_RENEWAL: &str = "/api/v1/tenants/{tenant_id}/renewals/{renewal_id}";
/// API (POST): a renewal link for one renewal of a tenant.
pub const API_TENANT_RENEWAL_LINKS: &str =
    "/api/v1/tenants/{tenant_id}/renewals/{renewal_id}/links";
/// API (POST): a sweep of a tenant now.
pub const API_TENANT_SYNCS: &str = "/api/v1/tenants/{tenant_id}/syncs";
/// API: a tenant's users.
pub const API_TENANT_USERS: &str = "/api/v1/tenants/{tenant_id}/users";
/// API: one user of a tenant.
pub const API_TENANT_USER: &str = "/api/v1/tenants/{tenant_id}/users/{user_id}";
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
mod tests {
    #[test]
    fn sign_in_tokens_never_reach_a_logged_path() {
        assert_eq!(super::loggable_path("/login/abc123"), "/login/[redacted]");
        assert_eq!(super::loggable_path("/login/abc/x"), "/login/[redacted]");
        assert_eq!(
            super::loggable_path("/login/abc/fresh"),
            "/login/[redacted]"
        );
        assert_eq!(
            super::loggable_path("/login/check-email"),
            "/login/check-email"
        );
        assert_eq!(super::loggable_path("/login"), "/login");
        assert_eq!(super::loggable_path("/renewals/42"), "/renewals/42");
    }

    use super::*;

    #[test]
    fn every_machine_path_sits_under_its_prefix() {
        assert!(BUNDLE_STATUS_WEBHOOK.starts_with(&format!("{WEBHOOKS_PREFIX}/")));
        let api = [
            API_V1_ANY,
            API_OPENAPI,
            API_TENANTS,
            API_TENANT,
            API_TENANT_BUNDLES,
            API_TENANT_BUNDLE,
            API_TENANT_RENEWALS,
            API_TENANT_RENEWAL,
            API_TENANT_RENEWAL_LINKS,
            API_TENANT_SYNCS,
            API_TENANT_USERS,
            API_TENANT_USER,
        ];
        assert!(API_V1.starts_with(API_PREFIX));
        for path in api {
            assert!(path.starts_with(&format!("{API_V1}/")), "{path}");
        }
    }

    /// Replaces each `{param}` of a route pattern with `value`.
    fn fill(pattern: &str, value: &str) -> String {
        let mut out = String::new();
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').expect("closed placeholder") + start;
            out.push_str(&rest[..start]);
            out.push_str(value);
            rest = &rest[end + 1..];
        }
        out + rest
    }

    /// Replaces the `{param}`s of a route pattern with `values`, in order.
    fn fill_each(pattern: &str, values: &[&str]) -> String {
        let mut out = String::new();
        let mut rest = pattern;
        let mut values = values.iter();
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').expect("closed placeholder") + start;
            out.push_str(&rest[..start]);
            out.push_str(values.next().expect("a value per placeholder"));
            rest = &rest[end + 1..];
        }
        assert!(values.next().is_none(), "more values than placeholders");
        out + rest
    }

    #[test]
    fn typed_link_builders_produce_the_paths_their_routes_match() {
        let renewal = RenewalId::random();
        let r = renewal.to_string();
        let cases = [
            (
                admin_renewal_timeline_csv(&renewal),
                ADMIN_RENEWAL_TIMELINE_CSV,
            ),
            (
                admin_renewal_resend_link(&renewal),
                ADMIN_RENEWAL_RESEND_LINK,
            ),
            (
                admin_renewal_revoke_links(&renewal),
                ADMIN_RENEWAL_REVOKE_LINKS,
            ),
            (
                admin_renewal_sign_in_link(&renewal),
                ADMIN_RENEWAL_SIGN_IN_LINK,
            ),
            (admin_renewal_retry(&renewal), ADMIN_RENEWAL_RETRY),
            (admin_renewal_reevaluate(&renewal), ADMIN_RENEWAL_REEVALUATE),
            (admin_renewal_cancel(&renewal), ADMIN_RENEWAL_CANCEL),
            (admin_renewal_reopen(&renewal), ADMIN_RENEWAL_REOPEN),
            (admin_renewal_form(renewal), ADMIN_RENEWAL_FORM),
            (
                admin_renewal_form_submit(renewal),
                ADMIN_RENEWAL_FORM_SUBMIT,
            ),
        ];
        for (built, pattern) in cases {
            assert_eq!(built, fill_each(pattern, &[&r]), "{pattern}");
        }

        let tenant = TenantId::random();
        let t = tenant.to_string();
        let cases = [
            (admin_tenant_test(&tenant), ADMIN_TENANT_TEST),
            (admin_tenant_sync(&tenant), ADMIN_TENANT_SYNC),
            (admin_tenant_auto_submit(&tenant), ADMIN_TENANT_AUTO_SUBMIT),
            (admin_tenant_callbacks(&tenant), ADMIN_TENANT_CALLBACKS),
            (admin_tenant_remove(&tenant), ADMIN_TENANT_REMOVE),
            (
                admin_tenant_sweep_status(&tenant),
                ADMIN_TENANT_SWEEP_STATUS,
            ),
            (admin_tenant_users(&tenant), ADMIN_TENANT_USERS),
        ];
        for (built, pattern) in cases {
            assert_eq!(built, fill_each(pattern, &[&t]), "{pattern}");
        }

        let user = UserId::random();
        let u = user.to_string();
        let remove = admin_tenant_user_remove(&tenant, &user);
        assert_eq!(remove, fill_each(ADMIN_TENANT_USER_REMOVE, &[&t, &u]));
        let link = admin_tenant_user_link(&tenant, &user);
        assert_eq!(link, fill_each(ADMIN_TENANT_USER_LINK, &[&t, &u]));

        assert_eq!(
            admin_job_retry(&JobId::from_i64(42)),
            fill_each(ADMIN_JOB_RETRY, &["42"])
        );
        let email = EmailId::random();
        let e = email.to_string();
        assert_eq!(
            admin_outbox_email(&email),
            fill_each(ADMIN_OUTBOX_EMAIL, &[&e])
        );

        let endpoint = EventEndpointId::random();
        let ep = endpoint.to_string();
        let cases = [
            (event_endpoint(endpoint), ADMIN_EVENT_ENDPOINT),
            (
                event_endpoint_secret(&endpoint),
                ADMIN_EVENT_ENDPOINT_SECRET,
            ),
            (
                event_endpoint_enabled(&endpoint),
                ADMIN_EVENT_ENDPOINT_ENABLED,
            ),
            (
                event_endpoint_delete(&endpoint),
                ADMIN_EVENT_ENDPOINT_DELETE,
            ),
        ];
        for (built, pattern) in cases {
            assert_eq!(built, fill_each(pattern, &[&ep]), "{pattern}");
        }
        let delivery = EventDeliveryId::random();
        let d = delivery.to_string();
        assert_eq!(
            event_delivery_resend(&endpoint, &delivery),
            fill_each(ADMIN_EVENT_DELIVERY_RESEND, &[&ep, &d])
        );

        let key = ApiKeyId::random();
        let k = key.to_string();
        assert_eq!(
            admin_api_key_revoke(&key),
            fill_each(ADMIN_API_KEY_REVOKE, &[&k])
        );

        assert_eq!(static_file("css/app.css"), "/static/css/app.css");
        assert!(static_file("js/live.js").starts_with(STATIC));
        assert_eq!(admin_regulation("RN1"), fill(ADMIN_REGULATION, "RN1"));
    }

    /// Every template under `templates/`, as (path, contents).
    fn templates() -> Vec<(std::path::PathBuf, String)> {
        let mut found = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("templates directory") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let text = std::fs::read_to_string(&path).expect("template text");
                    found.push((path, text));
                }
            }
        }
        found
    }

    /// The places in `text` that begin with a literal app path: `href`, `action`, `src` and
    /// `formaction` values (and any attribute ending in those names, such as `data-live-src`)
    /// starting with one `/`, and a block or branch whose text starts with one
    /// (`{% block home_href %}/admin{% endblock %}`).
    fn literal_paths(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (at, _) in text.match_indices("%}/") {
            let value = &text[at + 2..];
            if !value.starts_with("//") {
                let end = value.find(['{', '"', '<']).unwrap_or(value.len());
                found.push(format!("%}}{}", &value[..end]));
            }
        }
        for attribute in ["href=", "action=", "src="] {
            for quote in ['"', '\''] {
                let needle = format!("{attribute}{quote}/");
                for (at, _) in text.match_indices(&needle) {
                    let value = &text[at + needle.len() - 1..];
                    if value.starts_with("//") {
                        continue; // protocol-relative: another origin
                    }
                    let end = value.find(quote).unwrap_or(value.len());
                    found.push(format!("{attribute}{quote}{}", &value[..end]));
                }
            }
        }
        found
    }

    #[test]
    fn the_guard_spots_a_literal_path() {
        assert_eq!(
            literal_paths(r#"<a href="/admin/jobs">"#),
            [r#"href="/admin/jobs"#]
        );
        assert_eq!(literal_paths("<form action='/login'>"), ["action='/login"]);
        assert_eq!(
            literal_paths(r#"<button formaction="/x">"#),
            [r#"action="/x"#]
        );
        assert_eq!(literal_paths(r#"<div data-live-src="/x">"#).len(), 1);
        assert_eq!(
            literal_paths("{% block home_href %}/admin{% endblock %}"),
            ["%}/admin"]
        );
        assert_eq!(
            literal_paths(r#"href="{% if a %}/bundles{% else %}/{% endif %}""#),
            ["%}/bundles", "%}/"]
        );
        for fine in [
            r#"<a href="{{ crate::routes::ADMIN_JOBS }}?page=2">"#,
            r#"<a href="https://example.com/x">"#,
            r##"<a href="#main">"##,
            r#"<img src="//cdn.example.com/x.png">"#,
            r#"<a href="mailto:a@example.com">"#,
        ] {
            assert!(literal_paths(fine).is_empty(), "{fine}");
        }
    }

    /// Templates link through this module: a literal path in a template could drift from
    /// the route it means.
    #[test]
    fn no_template_holds_a_literal_app_path() {
        let templates = templates();
        assert!(templates.len() > 20, "found the templates");
        let offenders: Vec<String> = templates
            .iter()
            .flat_map(|(path, text)| {
                literal_paths(text)
                    .into_iter()
                    .map(move |hit| format!("{}: {hit}", path.display()))
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "link through crate::routes instead:\n{}",
            offenders.join("\n")
        );
    }

    #[test]
    fn link_builders_produce_the_paths_their_routes_match() {
        assert_eq!(login_token("x1"), fill(LOGIN_TOKEN, "x1"));
        assert_eq!(login_token_fresh("x1"), fill(LOGIN_TOKEN_FRESH, "x1"));
        assert_eq!(bundle_history("x1"), fill(BUNDLE_HISTORY, "x1"));
        assert_eq!(renewal("x1"), fill(RENEWAL, "x1"));
        assert_eq!(renewal_submit("x1"), fill(RENEWAL_SUBMIT, "x1"));
        assert_eq!(renewal_review("x1"), fill(RENEWAL_REVIEW, "x1"));
        assert_eq!(renewal_status("x1"), fill(RENEWAL_STATUS, "x1"));
        assert_eq!(renewal_status_live("x1"), fill(RENEWAL_STATUS_LIVE, "x1"));
        assert_eq!(admin_renewal_live("x1"), fill(ADMIN_RENEWAL_LIVE, "x1"));
        assert_eq!(admin_renewal("x1"), fill(ADMIN_RENEWAL, "x1"));
        assert_eq!(admin_tenant("x1"), fill(ADMIN_TENANT, "x1"));
        assert_eq!(
            admin_tenant_bundle_rule("x1"),
            fill(ADMIN_TENANT_BUNDLE_RULE, "x1")
        );
        assert_eq!(admin_import("x1"), fill(ADMIN_IMPORT_SHOW, "x1"));
        assert_eq!(admin_import_confirm("x1"), fill(ADMIN_IMPORT_CONFIRM, "x1"));
        assert_eq!(
            renewal_evidence("x1", "pdf"),
            fill(RENEWAL_EVIDENCE_PDF, "x1")
        );
        assert_eq!(
            renewal_evidence("x1", "json"),
            fill(RENEWAL_EVIDENCE_JSON, "x1")
        );
        let staff = admin_renewal_evidence("x1", "pdf");
        assert_eq!(staff, fill(ADMIN_RENEWAL_EVIDENCE_PDF, "x1"));
        let staff = admin_renewal_evidence("x1", "json");
        assert_eq!(staff, fill(ADMIN_RENEWAL_EVIDENCE_JSON, "x1"));
        let range = admin_tenant_evidence("x1", "pdf");
        assert_eq!(range, fill(ADMIN_TENANT_EVIDENCE_PDF, "x1"));
        let range = admin_tenant_evidence("x1", "json");
        assert_eq!(range, fill(ADMIN_TENANT_EVIDENCE_JSON, "x1"));
    }
}
