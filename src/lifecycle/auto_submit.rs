//! Zero-touch: a copy that Twilio already finds compliant when it is prepared needs nothing
//! from the customer. When the tenant allows it (the default), recomply submits it by itself
//! through the durable `submit_renewal` job, and the customer is told afterwards (the submitted
//! email and the status page say nothing was missing). With the setting off, the customer is
//! asked to look and press Submit, as for any other copy.

use super::{Actor, Engine, EngineError};
use crate::db::{PgTx, renewals};
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::snapshot::RenewalSnapshot;
use crate::queue::send_notification::{Notification, NotificationKind};
use crate::queue::submit_renewal::SubmitRenewal;

/// The actor the timeline names for these submissions.
pub const ACTOR: &str = "auto_submit";

/// Called as a copy is prepared, in the preparing transaction: queues its submission when
/// `snapshot` is compliant and the tenant allows it. Returns whether it did (the caller then
/// sends no action-needed email).
pub async fn queue_if_complete(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    snapshot: &RenewalSnapshot,
) -> sqlx::Result<bool> {
    if !snapshot.is_compliant()
        || !crate::db::auto_submit::tenant_allows(&mut **tx, tenant_id).await?
    {
        return Ok(false);
    }
    crate::queue::enqueue(
        tx,
        &SubmitRenewal {
            tenant_id,
            renewal_id,
        },
    )
    .await?;
    tracing::info!(%tenant_id, %renewal_id, "compliant when prepared: submission queued");
    Ok(true)
}

/// Submits the renewal's copy as recomply. A copy that is no longer compliant, or a renewal
/// that moved on meanwhile (the customer submitted, staff cancelled), is left as it is; when
/// the customer now has something to do, they get the action-needed email instead. Twilio
/// failing is an error, so the job is retried.
pub async fn submit(
    engine: &Engine,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> anyhow::Result<()> {
    let actor = Actor::System(ACTOR);
    match engine.submit_as(tenant_id, renewal_id, &actor, true).await {
        Ok(()) => Ok(()),
        Err(EngineError::NotFound | EngineError::NotEditable(_)) => Ok(()),
        Err(EngineError::NotCompliant) => {
            tracing::info!(%tenant_id, %renewal_id, "no longer compliant: the customer is asked");
            let mut tx = engine.db.begin().await?;
            if let Some(renewal) = renewals::find_for_update(&mut tx, tenant_id, renewal_id).await?
            {
                Notification::new(NotificationKind::ActionNeeded, &renewal)
                    .enqueue(&mut tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}
