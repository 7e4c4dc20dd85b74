//! The `email_outbox` table: every email recomply produced, with its delivery status.

use crate::domain::email_status::EmailStatus;
use crate::domain::ids::{EmailId, NotificationId, RenewalId, TenantId};

use sqlx::PgPool;

/// An email to record.
#[derive(Debug, Clone, Copy)]
pub struct NewEmail<'a> {
    /// Owning tenant (None for staff alerts about no particular tenant).
    pub tenant_id: Option<TenantId>,
    /// The renewal it is about, if any.
    pub renewal_id: Option<RenewalId>,
    /// What kind of message (magic_link, action_needed, …).
    pub kind: &'a str,
    /// Recipient address.
    pub to: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// Plain-text body.
    pub text: &'a str,
    /// HTML body.
    pub html: &'a str,
    /// `failed` until SMTP accepts it, or `outbox` when nothing is delivered.
    pub status: EmailStatus,
    /// The delivery this is, when it belongs to a notification (one per recipient).
    pub notification_id: Option<NotificationId>,
}

/// Inserts the outbox row and returns its id. A delivery of a notification that is already
/// recorded is taken over (bodies and status replaced) only if it failed; otherwise `None`.
pub async fn record(db: &PgPool, email: &NewEmail<'_>) -> sqlx::Result<Option<EmailId>> {
    sqlx::query_scalar!(
        r#"insert into email_outbox (tenant_id, renewal_id, kind, to_address, subject,
             body_text, body_html, status, notification_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (notification_id, to_address) where notification_id is not null
         do update set subject = excluded.subject, body_text = excluded.body_text,
             body_html = excluded.body_html, status = excluded.status, last_error = null
         where email_outbox.status = 'failed'
         returning email_id as "email_id: EmailId""#,
        email.tenant_id as _,
        email.renewal_id as _,
        email.kind,
        email.to,
        email.subject,
        email.text,
        email.html,
        email.status as _,
        email.notification_id as _,
    )
    .fetch_optional(db)
    .await
}

/// Records the result of handing email `email_id` to SMTP: `sent` (with the time), or
/// `failed` with the error.
pub async fn record_delivery(
    db: &PgPool,
    email_id: EmailId,
    status: EmailStatus,
    error: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update email_outbox set status = $2, last_error = $3,
             sent_at = case when $2 = 'sent' then now() else null end
         where email_id = $1",
        email_id as _,
        status as _,
        error,
    )
    .execute(db)
    .await
    .map(drop)
}

/// The addresses a notification already reached (sent, or kept in the dev outbox).
pub async fn delivered_recipients(
    db: &PgPool,
    notification_id: NotificationId,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select to_address from email_outbox
         where notification_id = $1 and status in ('sent', 'outbox')",
        notification_id as _,
    )
    .fetch_all(db)
    .await
}
