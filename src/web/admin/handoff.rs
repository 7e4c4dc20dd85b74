//! The ISV hand-off settings (admins only): generate or rotate the installation's hand-off
//! secret (shown once, on the page that answers the form, then stored only sealed), turn
//! hand-offs on or off, and allow them to create users a tenant does not have yet.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::flash::StaffFlash;
use super::form::FormErrors;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::handoff;
use crate::auth::staff::CurrentStaff;
use crate::db::handoff_settings::{self, HandoffSettings};
use crate::error::Result;
use crate::routes;
use crate::state::AppState;

/// The hand-off page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/handoff.html")]
pub struct HandoffPage {
    layout: AdminLayout,
    settings: HandoffSettings,
    /// The options form as shown (what was posted, on a refused form).
    form: OptionsForm,
    errors: FormErrors,
    notice: Option<(bool, String)>,
    /// A secret just generated, shown this once.
    created_secret: Option<String>,
    /// `https://…/handoff`, for the instructions.
    handoff_url: String,
}

/// The options form.
#[derive(Debug, Default, Deserialize)]
pub struct OptionsForm {
    /// A checkbox: present when ticked.
    #[serde(default)]
    enabled: Option<String>,
    /// A checkbox: present when ticked.
    #[serde(default)]
    create_users: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

impl OptionsForm {
    fn of(settings: &HandoffSettings) -> Self {
        let ticked = |on: bool| on.then(|| "on".to_owned());
        Self {
            enabled: ticked(settings.enabled),
            create_users: ticked(settings.create_users),
            csrf_token: String::new(),
        }
    }
}

/// The "generate secret" button's form.
#[derive(Debug, Deserialize)]
pub struct SecretForm {
    #[serde(default)]
    csrf_token: String,
}

async fn page(state: &AppState, staff: &CurrentStaff, csrf: &CsrfToken) -> Result<HandoffPage> {
    let settings = handoff_settings::get(&state.db).await?;
    Ok(HandoffPage {
        layout: AdminLayout::new(staff, csrf, "hand-off"),
        form: OptionsForm::of(&settings),
        settings,
        errors: FormErrors::new(),
        notice: None,
        created_secret: None,
        handoff_url: state.config.url_for(routes::HANDOFF),
    })
}

/// GET /admin/hand-off
pub async fn show(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
) -> Result<HandoffPage> {
    staff.require_admin()?;
    let mut page = page(&state, &staff, &csrf).await?;
    page.notice = StaffFlash::take(&session)
        .await
        .map(|flash| (flash.ok, flash.message));
    Ok(page)
}

/// POST /admin/hand-off — saves the options. Enabling needs a secret first.
#[tracing::instrument(skip_all)]
pub async fn save_options(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    session: Session,
    Form(input): Form<OptionsForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let enabled = input.enabled.is_some();
    let create_users = input.create_users.is_some();
    let settings = handoff_settings::get(&state.db).await?;
    if enabled && !settings.has_secret {
        let mut page = page(&state, &staff, &csrf).await?;
        page.errors.add(
            "enabled",
            "Generate a secret first: hand-offs cannot be checked without one",
        );
        page.form = input;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    handoff_settings::set_options(&state.db, enabled, create_users, staff.actor()).await?;
    tracing::info!(enabled, create_users, by = %staff.staff_user_id, "hand-off options saved");
    StaffFlash::ok(if enabled {
        "Hand-offs are on."
    } else {
        "Hand-offs are off: every hand-off URL is refused."
    })
    .set(&session)
    .await;
    Ok(Redirect::to(routes::ADMIN_HANDOFF).into_response())
}

/// POST /admin/hand-off/secret — a new secret, shown once; the old one stops working.
#[tracing::instrument(skip_all)]
pub async fn generate_secret(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<SecretForm>,
) -> Result<HandoffPage> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let secret = handoff::generate_secret();
    handoff_settings::replace_secret(&state.db, &state.config.secret_key, &secret, staff.actor())
        .await?;
    tracing::info!(by = %staff.staff_user_id, "hand-off secret generated");
    let mut page = page(&state, &staff, &csrf).await?;
    page.created_secret = Some(secret);
    Ok(page)
}
