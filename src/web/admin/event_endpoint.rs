//! One event endpoint (admins only): its recent deliveries with their last answers, and the
//! actions on it: resend a delivery, replace the secret (shown once), turn it off or on,
//! delete it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::flash::StaffFlash;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::event_deliveries::{self, DeliveryRow};
use crate::db::event_endpoints::{self, EventEndpoint};
use crate::domain::event_type::EventType;
use crate::domain::ids::{EventDeliveryId, EventEndpointId};
use crate::error::{AppError, Result};
use crate::lifecycle::events::{self, endpoints};
use crate::routes;
use crate::state::AppState;

/// How many deliveries the page lists.
const RECENT: i64 = 100;

/// The endpoint page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/events/show.html")]
pub struct EndpointPage {
    layout: AdminLayout,
    endpoint: EventEndpoint,
    deliveries: Vec<DeliveryRow>,
    notice: Option<(bool, String)>,
    /// A secret just made, shown this once.
    new_secret: Option<String>,
}

impl EndpointPage {
    fn type_names(&self) -> String {
        describe_types(&self.endpoint.event_types)
    }
}

/// The endpoint's event types as staff read them: "All events", or their names.
pub(super) fn describe_types(types: &[EventType]) -> String {
    if EventType::ALL.iter().all(|kind| types.contains(kind)) {
        return "All events".to_owned();
    }
    let names: Vec<_> = types.iter().map(|t| t.as_str()).collect();
    names.join(", ")
}

/// Every button's form.
#[derive(Debug, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    csrf_token: String,
    /// For on/off: `true` or `false`.
    #[serde(default)]
    enabled: Option<bool>,
}

async fn page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    event_endpoint_id: EventEndpointId,
) -> Result<EndpointPage> {
    let endpoint = event_endpoints::find(&state.db, event_endpoint_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let deliveries =
        event_deliveries::recent_for_endpoint(&state.db, event_endpoint_id, RECENT).await?;
    Ok(EndpointPage {
        layout: AdminLayout::new(staff, csrf, "events"),
        endpoint,
        deliveries,
        notice: None,
        new_secret: None,
    })
}

/// GET /admin/events/{event_endpoint_id}
pub async fn show(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(event_endpoint_id): Path<EventEndpointId>,
) -> Result<EndpointPage> {
    staff.require_admin()?;
    let mut page = page(&state, &staff, &csrf, event_endpoint_id).await?;
    page.notice = StaffFlash::take(&session)
        .await
        .map(|flash| (flash.ok, flash.message));
    Ok(page)
}

/// POST /admin/events/{event_endpoint_id}/deliveries/{event_delivery_id}/resend
#[tracing::instrument(skip_all, fields(%event_endpoint_id, %event_delivery_id))]
pub async fn resend(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path((event_endpoint_id, event_delivery_id)): Path<(EventEndpointId, EventDeliveryId)>,
    Form(input): Form<ActionForm>,
) -> Result<Redirect> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let flash = if events::resend(&state.engine, event_endpoint_id, event_delivery_id).await? {
        tracing::info!(by = %staff.staff_user_id, "event resend asked for");
        StaffFlash::ok("The event will be sent again, with the same webhook-id.")
    } else {
        StaffFlash::failed(
            "Nothing was sent: the endpoint is off, or that delivery is not one of its.",
        )
    };
    flash.set(&session).await;
    Ok(Redirect::to(&routes::event_endpoint(event_endpoint_id)))
}

/// POST /admin/events/{event_endpoint_id}/secret — a new secret, shown once.
#[tracing::instrument(skip_all, fields(%event_endpoint_id))]
pub async fn rotate_secret(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(event_endpoint_id): Path<EventEndpointId>,
    Form(input): Form<ActionForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let secret = endpoints::rotate_secret(&state.engine, event_endpoint_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(by = %staff.staff_user_id, "event endpoint secret replaced");
    let mut page = page(&state, &staff, &csrf, event_endpoint_id).await?;
    page.new_secret = Some(secret.expose().to_owned());
    Ok(page.into_response())
}

/// POST /admin/events/{event_endpoint_id}/enabled
#[tracing::instrument(skip_all, fields(%event_endpoint_id))]
pub async fn set_enabled(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(event_endpoint_id): Path<EventEndpointId>,
    Form(input): Form<ActionForm>,
) -> Result<Redirect> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let enabled = input.enabled.unwrap_or(false);
    if !event_endpoints::set_enabled(&state.db, event_endpoint_id, enabled).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(by = %staff.staff_user_id, enabled, "event endpoint switched");
    let message = if enabled {
        "The endpoint receives events again."
    } else {
        "The endpoint is off: new events are not sent to it."
    };
    StaffFlash::ok(message).set(&session).await;
    Ok(Redirect::to(&routes::event_endpoint(event_endpoint_id)))
}

/// POST /admin/events/{event_endpoint_id}/delete
#[tracing::instrument(skip_all, fields(%event_endpoint_id))]
pub async fn delete(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Path(event_endpoint_id): Path<EventEndpointId>,
    Form(input): Form<ActionForm>,
) -> Result<Redirect> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let flash = if event_endpoints::delete(&state.db, event_endpoint_id).await? {
        tracing::info!(by = %staff.staff_user_id, "event endpoint deleted");
        StaffFlash::ok("The endpoint and its delivery log were deleted.")
    } else {
        StaffFlash::failed("That endpoint does not exist.")
    };
    flash.set(&session).await;
    Ok(Redirect::to(routes::ADMIN_EVENTS))
}
