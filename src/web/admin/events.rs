//! Outbound event endpoints (admins only): the list, and registering one (its signing secret
//! shown once, on the page that answers the form, never stored in clear or put in a session).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use tower_sessions::Session;

use super::flash::StaffFlash;
use super::form::{self, FormErrors};
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::event_endpoints::{self, EventEndpoint};
use crate::db::tenants::{self, Tenant};
use crate::domain::event_type::EventType;
use crate::domain::ids::TenantId;
use crate::error::Result;
use crate::lifecycle::events::endpoints::{self, EndpointRequest};
use crate::state::AppState;

/// The events page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/events/list.html")]
pub struct EventsPage {
    layout: AdminLayout,
    endpoints: Vec<EventEndpoint>,
    tenants: Vec<Tenant>,
    types: &'static [EventType],
    form: NewEndpointForm,
    errors: FormErrors,
    /// The outcome of the last action (a deletion).
    notice: Option<(bool, String)>,
    /// Just created: its name and secret, shown this once.
    created: Option<(String, String)>,
}

impl EventsPage {
    fn checked(&self, kind: &EventType) -> bool {
        self.form.event_types.iter().any(|t| t == kind.as_str())
    }

    fn type_names(&self, endpoint: &EventEndpoint) -> String {
        super::event_endpoint::describe_types(&endpoint.event_types)
    }
}

/// The "add an endpoint" form.
#[derive(Debug, Default, Deserialize)]
pub struct NewEndpointForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    url: String,
    /// A tenant id, or empty for every tenant.
    #[serde(default)]
    tenant_id: String,
    /// Checked event types (wire names).
    #[serde(default)]
    event_types: Vec<String>,
    #[serde(default)]
    csrf_token: String,
}

impl NewEndpointForm {
    fn blank() -> Self {
        Self {
            event_types: EventType::ALL.iter().map(|t| t.as_str().into()).collect(),
            ..Self::default()
        }
    }
}

async fn page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    form: NewEndpointForm,
    errors: FormErrors,
) -> Result<EventsPage> {
    Ok(EventsPage {
        layout: AdminLayout::new(staff, csrf, "events"),
        endpoints: event_endpoints::list(&state.db).await?,
        tenants: tenants::list_tenants(&state.db).await?,
        types: EventType::ALL,
        form,
        errors,
        notice: None,
        created: None,
    })
}

/// GET /admin/events
pub async fn list_endpoints(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
) -> Result<EventsPage> {
    staff.require_admin()?;
    let blank = NewEndpointForm::blank();
    let mut page = page(&state, &staff, &csrf, blank, FormErrors::new()).await?;
    page.notice = StaffFlash::take(&session)
        .await
        .map(|flash| (flash.ok, flash.message));
    Ok(page)
}

/// POST /admin/events — registers an endpoint and shows its secret once.
#[tracing::instrument(skip_all)]
pub async fn create_endpoint(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<NewEndpointForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let name = form::required(
        &mut errors,
        "name",
        "a name for the endpoint",
        &input.name,
        100,
    );
    let url = input.url.trim().to_owned();
    if url.is_empty() {
        errors.add("url", "Enter the URL that receives the events");
    } else if !endpoints::is_deliverable(&url) {
        errors.add(
            "url",
            "Enter a full http or https URL, like https://backend.example/recomply/events",
        );
    }
    let event_types = chosen_types(&input.event_types, &mut errors);
    let tenant_id = chosen_tenant(&state, &input.tenant_id, &mut errors).await?;
    if !errors.is_empty() {
        let page = page(&state, &staff, &csrf, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let request = EndpointRequest {
        name: &name,
        url: &url,
        tenant_id,
        event_types: &event_types,
        created_by: staff.actor(),
    };
    let (_, secret) = endpoints::create(&state.engine, &request).await?;
    let blank = NewEndpointForm::blank();
    let mut page = page(&state, &staff, &csrf, blank, FormErrors::new()).await?;
    page.created = Some((name, secret.expose().to_owned()));
    Ok(page.into_response())
}

/// The checked types; none (or an unknown one) is a message beside the checkboxes.
fn chosen_types(names: &[String], errors: &mut FormErrors) -> Vec<EventType> {
    let parsed: Option<Vec<EventType>> = names.iter().map(|n| n.parse().ok()).collect();
    match parsed {
        Some(types) if !types.is_empty() => types,
        _ => {
            errors.add("event_types", "Choose at least one event type");
            Vec::new()
        }
    }
}

/// The tenant the form restricts the endpoint to (None for every tenant); an unknown one is
/// a message beside the field.
async fn chosen_tenant(
    state: &AppState,
    text: &str,
    errors: &mut FormErrors,
) -> Result<Option<TenantId>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let found = match text.parse::<TenantId>() {
        Ok(id) => tenants::get_tenant(&state.db, id).await?,
        Err(_) => None,
    };
    if found.is_none() {
        errors.add("tenant_id", "Choose a tenant from the list, or all tenants");
    }
    Ok(found.map(|tenant| tenant.tenant_id))
}
