//! Staff emailing one customer user a single-use sign-in link, optionally straight into a
//! renewal. Unlike the public sign-in page this goes to exactly one user of one tenant and does
//! not count against the public rate limit: staff chose the recipient.

use uuid::Uuid;

use crate::auth::magic_link::{self, MagicLinkPolicy};
use crate::db::users::UserWithTenant;
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
    let ttl = MagicLinkPolicy::current().ttl;
    let email = magic_link::link_email(user, &url, ttl, renewal_id)?;
    match state.engine.mailer.send(&state.db, &email).await {
        Ok(_) => Ok(Delivery::Sent),
        Err(error) => {
            tracing::warn!(%error, "staff sign-in link email not delivered");
            Ok(Delivery::Failed)
        }
    }
}
