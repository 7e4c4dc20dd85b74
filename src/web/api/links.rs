//! `POST /api/v1/tenants/{tenant_id}/renewals/{renewal_id}/links`: a renewal link for one of
//! the tenant's users that lands on the renewal, for the ISV to send through its own channel
//! (the same kind of link the notification emails carry: usable more than once until it
//! expires or the renewal closes). Recorded on the renewal's timeline (whom it was made for, never the link).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::extract::{ApiJson, ApiPath};
use super::problem::{ApiError, ApiResult, WriteProblems};
use crate::db::{api_keys, renewals, users};
use crate::domain::ids::{RenewalId, TenantId, UserId};
use crate::domain::link_kind::LinkKind;
use crate::domain::renewal::Cause;
use crate::links::magic_link::{self, LinkSpec};
use crate::state::AppState;

/// Whom the link is for.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRenewalLink {
    /// One of the tenant's users.
    #[schema(value_type = Uuid)]
    pub user_id: UserId,
}

/// A minted renewal link. It signs the user in and opens the renewal, more than once, until
/// `expires_at` or until the renewal closes or staff revoke it; it is not stored in clear and
/// cannot be shown again.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RenewalLink {
    /// The link.
    pub url: String,
    /// The user it signs in.
    #[schema(value_type = Uuid)]
    pub user_id: UserId,
    /// The renewal it opens.
    #[schema(value_type = Uuid)]
    pub renewal_id: RenewalId,
    /// It works until at least this time.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// Mints a renewal link for a user.
#[utoipa::path(post, path = crate::routes::API_TENANT_RENEWAL_LINKS, tag = "renewals",
    params(
        ("tenant_id" = Uuid, Path, description = "The tenant"),
        ("renewal_id" = Uuid, Path, description = "The renewal"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first response to a retry with the same key and body (24 hours)"),
    ),
    request_body = NewRenewalLink,
    responses((status = 201, description = "The link", body = RenewalLink), WriteProblems),
    security(("api_key" = [])))]
pub async fn create_renewal_link(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((tenant_id, renewal_id)): ApiPath<(TenantId, RenewalId)>,
    ApiJson(input): ApiJson<NewRenewalLink>,
) -> ApiResult<(StatusCode, Json<RenewalLink>)> {
    caller.require_tenant(tenant_id)?;
    let renewal = renewals::find(&state.db, tenant_id, renewal_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !renewal.state.is_open() {
        return Err(ApiError::Conflict(format!(
            "The renewal is {}; there is nothing left for the customer to do.",
            renewal.state
        )));
    }
    let user = users::find_user(&state.db, tenant_id, input.user_id)
        .await?
        .ok_or_else(|| {
            ApiError::Unprocessable("`user_id` is not one of this tenant's users.".into())
        })?;
    let ttl = state.config.renewal_link_ttl();
    let expires_at = OffsetDateTime::now_utc() + ttl;
    let spec = LinkSpec {
        app_user_id: user.app_user_id,
        renewal_id: Some(renewal_id),
        kind: LinkKind::Renewal,
        ttl,
    };
    let url = magic_link::mint(
        &state.db,
        &state.config.secret_key,
        &state.config.public_url,
        &spec,
    )
    .await?
    .ok_or(ApiError::NotFound)?
    .url;
    let actor = api_keys::actor_name(&state.db, caller.api_key_id).await?;
    let details = json!({
        "summary": format!("Renewal link created through the API for {}", user.email),
        "user": user.email,
    });
    let mut tx = state.db.begin().await?;
    if let Some(locked) = renewals::find_for_update(&mut tx, tenant_id, renewal_id).await? {
        let kind = "sign_in_link_created";
        renewals::record_action(&mut tx, &locked, kind, Cause::Staff, &actor, details).await?;
    }
    tx.commit().await?;
    tracing::info!(%tenant_id, %renewal_id, api_key_id = %caller.api_key_id, "renewal link minted through the API");
    Ok((
        StatusCode::CREATED,
        Json(RenewalLink {
            url,
            user_id: user.app_user_id,
            renewal_id,
            expires_at,
        }),
    ))
}
