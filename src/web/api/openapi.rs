//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! annotations and the response types' `ToSchema` derives. The router is built from the same
//! annotations (`utoipa_axum`), so a route cannot exist without being documented.

use std::sync::LazyLock;

use axum::Json;
use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::problem::Problem;
use super::{bundles, links, renewals, syncs, tenants, users};
use crate::state::AppState;

/// The document's root: title, version, the bearer key scheme.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "recomply API",
        version = "1",
        description = "The ISV's backend reads tenants, users, bundles and renewals, mints \
            renewal links and starts syncs. Authenticate with `Authorization: Bearer rk_live_…` \
            (keys are created by admin staff at /admin/api-keys). Errors are \
            application/problem+json."
    ),
    // Error bodies are named by the `ReadProblems`/`WriteProblems` response sets, which do
    // not register their schema themselves.
    components(schemas(Problem)),
    modifiers(&BearerKey),
    tags(
        (name = "tenants", description = "The ISV's end customers"),
        (name = "users", description = "A tenant's end-customer users"),
        (name = "bundles", description = "A tenant's Regulatory Compliance Bundles"),
        (name = "renewals", description = "Compliance updates of bundles"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

/// Adds the `api_key` bearer scheme that every operation names.
struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("rk_live_…")
                    .build(),
            ),
        );
    }
}

/// Every API route with its documentation.
pub fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(serve_document))
        .routes(routes!(tenants::list_tenants))
        .routes(routes!(tenants::get_tenant))
        .routes(routes!(syncs::start_sync))
        .routes(routes!(users::list_users))
        .routes(routes!(users::get_user))
        .routes(routes!(bundles::list_bundles))
        .routes(routes!(bundles::get_bundle))
        .routes(routes!(renewals::list_renewals))
        .routes(routes!(renewals::get_renewal))
        .routes(routes!(links::create_renewal_link))
}

/// The generated document, built once.
pub fn document() -> &'static Document {
    static DOCUMENT: LazyLock<Document> = LazyLock::new(|| documented().split_for_parts().1);
    &DOCUMENT
}

/// This document. Needs no key.
#[utoipa::path(get, path = crate::routes::API_OPENAPI, tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)))]
pub async fn serve_document() -> Json<&'static Document> {
    Json(document())
}
