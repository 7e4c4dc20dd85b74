//! The call budget of a renewal on a fleet: the regulation is read once per regulation and
//! version (shared by every tenant), the account listings once per tenant and sweep, and each
//! renewal costs 14 calls (12 the lifecycle needs and 2 safety reads) — with and without
//! injected faults once the retried calls are subtracted.

use std::collections::BTreeMap;

use recomply::domain::renewal::RenewalState;
use recomply::lifecycle::Change;
use serde_json::json;

use crate::lifecycle::customer;
use crate::lifecycle_support::{CallBudget, Tenant, World};

const TENANTS: usize = 3;
const BUNDLES_PER_TENANT: usize = 3;
const RENEWALS: usize = TENANTS * BUNDLES_PER_TENANT;

/// Seeds 3 tenants × 3 approved bundles on one regulation and changes that regulation; returns
/// the tenants with their bundle SIDs.
async fn fleet(world: &World) -> Vec<(Tenant, Vec<String>)> {
    let mut fleet = Vec::new();
    let mut regulation = String::new();
    for t in 0..TENANTS {
        let tenant = world.add_tenant(&format!("fleet{t}")).await;
        let mut sids = Vec::new();
        for b in 0..BUNDLES_PER_TENANT {
            let (sid, regulation_sid) = world
                .seed_approved_bundle(&tenant, &format!("Line {t}.{b}"), false)
                .await;
            sids.push(sid);
            regulation = regulation_sid;
        }
        fleet.push((tenant, sids));
    }
    world.require_vat_number(&regulation).await;
    fleet
}

/// Sweeps every tenant, then renews every bundle (the customer fixes the VAT number and
/// submits, Twilio approves, recomply finishes). A save or submit that fails is tried again,
/// as the customer would.
async fn renew(world: &World, fleet: &[(Tenant, Vec<String>)]) {
    let mut tx = world.db.begin().await.unwrap();
    for (tenant, _) in fleet {
        recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let mut copies = Vec::new();
    for (tenant, sids) in fleet {
        for sid in sids {
            let renewal = world.renewal(tenant, sid).await.expect("a renewal opened");
            assert_eq!(renewal.state, RenewalState::Collecting, "{sid}");
            let snapshot = renewal.snapshot().unwrap().unwrap();
            let change = Change::SetEndUserFields {
                end_user_sid: snapshot.end_users[0].sid.clone(),
                fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
            };
            let actor = customer(tenant);
            let id = (tenant.tenant_id, renewal.renewal_id);
            let mut saved = None;
            for _ in 0..5 {
                let changes = vec![change.clone()];
                if let Ok(fixed) = world
                    .engine
                    .apply_changes(id.0, id.1, changes, &actor)
                    .await
                {
                    saved = Some(fixed);
                    break;
                }
            }
            assert!(saved.expect("the save went through").is_compliant());
            let mut submitted = false;
            for _ in 0..5 {
                if world.engine.submit(id.0, id.1, &actor).await.is_ok() {
                    submitted = true;
                    break;
                }
            }
            assert!(submitted, "the submission went through");
            copies.push(snapshot.copy_sid.into_string());
        }
    }
    world.settle().await;
    for copy in &copies {
        world.review(copy, json!({"decision": "approve"})).await;
    }
    for copy in &copies {
        world.wait_for_callback(copy, "twilio-approved").await;
    }
    world.settle().await;
    for (tenant, sids) in fleet {
        for sid in sids {
            let renewal = world.renewal(tenant, sid).await.unwrap();
            assert_eq!(renewal.state, RenewalState::Completed, "{sid}");
        }
    }
    world.assert_no_failed_jobs().await;
}

/// 4 listings per tenant (bundles twice, numbers, addresses), 1 regulation read, 14 calls per
/// renewal.
const FAULT_FREE_CALLS: usize = TENANTS * 4 + 1 + RENEWALS * 14;

#[tokio::test]
async fn a_fleet_reads_the_regulation_once_and_spends_fourteen_calls_per_renewal() {
    // Arrange
    let world = World::spawn().await;
    let fleet = fleet(&world).await;
    world.clear_requests().await;

    // Act
    renew(&world, &fleet).await;

    // Assert
    let calls = world.calls();
    let budget = CallBudget::of(&calls);
    assert_eq!(
        budget.per_regulation, 1,
        "the regulation is read once for every tenant and renewal"
    );
    assert_eq!(
        budget.per_tenant,
        TENANTS * 4,
        "two bundle listings, one of the numbers and one of the addresses per tenant sweep"
    );
    assert_eq!(budget.per_renewal, RENEWALS * 14, "{calls:#?}");
    assert!(budget.per_renewal_average(RENEWALS) <= 14.1);
    assert_eq!(calls.len(), FAULT_FREE_CALLS);
}

#[tokio::test]
async fn under_twenty_percent_faults_the_calls_less_the_retries_stay_within_five_percent() {
    // Arrange: one request in five is answered 429 (Retry-After: 0), deterministically.
    let world = World::spawn().await;
    let fleet = fleet(&world).await;
    world.clear_requests().await;
    world
        .control(
            "POST",
            "/faults",
            json!({"path": "/v2/**", "fault": {"kind": "rate_limit", "retry_after": 0},
                   "probability": 0.2, "seed": 17}),
        )
        .await;

    // Act
    renew(&world, &fleet).await;

    // Assert
    let log = world.emulator.requests();
    let retried = log.iter().filter(|r| r.fault.is_some()).count();
    let total = log.len();
    assert!(
        retried as f64 >= 0.1 * total as f64,
        "faults were injected: {retried} of {total}"
    );
    let useful = (total - retried) as f64;
    let allowed = 0.05 * FAULT_FREE_CALLS as f64;
    assert!(
        (useful - FAULT_FREE_CALLS as f64).abs() <= allowed,
        "{total} calls, {retried} retried: {useful} vs {FAULT_FREE_CALLS} without faults"
    );
}
