//! Outgoing email. Every message is recorded in `email_outbox` with its secrets (the tokens of
//! its links) redacted; with `RECOMPLY_SMTP_URL` set the full message is delivered over SMTP
//! (lettre), otherwise the table is the dev outbox that the admin view shows. Emails are sent
//! by jobs (`send_notification`, `send_sign_in_link`), never from a request.

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;

use crate::db::email_outbox as outbox;
use crate::domain::email_status::EmailStatus;
use crate::domain::ids::{EmailId, NotificationId, RenewalId, TenantId};
use crate::secret::SecretString;

/// One email to send.
#[derive(Debug, Clone)]
pub struct Email {
    /// Owning tenant (None for staff alerts about no particular tenant).
    pub tenant_id: Option<TenantId>,
    /// The renewal it is about, if any.
    pub renewal_id: Option<RenewalId>,
    /// What kind of message (magic_link, action_needed, reminder, …).
    pub kind: &'static str,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
    /// What makes the email usable (a link's token): delivered, never stored. The outbox
    /// records the email with each replaced by [`REDACTED`].
    pub secrets: Vec<String>,
}

/// What the outbox shows in place of a secret.
pub const REDACTED: &str = "[redacted]";

impl Email {
    /// `text` with every secret of this email replaced by [`REDACTED`].
    pub fn redact(&self, text: &str) -> String {
        self.secrets
            .iter()
            .filter(|secret| !secret.is_empty())
            .fold(text.to_owned(), |text, secret| {
                text.replace(secret.as_str(), REDACTED)
            })
    }
}

/// Sends email over SMTP when configured; always records it in the outbox table.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("smtp", &self.smtp.is_some())
            .finish()
    }
}

impl Mailer {
    /// A mailer from `RECOMPLY_SMTP_URL` (e.g. `smtp://user:pass@host:587?tls=required`,
    /// `smtps://…`, `smtp://127.0.0.1:2525` for a plain local relay) and the sender address.
    pub fn new(smtp_url: Option<&SecretString>, from: &str) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("RECOMPLY_EMAIL_FROM is not an address: {e}"))?;
        let smtp = match smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| anyhow::anyhow!("RECOMPLY_SMTP_URL is not valid: {e}"))?
                    .build(),
            ),
            None => None,
        };
        Ok(Self { from, smtp })
    }

    /// Records `email` and delivers it when SMTP is configured. A delivery failure is recorded
    /// on the row and returned, so a job can retry.
    #[tracing::instrument(skip_all, fields(kind = email.kind, tenant_id = ?email.tenant_id))]
    pub async fn send(&self, db: &PgPool, email: &Email) -> anyhow::Result<EmailId> {
        let email_id = self
            .record(db, email, None)
            .await?
            .ok_or_else(|| anyhow::anyhow!("an email without a delivery key is always recorded"))?;
        self.deliver(db, email_id, email).await
    }

    /// Sends `email` as one delivery of the notification `notification_id` to `email.to`, at
    /// most once: if that delivery is already sent (or kept in the dev outbox) nothing happens
    /// and `Ok(None)` comes back; a delivery that failed before is attempted again.
    #[tracing::instrument(skip_all, fields(kind = email.kind, tenant_id = ?email.tenant_id, %notification_id))]
    pub async fn send_once(
        &self,
        db: &PgPool,
        email: &Email,
        notification_id: NotificationId,
    ) -> anyhow::Result<Option<EmailId>> {
        match self.record(db, email, Some(notification_id)).await? {
            Some(email_id) => self.deliver(db, email_id, email).await.map(Some),
            None => Ok(None),
        }
    }

    /// Inserts the outbox row (status `failed` until SMTP accepts it, `outbox` without SMTP).
    /// A delivery of a notification that is already recorded is taken over only if it failed;
    /// otherwise `None`.
    async fn record(
        &self,
        db: &PgPool,
        email: &Email,
        notification_id: Option<NotificationId>,
    ) -> anyhow::Result<Option<EmailId>> {
        let status = if self.smtp.is_some() {
            EmailStatus::Failed
        } else {
            EmailStatus::Outbox
        };
        // Only the redacted email is kept: the outbox never holds a usable link.
        let (subject, text, html) = (
            email.redact(&email.subject),
            email.redact(&email.text),
            email.redact(&email.html),
        );
        let email_id = outbox::record(
            db,
            &outbox::NewEmail {
                tenant_id: email.tenant_id,
                renewal_id: email.renewal_id,
                kind: email.kind,
                to: &email.to,
                subject: &subject,
                text: &text,
                html: &html,
                status,
                notification_id,
            },
        )
        .await?;
        Ok(email_id)
    }

    /// Hands the recorded email `email_id` to SMTP (when configured) and records the result.
    async fn deliver(
        &self,
        db: &PgPool,
        email_id: EmailId,
        email: &Email,
    ) -> anyhow::Result<EmailId> {
        let Some(smtp) = &self.smtp else {
            return Ok(email_id);
        };
        let from = self.sender(db).await;
        let result = async {
            let message = Message::builder()
                .from(from)
                .to(email.to.parse()?)
                .subject(&email.subject)
                .multipart(MultiPart::alternative_plain_html(
                    email.text.clone(),
                    email.html.clone(),
                ))?;
            smtp.send(message).await?;
            anyhow::Ok(())
        }
        .await;
        let (status, error) = match &result {
            Ok(()) => (EmailStatus::Sent, None),
            Err(e) => (EmailStatus::Failed, Some(e.to_string())),
        };
        outbox::record_delivery(db, email_id, status, error.as_deref()).await?;
        result.map(|()| email_id)
    }
}

impl Mailer {
    /// Who the email comes from: the brand's sender (loaded at send time, so a change applies
    /// to the next email), else `RECOMPLY_EMAIL_FROM`. The display name is quoted by lettre
    /// when the header is written.
    async fn sender(&self, db: &PgPool) -> Mailbox {
        match crate::db::brand::load(db).await {
            Ok(brand) => sender_of(&brand, &self.from),
            Err(error) => {
                tracing::warn!(%error, "brand not loaded; the configured sender is used");
                self.from.clone()
            }
        }
    }
}

/// `brand`'s sender name and address where set, the rest from `configured`. A stored address
/// lettre cannot use (the form checks it, so only by hand) keeps the configured one.
pub fn sender_of(brand: &crate::brand::Brand, configured: &Mailbox) -> Mailbox {
    let email = brand
        .sender_address
        .as_deref()
        .and_then(|address| match address.parse() {
            Ok(address) => Some(address),
            Err(error) => {
                tracing::warn!(%error, "the brand's sender address is not usable");
                None
            }
        })
        .unwrap_or_else(|| configured.email.clone());
    let name = brand
        .sender_name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .or_else(|| configured.name.clone());
    Mailbox::new(name, email)
}

/// The addresses a notification already reached (sent, or kept in the dev outbox).
pub async fn delivered_recipients(
    db: &PgPool,
    notification_id: NotificationId,
) -> sqlx::Result<Vec<String>> {
    outbox::delivered_recipients(db, notification_id).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brand::Brand;

    #[test]
    fn the_brand_sender_replaces_the_configured_one_where_set() {
        let configured: Mailbox = "recomply <noreply@recomply.example>".parse().unwrap();
        assert_eq!(sender_of(&Brand::default(), &configured), configured);
        let brand = Brand {
            sender_name: Some("Acme, \"Renewals\"".into()),
            sender_address: Some("renewals@acme.example".into()),
            ..Brand::default()
        };
        let from = sender_of(&brand, &configured);
        assert_eq!(from.email.to_string(), "renewals@acme.example");
        assert_eq!(
            from.to_string(),
            "\"Acme, \\\"Renewals\\\"\" <renewals@acme.example>",
            "the name is quoted"
        );
        let name_only = Brand {
            sender_name: Some("Acme".into()),
            ..Brand::default()
        };
        assert_eq!(
            sender_of(&name_only, &configured).to_string(),
            "Acme <noreply@recomply.example>"
        );
    }
}
