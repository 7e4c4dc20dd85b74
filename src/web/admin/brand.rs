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

use super::AdminLayout;
use super::form::FormErrors;
use super::notice::{NoticeQuery, QueryNotice};
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
    notice: Option<BrandNotice>,
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

/// What a brand action did, shown on the brand page (`?notice=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrandNotice {
    /// The settings were saved (`saved`).
    Saved,
    /// A logo was uploaded (`logo`).
    LogoUploaded,
    /// The logo was removed (`logo-removed`).
    LogoRemoved,
}

impl QueryNotice for BrandNotice {
    const ALL: &'static [Self] = &[Self::Saved, Self::LogoUploaded, Self::LogoRemoved];

    fn query_value(self) -> &'static str {
        match self {
            Self::Saved => "saved",
            Self::LogoUploaded => "logo",
            Self::LogoRemoved => "logo-removed",
        }
    }

    fn text(self) -> &'static str {
        match self {
            Self::Saved => "Brand saved. Customer pages and emails use it from now on.",
            Self::LogoUploaded => "Logo uploaded.",
            Self::LogoRemoved => "Logo removed.",
        }
    }
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
    page.notice = query.notice();
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
        let to = BrandNotice::Saved.on(routes::ADMIN_BRAND);
        return Ok(Redirect::to(&to).into_response());
    }
    let mut page = BrandPage::load(&state, &staff, &csrf).await?;
    page.form = input;
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_notices_keep_their_query_values() {
        crate::web::admin::notice::tests::round_trips::<BrandNotice>();
        assert_eq!(BrandNotice::Saved.query_value(), "saved");
        assert_eq!(BrandNotice::LogoUploaded.query_value(), "logo");
        assert_eq!(BrandNotice::LogoRemoved.query_value(), "logo-removed");
        assert_eq!(
            BrandNotice::LogoRemoved.on(routes::ADMIN_BRAND),
            "/admin/brand?notice=logo-removed"
        );
    }
}
