//! The email outbox: every email recomply produced, sent or kept.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::filter::{Filter, ListQuery, page};
use crate::domain::email_status::EmailStatus;
use crate::domain::ids::{EmailId, RenewalId, TenantId, UserId};

/// One email (without its bodies).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailRow {
    /// Primary key.
    pub email_id: EmailId,
    /// The tenant, if the email belongs to one.
    pub tenant_id: Option<TenantId>,
    /// Tenant name, if the email belongs to a tenant.
    pub tenant_name: Option<String>,
    /// The tenant's user it went to (none for staff, or a user since removed).
    pub app_user_id: Option<UserId>,
    /// The renewal it is about.
    pub renewal_id: Option<RenewalId>,
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
#[derive(Debug, Clone)]
pub struct EmailDetail {
    /// The list columns.
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
    pub renewal_id: Option<RenewalId>,
    /// Emails whose recipient contains this (case-insensitive).
    pub to: Option<String>,
    /// Emails of this tenant only.
    pub tenant_id: Option<TenantId>,
    /// Emails of this kind only (`action_needed`, `magic_link`, …).
    pub kind: Option<String>,
}

const COLUMNS: &str = "select e.email_id, e.tenant_id, t.name as tenant_name, u.app_user_id,
        e.renewal_id, e.kind, e.to_address, e.subject, e.status, e.last_error, e.sent_at,
        e.created_at";
const FROM: &str = " from email_outbox e left join tenant t on t.tenant_id = e.tenant_id
     left join app_user u on u.tenant_id = e.tenant_id and u.email = lower(e.to_address)";

/// Newest first, one page, and the total.
pub async fn list(
    db: &PgPool,
    filter: &EmailFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<EmailRow>, i64)> {
    let conditions = Filter::new()
        .equals("e.status", filter.status.map(EmailStatus::as_str))
        .equals("e.renewal_id", filter.renewal_id)
        .equals("e.tenant_id", filter.tenant_id)
        .equals("e.kind", filter.kind.as_deref())
        .contains_literal(&["e.to_address ilike {}"], filter.to.as_deref());
    let select = format!("{COLUMNS}{FROM}");
    let list = ListQuery {
        count: "select count(*) from email_outbox e",
        select: &select,
        order_by: "e.created_at desc, e.email_id",
    };
    page(db, list, &conditions, limit, offset).await
}

/// Every kind of email produced so far, for the kind filter.
pub async fn kinds(db: &PgPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!("select distinct kind from email_outbox order by kind")
        .fetch_all(db)
        .await
}

/// One email with its text body.
pub async fn find(db: &PgPool, email_id: EmailId) -> sqlx::Result<Option<EmailDetail>> {
    sqlx::query!(
        r#"select e.email_id as "email_id: EmailId", e.tenant_id as "tenant_id?: TenantId", t.name as "tenant_name?",
             u.app_user_id as "app_user_id?: UserId", e.renewal_id as "renewal_id: RenewalId",
             e.kind, e.to_address, e.subject, e.status as "status: EmailStatus", e.last_error,
             e.sent_at, e.created_at, e.body_text
         from email_outbox e left join tenant t on t.tenant_id = e.tenant_id
         left join app_user u on u.tenant_id = e.tenant_id and u.email = lower(e.to_address)
         where e.email_id = $1"#,
        email_id as _,
    )
    .map(|row| EmailDetail {
        row: EmailRow {
            email_id: row.email_id,
            tenant_id: row.tenant_id,
            tenant_name: row.tenant_name,
            app_user_id: row.app_user_id,
            renewal_id: row.renewal_id,
            kind: row.kind,
            to_address: row.to_address,
            subject: row.subject,
            status: row.status,
            last_error: row.last_error,
            sent_at: row.sent_at,
            created_at: row.created_at,
        },
        body_text: row.body_text,
    })
    .fetch_optional(db)
    .await
}
