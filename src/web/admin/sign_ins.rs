//! The staff sign-in audit (admins only): every attempt, newest first.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use serde::Deserialize;

use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::staff_sign_ins::{self, SignInRow};
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::web::list_query::{self, StrictQuery};
use crate::web::pagination::Pagination;

const PAGE_SIZE: i64 = 50;

/// The audit page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/sign_ins/list.html")]
pub struct SignInsPage {
    layout: AdminLayout,
    rows: Vec<SignInRow>,
    pagination: Pagination,
}

/// `?page=`
#[derive(Debug, Default, Deserialize)]
pub struct SignInsQuery {
    #[serde(default)]
    page: String,
}

/// GET /admin/sign-ins
pub async fn list_sign_ins(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<SignInsQuery>,
) -> Result<SignInsPage> {
    staff.require_admin()?;
    let page = list_query::page_number(&query.page)?;
    let (rows, total) = staff_sign_ins::list(&state.db, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(SignInsPage {
        layout: AdminLayout::new(&staff, &csrf, "sign-ins"),
        pagination: Pagination::new(routes::ADMIN_SIGN_INS, "", page, PAGE_SIZE, total),
        rows,
    })
}
