//! The payload of the job that emails one user a link: whom, which kind of link, landing
//! where. It carries no token: the job mints the link when it sends the email, so nothing
//! usable sits in the queue.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Job;
use crate::db::PgTx;
use crate::domain::link_kind::LinkKind;
use crate::i18n::Locale;

/// The job name.
pub const JOB_NAME: &str = "send_sign_in_link";

/// Payload: one link email to one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendSignInLink {
    /// The user's tenant.
    pub tenant_id: Uuid,
    /// The user.
    pub app_user_id: Uuid,
    /// The renewal the link lands on, if any.
    pub renewal_id: Option<Uuid>,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
    /// This email's identity: its outbox row is recorded under it, so a retried job never
    /// sends a second copy once one left.
    pub delivery_id: Uuid,
    /// The language of the page the link was asked for from (used when the user has not
    /// chosen one).
    #[serde(default)]
    pub page_locale: Option<Locale>,
}

impl SendSignInLink {
    /// A new link email (with a fresh delivery id).
    pub fn new(
        tenant_id: Uuid,
        app_user_id: Uuid,
        renewal_id: Option<Uuid>,
        kind: LinkKind,
    ) -> Self {
        Self {
            tenant_id,
            app_user_id,
            renewal_id,
            kind,
            delivery_id: Uuid::new_v4(),
            page_locale: None,
        }
    }

    /// Asked for from a page in `locale`.
    pub fn from_page_in(mut self, locale: Locale) -> Self {
        self.page_locale = Some(locale);
        self
    }

    /// Enqueues it in the caller's transaction.
    pub async fn enqueue(&self, tx: &mut PgTx<'_>) -> sqlx::Result<()> {
        super::enqueue(tx, self).await.map(drop)
    }
}

impl Job for SendSignInLink {
    const JOB_NAME: &'static str = JOB_NAME;
    const MAX_ATTEMPTS: i32 = 6;

    fn tenant_id(&self) -> Option<Uuid> {
        Some(self.tenant_id)
    }
}
