//! The ISV's brand (admins only): the settings form and the logo upload. What is saved shows
//! on every customer page and email; `/brand.css` and `/brand/logo` serve it.

mod form;
mod logo;

pub use logo::{remove_logo, upload_logo};

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::AdminLayout;
use super::form::FormErrors;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::brand::Brand;
use crate::db;
use crate::domain::logo::MAX_LOGO_BYTES;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::list_query::StrictQuery;
use form::{BrandForm, FOOTER_MAX, PRODUCT_NAME_MAX};

/// The brand page: the settings form, the current logo and the upload form.
#[derive(Template, WebTemplate)]
#[template(path = "admin/brand/edit.html")]
pub struct BrandPage {
    layout: AdminLayout,
    form: BrandForm,
    errors: FormErrors,
    /// The stored logo's URL, when there is one.
    logo_url: Option<String>,
    /// The upload form's message (field `logo`).
    logo_errors: FormErrors,
    /// An outcome to show at the top.
    notice: Option<&'static str>,
}

impl BrandPage {
    /// The page with the stored settings in the form.
    async fn load(state: &AppState, staff: &CurrentStaff, csrf: &CsrfToken) -> Result<Self> {
        let brand = db::brand::load(&state.db).await?;
        Ok(Self::of(&brand, staff, csrf))
    }

    fn of(brand: &Brand, staff: &CurrentStaff, csrf: &CsrfToken) -> Self {
        Self {
            layout: AdminLayout::new(staff, csrf, "brand"),
            form: BrandForm::from_brand(brand),
            errors: FormErrors::new(),
            logo_url: brand.logo_url.clone(),
            logo_errors: FormErrors::new(),
            notice: None,
        }
    }

    fn max_logo_kb(&self) -> usize {
        MAX_LOGO_BYTES / 1024
    }

    fn product_name_max(&self) -> usize {
        PRODUCT_NAME_MAX
    }

    fn footer_max(&self) -> usize {
        FOOTER_MAX
    }
}

/// `?notice=saved|logo|logo-removed`
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    notice: String,
}

/// GET /admin/brand
pub async fn show_brand(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<NoticeQuery>,
) -> Result<BrandPage> {
    staff.require_admin()?;
    let mut page = BrandPage::load(&state, &staff, &csrf).await?;
    page.notice = match query.notice.as_str() {
        "saved" => Some("Brand saved. Customer pages and emails use it from now on."),
        "logo" => Some("Logo uploaded."),
        "logo-removed" => Some("Logo removed."),
        _ => None,
    };
    Ok(page)
}

/// POST /admin/brand — saves the settings; bad input re-renders with what was typed.
#[tracing::instrument(skip_all)]
pub async fn save_brand(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<BrandForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let changes = input.changes(&mut errors);
    if errors.is_empty() {
        let brand = db::brand::save(&state.db, &changes, staff.staff_user_id).await?;
        tracing::info!(by = %staff.staff_user_id, version = brand.version, "brand saved");
        let to = format!("{}?notice=saved", routes::ADMIN_BRAND);
        return Ok(Redirect::to(&to).into_response());
    }
    let mut page = BrandPage::load(&state, &staff, &csrf).await?;
    page.form = input;
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
