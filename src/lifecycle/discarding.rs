//! Deleting the copy of a renewal that closed without using it. When a renewal expires (its
//! deadline passed before the copy was approved), the draft copy would otherwise stay in the
//! customer's Twilio account for ever, with whatever they had entered on it.

use serde_json::json;

use super::engine::Engine;
use crate::db::renewals;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::Cause;
use crate::twilio::TwilioError;

/// Who records the deletion.
const ACTOR: &str = "discard_copy";

/// Deletes the closed renewal's copy at Twilio once, and records it on the timeline. A copy
/// Twilio no longer has counts as deleted; one Twilio refuses to delete (a 4xx) is recorded
/// with Twilio's words and left; a transient failure is an error, so the job is retried.
pub async fn discard_copy(
    engine: &Engine,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> anyhow::Result<()> {
    let Some(renewal) = renewals::find(&engine.db, tenant_id, renewal_id).await? else {
        return Ok(());
    };
    let Some(copy_sid) = renewal.copy_sid.clone() else {
        return Ok(());
    };
    if renewal.state.is_open() || renewal.copy_discarded_at.is_some() {
        return Ok(());
    }
    let twilio = engine.twilio_for(tenant_id).await?;
    let details = match twilio.delete_bundle(&copy_sid).await {
        Ok(()) | Err(TwilioError::NotFound { .. }) => json!({
            "summary": "The unused bundle copy was deleted at Twilio",
            "copy_sid": copy_sid,
        }),
        Err(error) if error.is_retryable() => return Err(error.into()),
        Err(error) => json!({
            "summary": format!("The unused bundle copy could not be deleted at Twilio: {error}"),
            "copy_sid": copy_sid,
        }),
    };
    let mut tx = engine.db.begin().await?;
    if renewals::mark_copy_discarded(&mut tx, tenant_id, renewal_id).await? {
        renewals::record_action(
            &mut tx,
            &renewal,
            "copy_discarded",
            Cause::Job,
            ACTOR,
            details,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
