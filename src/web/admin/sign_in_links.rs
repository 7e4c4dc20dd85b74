//! Staff emailing one customer user a single-use sign-in link, optionally straight into a
//! renewal. Unlike the public sign-in page this goes to exactly one user of one tenant and does
//! not count against the public rate limit: staff chose the recipient.

use askama::Template;
use uuid::Uuid;

use crate::auth::magic_link::{self, MagicLinkPolicy};
use crate::db::users::UserWithTenant;
use crate::email::Email;
use crate::error::Result;
use crate::state::AppState;

/// Whether the email left (or, without SMTP, reached the outbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Sent (or recorded in the dev outbox).
    Sent,
    /// Recorded but not delivered; the outbox shows why.
    Failed,
}

/// Issues a link for `user` (landing on `renewal_id` when given) and emails it to them alone.
#[tracing::instrument(skip_all, fields(app_user_id = %user.app_user_id, tenant_id = %user.tenant_id))]
pub async fn email_link(
    state: &AppState,
    user: &UserWithTenant,
    renewal_id: Option<Uuid>,
) -> Result<Delivery> {
    let url = magic_link::issue(
        &state.db,
        &state.config.secret_key,
        &state.config.public_url,
        user.app_user_id,
        renewal_id,
    )
    .await?;
    let email = link_email(user, &url, renewal_id).map_err(anyhow::Error::from)?;
    match state.mailer.send(&state.db, &email).await {
        Ok(_) => Ok(Delivery::Sent),
        Err(error) => {
            tracing::warn!(%error, "staff sign-in link email not delivered");
            Ok(Delivery::Failed)
        }
    }
}

/// The same email the sign-in page sends, tied to the renewal it opens.
fn link_email(user: &UserWithTenant, url: &str, renewal_id: Option<Uuid>) -> askama::Result<Email> {
    let minutes = MagicLinkPolicy::current().ttl.whole_minutes();
    let tenant_name = user.tenant_name.as_str();
    let greeting_name = user.name.as_str();
    Ok(Email {
        tenant_id: Some(user.tenant_id),
        renewal_id,
        kind: "magic_link",
        to: user.email.clone(),
        subject: MagicLinkSubject { tenant_name }.render()?.trim().to_owned(),
        text: MagicLinkText {
            url,
            tenant_name,
            greeting_name,
            minutes,
        }
        .render()?,
        html: MagicLinkHtml {
            url,
            tenant_name,
            greeting_name,
            minutes,
        }
        .render()?,
    })
}

/// Subject line of the sign-in email.
#[derive(Template)]
#[template(path = "emails/magic_link/subject.txt")]
struct MagicLinkSubject<'a> {
    tenant_name: &'a str,
}

/// Plain-text body of the sign-in email.
#[derive(Template)]
#[template(path = "emails/magic_link/body.txt")]
struct MagicLinkText<'a> {
    url: &'a str,
    tenant_name: &'a str,
    greeting_name: &'a str,
    minutes: i64,
}

/// HTML body of the sign-in email.
#[derive(Template)]
#[template(path = "emails/magic_link/body.html")]
struct MagicLinkHtml<'a> {
    url: &'a str,
    tenant_name: &'a str,
    greeting_name: &'a str,
    minutes: i64,
}
