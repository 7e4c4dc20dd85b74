//! `POST /api/v1/tenants/{tenant_id}/syncs`: asks for a sweep of the tenant's bundles now, as
//! the admin "Sync now" button does (collapsing with a sweep already waiting).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::extract::ApiPath;
use super::problem::{ApiResult, WriteProblems};
use super::tenants::visible_tenant;
use crate::domain::ids::TenantId;
use crate::state::AppState;

/// A sweep was queued.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SyncStarted {
    /// The tenant.
    #[schema(value_type = Uuid)]
    pub tenant_id: TenantId,
    /// What happens next.
    pub status: SyncStatus,
}

/// Where a requested sync is.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SyncStatus {
    /// A worker reads the tenant's bundles from Twilio shortly.
    Queued,
}

/// Starts a sync of the tenant with Twilio.
#[utoipa::path(post, path = crate::routes::API_TENANT_SYNCS, tag = "tenants",
    params(
        ("tenant_id" = Uuid, Path, description = "The tenant"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first response to a retry with the same key and body (24 hours)"),
    ),
    responses((status = 202, description = "The sweep is queued", body = SyncStarted), WriteProblems),
    security(("api_key" = [])))]
pub async fn start_sync(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(tenant_id): ApiPath<TenantId>,
) -> ApiResult<(StatusCode, Json<SyncStarted>)> {
    visible_tenant(&state, &caller, tenant_id).await?;
    let mut tx = state.db.begin().await?;
    crate::lifecycle::enqueue_sweep(&mut tx, tenant_id).await?;
    tx.commit().await?;
    tracing::info!(%tenant_id, api_key_id = %caller.api_key_id, "sync requested through the API");
    Ok((
        StatusCode::ACCEPTED,
        Json(SyncStarted {
            tenant_id,
            status: SyncStatus::Queued,
        }),
    ))
}
