//! The JSON API's paths (the OpenAPI annotations of its handlers use them too).

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
