//! The payload of the job that emails one user a link: whom, which kind of link, landing
//! where. It carries no token: the job mints the link when it sends the email, so nothing
//! usable sits in the queue.

use serde::{Deserialize, Serialize};

use super::Job;
use crate::db::PgTx;
use crate::domain::ids::{NotificationId, RenewalId, TenantId, UserId};
use crate::domain::link_kind::LinkKind;
use crate::i18n::Locale;

/// The job name.
pub const JOB_NAME: &str = "send_sign_in_link";

/// Payload: one link email to one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendSignInLink {
    /// The user's tenant.
    pub tenant_id: TenantId,
    /// The user.
    pub app_user_id: UserId,
    /// The renewal the link lands on, if any.
    pub renewal_id: Option<RenewalId>,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
    /// This email's identity: its outbox row is recorded under it, so a retried job never
    /// sends a second copy once one left.
    pub delivery_id: NotificationId,
    /// The language of the page the link was asked for from (used when the user has not
    /// chosen one).
    #[serde(default)]
    pub page_locale: Option<Locale>,
}

impl SendSignInLink {
    /// A new link email (with a fresh delivery id).
    pub fn new(
        tenant_id: TenantId,
        app_user_id: UserId,
        renewal_id: Option<RenewalId>,
        kind: LinkKind,
    ) -> Self {
        Self {
            tenant_id,
            app_user_id,
            renewal_id,
            kind,
            delivery_id: NotificationId::random(),
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

    fn tenant_id(&self) -> Option<TenantId> {
        Some(self.tenant_id)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use uuid::Uuid;

    use super::*;

    #[test]
    fn a_payload_queued_before_the_id_types_reads_and_writes_back_unchanged() {
        let stored = json!({
            "tenant_id": "0b6f2a1e-4c3d-4e5f-8a9b-1c2d3e4f5a6b",
            "app_user_id": "1c7a3b2f-5d4e-4f60-9bac-2d3e4f5a6b7c",
            "renewal_id": "2d8b4c3a-6e5f-4071-8cbd-3e4f5a6b7c8d",
            "kind": "renewal",
            "delivery_id": "3e9c5d4b-7f60-4182-9dce-4f5a6b7c8d9e",
            "page_locale": null,
        });
        let job: SendSignInLink = serde_json::from_value(stored.clone()).unwrap();
        assert_eq!(
            job.tenant_id,
            "0b6f2a1e-4c3d-4e5f-8a9b-1c2d3e4f5a6b".parse().unwrap()
        );
        assert_eq!(
            job.app_user_id.to_string(),
            "1c7a3b2f-5d4e-4f60-9bac-2d3e4f5a6b7c"
        );
        assert_eq!(
            job.renewal_id.map(RenewalId::into_uuid),
            Some(Uuid::parse_str("2d8b4c3a-6e5f-4071-8cbd-3e4f5a6b7c8d").unwrap())
        );
        assert_eq!(serde_json::to_value(&job).unwrap(), stored);
    }
}
