//! Staff emailing one customer user a single-use sign-in link, optionally straight into a
//! renewal. Unlike the public sign-in page this goes to exactly one user of one tenant and does
//! not count against the public rate limit: staff chose the recipient. The email leaves through
//! the job queue; the job mints the link as it sends.

use crate::db::users::UserWithTenant;
use crate::domain::ids::RenewalId;
use crate::domain::link_kind::LinkKind;
use crate::error::Result;
use crate::queue::send_sign_in_link::SendSignInLink;
use crate::state::AppState;

/// Queues a sign-in link email for `user` (landing on `renewal_id` when given).
#[tracing::instrument(skip_all, fields(app_user_id = %user.app_user_id, tenant_id = %user.tenant_id))]
pub async fn email_link(
    state: &AppState,
    user: &UserWithTenant,
    renewal_id: Option<RenewalId>,
) -> Result<()> {
    let job = SendSignInLink::new(
        user.tenant_id,
        user.app_user_id,
        renewal_id,
        LinkKind::SignIn,
    );
    let mut tx = state.db.begin().await?;
    job.enqueue(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
