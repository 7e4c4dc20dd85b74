//! `GET /api/v1/tenants/{tenant_id}/bundles` and `…/bundles/{bundle_id}`: the tenant's
//! original Regulatory Compliance Bundles as last read from Twilio.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::extract::{ApiPath, ApiQuery};
use super::pagination::{self, Keyset, PageQuery};
use super::problem::{ApiError, ApiResult, ReadProblems};
use super::tenants::visible_tenant;
use crate::db::api_lists::{self, ApiBundleRow};
use crate::domain::ids::{BundleId, TenantId};
use crate::state::AppState;

/// A bundle.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bundle {
    /// Its id in recomply.
    #[schema(value_type = Uuid)]
    pub id: BundleId,
    /// Its tenant.
    #[schema(value_type = Uuid)]
    pub tenant_id: TenantId,
    /// Twilio's SID (`BU…`).
    pub sid: String,
    /// Its friendly name.
    pub name: String,
    /// Twilio's status (`twilio-approved`, `twilio-rejected`, …).
    pub status: String,
    /// The regulation's name, e.g. "France: Mobile - Business".
    pub regulation_name: Option<String>,
    /// ISO-3166 alpha-2 country of its numbers.
    pub iso_country: Option<String>,
    /// `mobile`, `local`, `national`, `toll-free`.
    pub number_type: Option<String>,
    /// `business` or `individual`.
    pub end_user_type: Option<String>,
    /// Twilio's deadline: unless updated by then, the bundle is rejected.
    #[serde(with = "time::serde::rfc3339::option")]
    pub valid_until: Option<OffsetDateTime>,
    /// When recomply last read it from Twilio.
    #[serde(with = "time::serde::rfc3339")]
    pub synced_at: OffsetDateTime,
    /// When recomply first saw it.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A page of bundles.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BundlePage {
    /// This page, oldest first.
    pub data: Vec<Bundle>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl From<ApiBundleRow> for Bundle {
    fn from(row: ApiBundleRow) -> Self {
        Self {
            id: row.bundle_id,
            tenant_id: row.tenant_id,
            sid: row.sid,
            name: row.friendly_name,
            status: row.status,
            regulation_name: row.regulation_name,
            iso_country: row.iso_country,
            number_type: row.number_type,
            end_user_type: row.end_user_type,
            valid_until: row.valid_until,
            synced_at: row.synced_at,
            created_at: row.created_at,
        }
    }
}

/// The tenant's bundles.
#[utoipa::path(get, path = crate::routes::API_TENANT_BUNDLES, tag = "bundles",
    params(("tenant_id" = Uuid, Path, description = "The tenant"), PageQuery),
    responses((status = 200, description = "A page of bundles", body = BundlePage), ReadProblems),
    security(("api_key" = [])))]
pub async fn list_bundles(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(tenant_id): ApiPath<TenantId>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<BundlePage>> {
    let request = query.checked()?;
    visible_tenant(&state, &caller, tenant_id).await?;
    let rows = api_lists::bundles(&state.db, tenant_id, request.window()).await?;
    let (rows, next_cursor) = pagination::page(rows, request, |b| Keyset {
        created_at: b.created_at,
        id: b.bundle_id.into_uuid(),
    });
    Ok(Json(BundlePage {
        data: rows.into_iter().map(Bundle::from).collect(),
        next_cursor,
    }))
}

/// One bundle of the tenant.
#[utoipa::path(get, path = crate::routes::API_TENANT_BUNDLE, tag = "bundles",
    params(
        ("tenant_id" = Uuid, Path, description = "The tenant"),
        ("bundle_id" = Uuid, Path, description = "The bundle"),
    ),
    responses((status = 200, description = "The bundle", body = Bundle), ReadProblems),
    security(("api_key" = [])))]
pub async fn get_bundle(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((tenant_id, bundle_id)): ApiPath<(TenantId, BundleId)>,
) -> ApiResult<Json<Bundle>> {
    caller.require_tenant(tenant_id)?;
    let bundle = api_lists::bundle(&state.db, tenant_id, bundle_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(bundle.into()))
}
