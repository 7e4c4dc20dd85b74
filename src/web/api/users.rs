//! `GET /api/v1/tenants/{tenant_id}/users` and `…/users/{user_id}`: the tenant's end-customer
//! users (the people renewal links are minted for).

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
use crate::db::{api_lists, users};
use crate::domain::ids::{TenantId, UserId};
use crate::state::AppState;

/// An end-customer user of a tenant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    /// Its id.
    #[schema(value_type = Uuid)]
    pub id: UserId,
    /// Its tenant.
    #[schema(value_type = Uuid)]
    pub tenant_id: TenantId,
    /// Lower-case email address.
    pub email: String,
    /// Display name (may be empty).
    pub name: String,
    /// When the user was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A page of users.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserPage {
    /// This page, oldest first.
    pub data: Vec<User>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl From<users::AppUser> for User {
    fn from(row: users::AppUser) -> Self {
        Self {
            id: row.app_user_id,
            tenant_id: row.tenant_id,
            email: row.email,
            name: row.name,
            created_at: row.created_at,
        }
    }
}

/// The tenant's users.
#[utoipa::path(get, path = crate::routes::API_TENANT_USERS, tag = "users",
    params(("tenant_id" = Uuid, Path, description = "The tenant"), PageQuery),
    responses((status = 200, description = "A page of users", body = UserPage), ReadProblems),
    security(("api_key" = [])))]
pub async fn list_users(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(tenant_id): ApiPath<TenantId>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<UserPage>> {
    let request = query.checked()?;
    visible_tenant(&state, &caller, tenant_id).await?;
    let rows = api_lists::users(&state.db, tenant_id, request.window()).await?;
    let (rows, next_cursor) = pagination::page(rows, request, |u| Keyset {
        created_at: u.created_at,
        id: u.app_user_id.into_uuid(),
    });
    Ok(Json(UserPage {
        data: rows.into_iter().map(User::from).collect(),
        next_cursor,
    }))
}

/// One user of the tenant.
#[utoipa::path(get, path = crate::routes::API_TENANT_USER, tag = "users",
    params(
        ("tenant_id" = Uuid, Path, description = "The tenant"),
        ("user_id" = Uuid, Path, description = "The user"),
    ),
    responses((status = 200, description = "The user", body = User), ReadProblems),
    security(("api_key" = [])))]
pub async fn get_user(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((tenant_id, user_id)): ApiPath<(TenantId, UserId)>,
) -> ApiResult<Json<User>> {
    caller.require_tenant(tenant_id)?;
    let user = users::find_user(&state.db, tenant_id, user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(user.into()))
}
