//! The email outbox: every email recomply produced, sent or kept.

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::filter::{Filter, ListQuery, page};
use crate::domain::email_status::EmailStatus;

/// One email (without its bodies).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailRow {
    /// Primary key.
    pub email_id: Uuid,
    /// Tenant name, if the email belongs to a tenant.
    pub tenant_name: Option<String>,
    /// The renewal it is about.
    pub renewal_id: Option<Uuid>,
    /// magic_link, action_needed, reminder, …
    pub kind: String,
    /// Recipient.
    pub to_address: String,
    /// Subject line.
    pub subject: String,
    /// Whether it was delivered.
    pub status: EmailStatus,
    /// The SMTP error of a failed delivery.
    pub last_error: Option<String>,
    /// When it was delivered.
    pub sent_at: Option<OffsetDateTime>,
    /// When it was produced.
    pub created_at: OffsetDateTime,
}

/// One email with its bodies.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailDetail {
    /// The list columns.
    #[sqlx(flatten)]
    pub row: EmailRow,
    /// Plain-text body.
    pub body_text: String,
}

/// Which emails to list.
#[derive(Debug, Clone, Default)]
pub struct EmailFilter {
    /// Only emails in this status.
    pub status: Option<EmailStatus>,
    /// Emails about this renewal only.
    pub renewal_id: Option<Uuid>,
}

const COLUMNS: &str = "select e.email_id, t.name as tenant_name, e.renewal_id, e.kind,
        e.to_address, e.subject, e.status, e.last_error, e.sent_at, e.created_at";
const FROM: &str = " from email_outbox e left join tenant t on t.tenant_id = e.tenant_id";

/// Newest first, one page, and the total.
pub async fn list(
    db: &PgPool,
    filter: &EmailFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<EmailRow>, i64)> {
    let conditions = Filter::new()
        .equals("e.status", filter.status.map(EmailStatus::as_str))
        .equals("e.renewal_id", filter.renewal_id);
    let select = format!("{COLUMNS}{FROM}");
    let list = ListQuery {
        count: "select count(*) from email_outbox e",
        select: &select,
        order_by: "e.created_at desc, e.email_id",
    };
    page(db, list, &conditions, limit, offset).await
}

/// One email with its text body.
pub async fn find(db: &PgPool, email_id: Uuid) -> sqlx::Result<Option<EmailDetail>> {
    sqlx::query_as(&format!(
        "{COLUMNS}, e.body_text{FROM} where e.email_id = $1"
    ))
    .bind(email_id)
    .fetch_optional(db)
    .await
}
