//! The renewal lifecycle against the emulator: end to end, the Twilio calls it spends, copies,
//! review outcomes, polling, recovery after faults and every status a bundle can reach. The
//! helpers here are shared with other test modules.

mod calls;
mod copies;
mod end_to_end;
mod listing;
mod outcomes;
mod polling;
mod recovery;
mod statuses;

use recomply::domain::ids::RenewalId;
use std::collections::BTreeMap;

use recomply::lifecycle::{Actor, Change};

use crate::lifecycle_support::{Tenant, World};

pub fn customer(tenant: &Tenant) -> Actor {
    Actor::Customer {
        email: tenant.user_email.clone(),
    }
}

/// Opens a renewal by sweep and fixes the VAT number; returns (bundle SID, renewal id).
pub async fn prepared_and_fixed(world: &World, tenant: &Tenant) -> (String, RenewalId, String) {
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let renewal = world
        .renewal(tenant, &bundle_sid)
        .await
        .expect("a renewal was opened");
    let snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal.renewal_id)
        .await
        .unwrap()
        .expect("preparation stored a snapshot");
    let end_user_sid = snapshot.end_users[0].sid.clone();
    let fixed = world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal.renewal_id,
            vec![Change::SetEndUserFields {
                end_user_sid,
                fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
            }],
            &customer(tenant),
        )
        .await
        .unwrap();
    assert!(fixed.is_compliant(), "{:?}", fixed.evaluation);
    (bundle_sid, renewal.renewal_id, fixed.copy_sid.into_string())
}
