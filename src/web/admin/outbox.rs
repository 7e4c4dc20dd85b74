//! The email outbox: every email recomply produced (sent, kept in the dev outbox, or failed),
//! filtered by status, recipient, tenant and kind.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::form::FormErrors;
use super::renewals::Pagination;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::outbox::{self, EmailDetail, EmailFilter, EmailRow};
use crate::db::admin_queries::{self, TenantOption};
use crate::domain::email_status::EmailStatus;
use crate::domain::ids::{EmailId, TenantId};
use crate::error::{AppError, Result};
use crate::routes;
use crate::state::AppState;
use crate::web::list_query::{self, StrictQuery};

const PAGE_SIZE: i64 = 50;
/// The longest recipient search (an email address is at most 254 characters).
const MAX_TO: usize = 254;

/// The outbox list.
#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox/list.html")]
pub struct OutboxPage {
    layout: AdminLayout,
    query: OutboxQuery,
    errors: FormErrors,
    tenants: Vec<TenantOption>,
    kinds: Vec<String>,
    rows: Vec<EmailRow>,
    pagination: Pagination,
}

impl OutboxPage {
    /// Whether any filter is set (the "Clear" link).
    pub fn is_filtered(&self) -> bool {
        [
            &self.query.status,
            &self.query.to,
            &self.query.tenant,
            &self.query.kind,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }
}

/// One email.
#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox/show.html")]
pub struct EmailPage {
    layout: AdminLayout,
    email: EmailDetail,
}

/// `?status=&to=&tenant=&kind=&page=`, exactly as typed (the form shows it again).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OutboxQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    tenant: String,
    #[serde(default)]
    kind: String,
    #[serde(default, skip_serializing)]
    page: String,
}

impl OutboxQuery {
    /// The filter these parameters mean, with a message beside each one that cannot be used.
    fn filter(&self, errors: &mut FormErrors) -> EmailFilter {
        let to = self.to.trim();
        if to.chars().count() > MAX_TO {
            errors.add("to", format!("Use at most {MAX_TO} characters"));
        }
        let tenant = self.tenant.trim();
        let tenant_id = tenant.parse::<TenantId>().ok();
        if !tenant.is_empty() && tenant_id.is_none() {
            errors.add("tenant", "Pick a tenant from the list");
        }
        EmailFilter {
            status: self.status.parse::<EmailStatus>().ok(),
            to: (!to.is_empty()).then(|| to.to_owned()),
            tenant_id,
            kind: (!self.kind.trim().is_empty()).then(|| self.kind.trim().to_owned()),
            ..Default::default()
        }
    }

    /// Whether the list shows only emails in `status` (its filter option is selected).
    pub fn status_is(&self, status: &EmailStatus) -> bool {
        self.status.parse::<EmailStatus>().ok() == Some(*status)
    }

    /// The statuses the filter offers.
    pub fn status_options(&self) -> &'static [EmailStatus] {
        EmailStatus::ALL
    }

    /// Whether `tenant_id` is the selected tenant.
    pub fn tenant_is(&self, tenant_id: &TenantId) -> bool {
        self.tenant == tenant_id.to_string()
    }
}

/// GET /admin/outbox
pub async fn list_outbox(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<OutboxQuery>,
) -> Result<Response> {
    let page = list_query::page_number(&query.page)?;
    let mut errors = FormErrors::new();
    let filter = query.filter(&mut errors);
    let (rows, total) = if errors.is_empty() {
        outbox::list(&state.db, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?
    } else {
        (Vec::new(), 0)
    };
    let query_string = serde_urlencoded::to_string(&query).unwrap_or_default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = OutboxPage {
        layout: AdminLayout::new(&staff, &csrf, "outbox"),
        pagination: Pagination::new(routes::ADMIN_OUTBOX, &query_string, page, PAGE_SIZE, total),
        tenants: admin_queries::tenant_options(&state.db).await?,
        kinds: outbox::kinds(&state.db).await?,
        query,
        errors,
        rows,
    };
    Ok((status, page).into_response())
}

/// GET /admin/outbox/{email_id}
pub async fn show_email(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(email_id): Path<EmailId>,
) -> Result<EmailPage> {
    let email = outbox::find(&state.db, email_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(EmailPage {
        layout: AdminLayout::new(&staff, &csrf, "outbox"),
        email,
    })
}
