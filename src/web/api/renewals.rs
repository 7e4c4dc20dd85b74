//! `GET /api/v1/tenants/{tenant_id}/renewals` and `…/renewals/{renewal_id}`: each renewal's
//! state, deadline, what is missing (from the stored evaluation) and, for one renewal, its
//! timeline.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::extract::{ApiPath, ApiQuery};
use super::missing::{MissingRequirement, missing};
use super::pagination::{self, Keyset, PageQuery};
use super::problem::{ApiError, ApiResult, ReadProblems};
use super::tenants::visible_tenant;
use crate::db::{api_lists, renewals, timeline};
use crate::domain::ids::{BundleId, RenewalId, TenantId};
use crate::domain::renewal_state::RenewalState;
use crate::state::AppState;

/// One compliance update of one bundle.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Renewal {
    /// Its id.
    #[schema(value_type = Uuid)]
    pub id: RenewalId,
    /// Its tenant.
    #[schema(value_type = Uuid)]
    pub tenant_id: TenantId,
    /// The bundle being renewed (recomply's id).
    #[schema(value_type = Uuid)]
    pub bundle_id: BundleId,
    /// That bundle's Twilio SID.
    pub bundle_sid: String,
    /// That bundle's name.
    pub bundle_name: String,
    /// Where the renewal is.
    pub state: RenewalState,
    /// The state in words.
    pub state_label: String,
    /// Whether the end customer has something to do now.
    pub waiting_for_customer: bool,
    /// Twilio's deadline (`valid_until`): unless renewed by then the bundle is rejected.
    #[serde(with = "time::serde::rfc3339::option")]
    pub deadline: Option<OffsetDateTime>,
    /// The last day to submit so that Twilio can review, reject once, and review the fix
    /// before the deadline: the deadline less the expected review time and one rejection
    /// round, in business days. Reminders run off it.
    #[serde(with = "time::serde::rfc3339::option")]
    pub submit_by: Option<OffsetDateTime>,
    /// Whether Twilio's latest evaluation found the information complete; null before the
    /// first evaluation.
    pub compliant: Option<bool>,
    /// What Twilio's latest evaluation found missing (empty when complete or not evaluated).
    pub missing: Vec<MissingRequirement>,
    /// Why staff must look, when the state is `needs_attention`.
    pub attention_reason: Option<String>,
    /// Last submission to Twilio.
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    /// Completion, expiry or cancellation.
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    /// When the renewal was opened.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A renewal with its timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RenewalDetail {
    /// The renewal.
    #[serde(flatten)]
    pub renewal: Renewal,
    /// Every transition and action, oldest first.
    pub timeline: Vec<TimelineEntry>,
}

/// One timeline entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntry {
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The event or action, e.g. `submitted`, `sign_in_link_created`.
    pub event: String,
    /// State before (null when the renewal was opened).
    pub from_state: Option<RenewalState>,
    /// State after (the same as before for actions).
    pub to_state: RenewalState,
    /// What caused it: `customer`, `staff`, `webhook`, `sweep` or `job`.
    pub cause: String,
    /// Who: a staff member, a customer's email, a job.
    pub actor: Option<String>,
    /// A one-line summary, when one was recorded.
    pub summary: Option<String>,
}

/// A page of renewals.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RenewalPage {
    /// This page, oldest first.
    pub data: Vec<Renewal>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl From<&renewals::Renewal> for Renewal {
    fn from(row: &renewals::Renewal) -> Self {
        // An unreadable snapshot (logged) answers as one not yet prepared: no evaluation.
        let snapshot = row.snapshot().unwrap_or(None);
        Self {
            id: row.renewal_id,
            tenant_id: row.tenant_id,
            bundle_id: row.bundle_id,
            bundle_sid: row.bundle_sid.to_string(),
            bundle_name: row.bundle_name.clone(),
            state: row.state,
            state_label: row.state.staff_label().to_owned(),
            waiting_for_customer: row.state.customer_must_act(),
            deadline: row.deadline,
            submit_by: row.submit_by,
            compliant: snapshot
                .as_ref()
                .and_then(|s| s.evaluation.as_ref())
                .map(|e| e.is_compliant()),
            missing: snapshot.as_ref().map(missing).unwrap_or_default(),
            attention_reason: row.attention_reason.clone(),
            submitted_at: row.submitted_at,
            closed_at: row.closed_at,
            created_at: row.created_at,
        }
    }
}

impl From<timeline::TimelineEvent> for TimelineEntry {
    fn from(event: timeline::TimelineEvent) -> Self {
        let summary = event
            .details
            .get("summary")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        Self {
            at: event.created_at,
            event: event.event().to_owned(),
            from_state: event.from_state,
            to_state: event.to_state,
            cause: event.cause,
            actor: event.actor,
            summary,
        }
    }
}

/// The tenant's renewals.
#[utoipa::path(get, path = crate::routes::API_TENANT_RENEWALS, tag = "renewals",
    params(("tenant_id" = Uuid, Path, description = "The tenant"), PageQuery),
    responses((status = 200, description = "A page of renewals", body = RenewalPage), ReadProblems),
    security(("api_key" = [])))]
pub async fn list_renewals(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(tenant_id): ApiPath<TenantId>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<RenewalPage>> {
    let request = query.checked()?;
    visible_tenant(&state, &caller, tenant_id).await?;
    let rows = api_lists::renewals(&state.db, tenant_id, request.window()).await?;
    let (rows, next_cursor) = pagination::page(rows, request, |r| Keyset {
        created_at: r.created_at,
        id: r.renewal_id.into_uuid(),
    });
    Ok(Json(RenewalPage {
        data: rows.iter().map(Renewal::from).collect(),
        next_cursor,
    }))
}

/// One renewal of the tenant, with its timeline.
#[utoipa::path(get, path = crate::routes::API_TENANT_RENEWAL, tag = "renewals",
    params(
        ("tenant_id" = Uuid, Path, description = "The tenant"),
        ("renewal_id" = Uuid, Path, description = "The renewal"),
    ),
    responses((status = 200, description = "The renewal", body = RenewalDetail), ReadProblems),
    security(("api_key" = [])))]
pub async fn get_renewal(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((tenant_id, renewal_id)): ApiPath<(TenantId, RenewalId)>,
) -> ApiResult<Json<RenewalDetail>> {
    caller.require_tenant(tenant_id)?;
    let renewal = renewals::find(&state.db, tenant_id, renewal_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let events = timeline::list_for_renewal(&state.db, tenant_id, renewal_id).await?;
    Ok(Json(RenewalDetail {
        renewal: Renewal::from(&renewal),
        timeline: events.into_iter().map(TimelineEntry::from).collect(),
    }))
}

impl utoipa::PartialSchema for RenewalState {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(RenewalState::ALL.iter().map(|s| s.as_str())))
            .description(Some(
                "Where a renewal is in Twilio's compliance-update lifecycle.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for RenewalState {}
