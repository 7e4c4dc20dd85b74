//! The engine's view of tenants: credentials to act as their Twilio account, and who to email.

use anyhow::{Context, anyhow};
use sqlx::PgExecutor;

use super::engine::Engine;
use super::error::EngineError;
use crate::domain::cancel_reason::{CancelReason, Cancellation};
use crate::domain::ids::TenantId;
use crate::twilio::TwilioCredentials;

/// The tenant's decrypted Twilio credentials.
pub async fn credentials(
    engine: &Engine,
    tenant_id: TenantId,
) -> Result<TwilioCredentials, EngineError> {
    crate::db::tenants::load_credentials(&engine.db, &engine.config.secret_key, tenant_id)
        .await
        .map_err(|e| EngineError::Other(anyhow::Error::new(e)))?
        .ok_or_else(|| EngineError::Other(anyhow!("tenant {tenant_id} has no Twilio credentials")))
}

/// Every user of the tenant (the people "action needed" emails go to), each with their name
/// and the language to write to them in.
pub async fn recipients(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> anyhow::Result<Vec<crate::db::recipients::Customer>> {
    crate::db::recipients::customers(db, tenant_id)
        .await
        .context("listing the tenant's users")
}

/// Every staff member (staff alerts), with their name.
pub async fn staff_recipients(
    db: impl PgExecutor<'_>,
) -> anyhow::Result<Vec<crate::db::recipients::Staff>> {
    crate::db::recipients::staff(db)
        .await
        .context("listing staff")
}

/// Tenants with Twilio credentials configured (the ones a sweep can reach).
pub async fn with_credentials(db: impl PgExecutor<'_>) -> anyhow::Result<Vec<TenantId>> {
    crate::db::lookups::tenants_with_credentials(db)
        .await
        .context("listing tenants")
}

/// The tenant's name and time zone, for emails.
pub async fn letterhead(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> anyhow::Result<(String, crate::i18n::Zone)> {
    crate::db::lookups::tenant_letterhead(db, tenant_id)
        .await
        .context("reading the tenant")
}

/// Staff remove a tenant: it is marked removed (sweeps stop at once) and the
/// `offboard_tenant` job winds it down. Returns `false` when it was already removed.
pub async fn remove(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<bool> {
    let mut tx = engine.db.begin().await?;
    let removed = crate::db::tenants::mark_removed(&mut *tx, tenant_id).await?;
    if removed {
        crate::queue::enqueue(
            &mut tx,
            &crate::queue::offboard_tenant::OffboardTenant { tenant_id },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(removed)
}

/// Winds down a removed tenant: every open renewal is cancelled (its copy deleted at Twilio,
/// its emailed links revoked), every bundle's original status callback is put back, then the
/// tenant's Twilio credentials are erased. Idempotent: a retry finishes what is left.
pub async fn offboard(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<()> {
    let Some(tenant) = crate::db::tenants::get_tenant(&engine.db, tenant_id).await? else {
        return Ok(());
    };
    if tenant.removed_at.is_none() || !tenant.has_credentials {
        return Ok(());
    }
    let open: Vec<_> = crate::domain::renewal::RenewalState::ALL
        .into_iter()
        .filter(|state| state.is_open())
        .collect();
    let actor = super::actor::Actor::System("tenant_removal");
    for renewal in crate::db::renewals::list_in_states(&engine.db, tenant_id, &open).await? {
        let removed = Cancellation::because(CancelReason::TenantRemoved);
        match engine
            .cancel(tenant_id, renewal.renewal_id, removed, &actor)
            .await
        {
            Ok(()) | Err(EngineError::NotEditable(_)) => {}
            Err(error) => return Err(anyhow::Error::new(error).context("cancelling a renewal")),
        }
    }
    let restored = super::callbacks::restore_all(engine, tenant_id).await?;
    crate::db::tenants::clear_credentials(&engine.db, tenant_id).await?;
    tracing::info!(%tenant_id, restored, "removed tenant wound down");
    Ok(())
}

/// Records what a sweep of `tenant_id` learned about its credentials: Twilio refusing them (or
/// the stored ones no longer opening) alerts staff once; a sweep that gets through resolves
/// the alert, so the problem coming back alerts again. Returns whether the credentials were
/// refused: retrying then only repeats the refusal, so the caller ends the job (the alert is
/// the outcome, and the next periodic sweep tries again).
pub async fn note_credentials<T>(
    engine: &Engine,
    tenant_id: TenantId,
    outcome: &anyhow::Result<T>,
) -> anyhow::Result<bool> {
    use super::notifications::staff_alerts;
    match outcome {
        Ok(_) => staff_alerts::credentials_work(&engine.db, tenant_id)
            .await
            .map(|()| false),
        Err(error) if credentials_fail(error) => {
            staff_alerts::credentials_refused(&engine.db, tenant_id).await?;
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

/// Whether `error` says the tenant's credentials do not work: Twilio answered 401, or the
/// stored credentials cannot be opened with this key.
fn credentials_fail(error: &anyhow::Error) -> bool {
    use crate::twilio::TwilioError;
    error.chain().any(|cause| {
        matches!(cause.downcast_ref(), Some(TwilioError::Unauthorized))
            || matches!(
                cause.downcast_ref(),
                Some(EngineError::Twilio(TwilioError::Unauthorized))
            )
            || matches!(
                cause.downcast_ref(),
                Some(crate::db::tenants::TenantError::Unseal(_))
            )
    })
}
