//! The email outbox: every email recomply produced (sent, kept in the dev outbox, or failed).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::renewals::Pagination;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::outbox::{self, EmailDetail, EmailFilter, EmailRow};
use crate::domain::email_status::EmailStatus;
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::list_query::{self, StrictQuery};

const PAGE_SIZE: i64 = 50;

/// The outbox list.
#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox/list.html")]
pub struct OutboxPage {
    layout: AdminLayout,
    status: String,
    rows: Vec<EmailRow>,
    pagination: Pagination,
}

/// One email.
#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox/show.html")]
pub struct EmailPage {
    layout: AdminLayout,
    email: EmailDetail,
}

/// `?status=&page=`
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OutboxQuery {
    #[serde(default)]
    status: String,
    #[serde(default, skip_serializing)]
    page: String,
}

/// GET /admin/outbox
pub async fn list_outbox(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<OutboxQuery>,
) -> Result<OutboxPage> {
    let status = query.status.parse::<EmailStatus>().ok();
    let page = list_query::page_number(&query.page)?;
    let filter = EmailFilter {
        status,
        ..Default::default()
    };
    let (rows, total) = outbox::list(&state.db, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let query_string = serde_urlencoded::to_string(&query).unwrap_or_default();
    Ok(OutboxPage {
        layout: AdminLayout::new(&staff, &csrf, "outbox"),
        pagination: Pagination::new(routes::ADMIN_OUTBOX, &query_string, page, PAGE_SIZE, total),
        status: query.status,
        rows,
    })
}

/// GET /admin/outbox/{email_id}
pub async fn show_email(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(email_id): Path<Uuid>,
) -> Result<EmailPage> {
    let email = outbox::find(&state.db, email_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(EmailPage {
        layout: AdminLayout::new(&staff, &csrf, "outbox"),
        email,
    })
}
