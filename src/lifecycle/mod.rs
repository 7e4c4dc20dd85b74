//! The renewal lifecycle: discovery, preparation, the customer's operations, review outcomes,
//! finishing, notifications. Background steps run as jobs (`crate::jobs`); the web layer calls
//! the [`Engine`]'s operations.

pub mod actor;
pub mod addresses;
mod applying;
pub mod audit;
pub mod auto_submit;
pub mod callbacks;
pub mod change;
pub mod copies;
pub mod discarding;
pub mod discovery;
pub mod engine;
pub mod error;
pub mod events;
pub mod finishing;
pub mod fix_once;
mod mirror_page;
pub mod notifications;
pub mod operations;
pub mod outcome;
pub mod parent_account;
pub mod phone_numbers;
pub mod poll_schedule;
pub mod preparation;
pub mod reading;
pub mod regulations;
pub mod reminders;
pub mod settings;
pub mod shared_accounts;
pub mod tenants;
pub mod what_changed;

pub use actor::Actor;
pub use change::{Change, Upload};
pub use engine::Engine;
pub use error::EngineError;
pub use settings::LifecycleSettings;

use crate::db::PgTx;
use crate::db::renewals::{self, Renewal, Transition};
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::{RenewalEvent, RenewalState};
use crate::queue::finish_renewal::FinishRenewal;
use crate::queue::poll_renewal::PollRenewal;
use crate::queue::prepare_renewal::PrepareRenewal;
use crate::queue::sweep_tenant::SweepTenant;
use notifications::{Notification, NotificationKind};

/// Asks for a sweep of `tenant_id` now (e.g. "sync now" or a new tenant), in the caller's
/// transaction. Collapses with a sweep already pending.
pub async fn enqueue_sweep(tx: &mut PgTx<'_>, tenant_id: TenantId) -> sqlx::Result<()> {
    crate::queue::enqueue(tx, &SweepTenant { tenant_id })
        .await
        .map(drop)
}

/// Enqueues the background step a renewal in `state` is waiting for, if any.
pub async fn enqueue_step(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    state: RenewalState,
) -> sqlx::Result<bool> {
    match state {
        RenewalState::Detected | RenewalState::CopyCreated => {
            crate::queue::enqueue(
                tx,
                &PrepareRenewal {
                    tenant_id,
                    renewal_id,
                },
            )
            .await?;
        }
        RenewalState::Submitted | RenewalState::InReview => {
            crate::queue::enqueue(
                tx,
                &PollRenewal {
                    tenant_id,
                    renewal_id,
                    attempt: 0,
                },
            )
            .await?;
        }
        RenewalState::Approved | RenewalState::ItemsReplaced | RenewalState::CopyDeleted => {
            crate::queue::enqueue(
                tx,
                &FinishRenewal {
                    tenant_id,
                    renewal_id,
                },
            )
            .await?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Re-enqueues the pending background step of each open renewal of a tenant (the sweep's
/// safety net for lost jobs and lost callbacks), unless that step is already pending or
/// running.
pub async fn kick_open_renewals(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<()> {
    let waiting = [
        RenewalState::Detected,
        RenewalState::CopyCreated,
        RenewalState::Submitted,
        RenewalState::InReview,
        RenewalState::Approved,
        RenewalState::ItemsReplaced,
        RenewalState::CopyDeleted,
    ];
    let open = renewals::list_in_states(&engine.db, tenant_id, &waiting).await?;
    let (mut prepare, mut poll, mut finish) = (Vec::new(), Vec::new(), Vec::new());
    for renewal in open {
        let renewal_id = renewal.renewal_id;
        match renewal.state {
            RenewalState::Detected | RenewalState::CopyCreated => prepare.push(PrepareRenewal {
                tenant_id,
                renewal_id,
            }),
            RenewalState::Submitted | RenewalState::InReview => poll.push(PollRenewal {
                tenant_id,
                renewal_id,
                attempt: 0,
            }),
            _ => finish.push(FinishRenewal {
                tenant_id,
                renewal_id,
            }),
        }
    }
    // One statement per kind of step, whatever the number of open renewals.
    let mut tx = engine.db.begin().await?;
    crate::queue::enqueue_all_if_absent(&mut tx, &prepare).await?;
    crate::queue::enqueue_all_if_absent(&mut tx, &poll).await?;
    crate::queue::enqueue_all_if_absent(&mut tx, &finish).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves `renewal` to needs_attention with `reason` and alerts staff.
pub async fn needs_attention(
    engine: &Engine,
    renewal: &Renewal,
    actor: &Actor,
    reason: String,
) -> anyhow::Result<()> {
    tracing::warn!(renewal_id = %renewal.renewal_id, reason = %reason, "renewal needs attention");
    let mut tx = engine.db.begin().await?;
    let moved = renewals::transition(
        &mut tx,
        Transition::of(
            renewal,
            RenewalEvent::AttentionNeeded,
            actor.cause(),
            actor.name(),
        )
        .because(reason.clone()),
    )
    .await?;
    if moved.is_some() {
        let mut alert = Notification::new(NotificationKind::StaffAlert, renewal);
        alert.reason = Some(reason);
        alert.enqueue(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(())
}
