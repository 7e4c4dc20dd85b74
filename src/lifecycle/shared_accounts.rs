//! A sweep of a tenant on a shared Twilio account keeps only that tenant's bundles: each listed
//! bundle is attributed by `domain::bundle_scope::owner_of` (a staff assignment, the renewal
//! that made it, then the tenants' rules), and the bundles no rule takes, or that two take, are
//! recorded for staff to assign.

use std::collections::HashMap;

use super::Engine;
use crate::db::shared_accounts::{self, UnassignedBundle};
use crate::domain::bundle_scope::{BundleFacts, BundleScope, Owner, owner_of};
use crate::domain::ids::TenantId;
use crate::twilio::TenantTwilio;
use crate::twilio::resources::Bundle;

/// The bundles among `listed` that are `twilio`'s tenant's. A tenant that takes its account
/// whole keeps them all (and costs no query beyond reading its rule).
pub async fn keep_own<'b>(
    engine: &Engine,
    twilio: &TenantTwilio,
    listed: Vec<&'b Bundle>,
) -> anyhow::Result<Vec<&'b Bundle>> {
    let tenant_id = twilio.tenant_id();
    if shared_accounts::scope_of(&engine.db, tenant_id).await? == BundleScope::WholeAccount {
        return Ok(listed);
    }
    let account_sid = twilio.account_sid();
    let claims = shared_accounts::claims_on(&engine.db, account_sid).await?;
    let assigned = shared_accounts::assignments_on(&engine.db, account_sid).await?;
    let tenants: Vec<TenantId> = claims.iter().map(|claim| claim.tenant_id).collect();
    let sids: Vec<String> = listed.iter().map(|b| b.sid.to_string()).collect();
    let made_by = shared_accounts::made_by_among(&engine.db, &tenants, &sids).await?;
    let mut own = Vec::new();
    let mut unassigned = Vec::new();
    let mut not_own = Vec::new();
    for bundle in listed {
        match owner(bundle, &assigned, &made_by, &claims) {
            Owner::Tenant(owner) if owner == tenant_id => {
                own.push(bundle);
                continue;
            }
            Owner::Tenant(_) => {}
            Owner::Unassigned => unassigned.push(to_assign(account_sid, bundle, Vec::new())),
            Owner::Contested(tenants) => unassigned.push(to_assign(account_sid, bundle, tenants)),
        }
        not_own.push(bundle.sid.to_string());
    }
    shared_accounts::record_unassigned(&engine.db, account_sid, &unassigned).await?;
    shared_accounts::forget_mirrored(&engine.db, tenant_id, &not_own).await?;
    tracing::info!(
        %tenant_id,
        own = own.len(),
        unassigned = unassigned.len(),
        "bundles of a shared account attributed"
    );
    Ok(own)
}

fn owner(
    bundle: &Bundle,
    assigned: &HashMap<String, TenantId>,
    made_by: &HashMap<String, TenantId>,
    claims: &[crate::domain::bundle_scope::Claim],
) -> Owner {
    let facts = BundleFacts {
        email: bundle.email.as_deref(),
        friendly_name: bundle.friendly_name.as_deref(),
    };
    owner_of(
        &facts,
        assigned.get(bundle.sid.as_str()).copied(),
        made_by.get(bundle.sid.as_str()).copied(),
        claims,
    )
}

fn to_assign(account_sid: &str, bundle: &Bundle, contested_by: Vec<TenantId>) -> UnassignedBundle {
    UnassignedBundle {
        account_sid: account_sid.to_owned(),
        bundle_sid: bundle.sid.to_string(),
        friendly_name: bundle.friendly_name.clone(),
        email: bundle.email.clone(),
        status: bundle.status.as_str().to_owned(),
        valid_until: bundle.valid_until,
        contested_by,
        seen_at: time::OffsetDateTime::now_utc(),
    }
}

/// Staff choose which of the account's bundles are the tenant's. Every tenant of the account is
/// swept again at once, so bundles move to their tenant.
pub async fn set_rule(
    engine: &Engine,
    tenant_id: TenantId,
    scope: &BundleScope,
) -> Result<(), shared_accounts::ScopeError> {
    shared_accounts::set_scope(&engine.db, tenant_id, scope).await?;
    sweep_account_of(engine, tenant_id).await?;
    tracing::info!(%tenant_id, rule = scope.kind().as_str(), "bundle rule set");
    Ok(())
}

/// Staff assign a bundle of a shared account to one of its tenants; the account's tenants are
/// swept again. `false` when the tenant is not on that account.
pub async fn assign(
    engine: &Engine,
    account_sid: &str,
    bundle_sid: &crate::domain::sid::BundleSid,
    tenant_id: TenantId,
    staff_email: &str,
) -> anyhow::Result<bool> {
    let assigned = shared_accounts::assign(
        &engine.db,
        account_sid,
        bundle_sid.as_str(),
        tenant_id,
        staff_email,
    )
    .await?;
    if assigned {
        sweep_account_of(engine, tenant_id).await?;
        tracing::info!(%tenant_id, %bundle_sid, "bundle of a shared account assigned");
    }
    Ok(assigned)
}

/// Queues a sweep of every tenant on `tenant_id`'s account (repeated requests coalesce).
async fn sweep_account_of(engine: &Engine, tenant_id: TenantId) -> sqlx::Result<()> {
    let mut tx = engine.db.begin().await?;
    for tenant in shared_accounts::tenants_sharing_with(&mut *tx, tenant_id).await? {
        super::enqueue_sweep(&mut tx, tenant).await?;
    }
    tx.commit().await
}
