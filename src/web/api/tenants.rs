//! `GET /api/v1/tenants` and `GET /api/v1/tenants/{tenant_id}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::extract::{ApiPath, ApiQuery};
use super::pagination::{self, Keyset, PageQuery};
use super::problem::{ApiError, ApiResult, ReadProblems};
use crate::db::{api_lists, tenants};
use crate::domain::ids::TenantId;
use crate::state::AppState;

/// A tenant: one end customer of the ISV.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Tenant {
    /// Its id.
    #[schema(value_type = Uuid)]
    pub id: TenantId,
    /// Display name.
    pub name: String,
    /// URL-safe unique name.
    pub slug: String,
    /// The tenant's Twilio account (`AC…`), once credentials are set.
    pub twilio_account_sid: Option<String>,
    /// Whether Twilio credentials are stored (without them nothing is swept).
    pub has_credentials: bool,
    /// Where its customers get human help.
    pub support_email: Option<String>,
    /// When it was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A page of tenants.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TenantPage {
    /// This page, oldest first.
    pub data: Vec<Tenant>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl From<tenants::Tenant> for Tenant {
    fn from(row: tenants::Tenant) -> Self {
        Self {
            id: row.tenant_id,
            name: row.name,
            slug: row.slug,
            twilio_account_sid: row.twilio_account_sid,
            has_credentials: row.has_credentials,
            support_email: row.support_email,
            created_at: row.created_at,
        }
    }
}

/// The tenants this key may see (only its own tenant for a tenant-restricted key).
#[utoipa::path(get, path = crate::routes::API_TENANTS, tag = "tenants",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of tenants", body = TenantPage),
        ReadProblems,
    ),
    security(("api_key" = [])))]
pub async fn list_tenants(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<TenantPage>> {
    let request = query.checked()?;
    let rows = api_lists::tenants(&state.db, caller.tenant_id, request.window()).await?;
    let (rows, next_cursor) = pagination::page(rows, request, |t| Keyset {
        created_at: t.created_at,
        id: t.tenant_id.into_uuid(),
    });
    Ok(Json(TenantPage {
        data: rows.into_iter().map(Tenant::from).collect(),
        next_cursor,
    }))
}

/// One tenant.
#[utoipa::path(get, path = crate::routes::API_TENANT, tag = "tenants",
    params(("tenant_id" = Uuid, Path, description = "The tenant")),
    responses(
        (status = 200, description = "The tenant", body = Tenant),
        ReadProblems,
    ),
    security(("api_key" = [])))]
pub async fn get_tenant(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(tenant_id): ApiPath<TenantId>,
) -> ApiResult<Json<Tenant>> {
    Ok(Json(
        visible_tenant(&state, &caller, tenant_id).await?.into(),
    ))
}

/// The tenant, if it exists and the key may see it (`NotFound` otherwise, alike).
pub async fn visible_tenant(
    state: &AppState,
    caller: &ApiCaller,
    tenant_id: TenantId,
) -> ApiResult<tenants::Tenant> {
    caller.require_tenant(tenant_id)?;
    tenants::get_tenant(&state.db, tenant_id)
        .await
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?
        .ok_or(ApiError::NotFound)
}
