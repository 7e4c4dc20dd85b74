//! Bugs the crash scenario found, each pinned by a fast regular test.

use recomply::domain::renewal::RenewalState;
use recomply::domain::sid::BundleSid;
use recomply::lifecycle::Actor;
use recomply::lifecycle::discovery::{Mirroring, reconcile_original};
use serde_json::json;

use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::World;

#[tokio::test]
async fn a_sweep_listing_read_before_a_renewal_completed_does_not_open_a_second_renewal() {
    // Arrange: a sweep reads the original (still with its deadline) while the renewal is
    // finishing; the renewal then completes before the sweep acts on what it read.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    let read_by_the_sweep = twilio
        .fetch_bundle(&BundleSid::from_trusted(bundle_sid.clone()))
        .await
        .unwrap();
    assert!(read_by_the_sweep.valid_until.is_some());
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;
    let done = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(done.state, RenewalState::Completed);
    world.clear_requests().await;

    // Act: the sweep goes on with its stale listing.
    let mirroring = Mirroring {
        actor: Actor::System("sweep"),
        copy_checked: true,
        callbacks: recomply::lifecycle::callbacks::CallbackPolicy::default(),
    };
    let opened = reconcile_original(&world.engine, &twilio, &read_by_the_sweep, &mirroring)
        .await
        .unwrap();
    world.run_jobs().await;

    // Assert: no new renewal, no second copy.
    assert!(!opened, "the deadline was already met");
    let renewals = recomply::db::renewals::list_for_tenant(&world.db, tenant.tenant_id)
        .await
        .unwrap();
    assert_eq!(renewals.len(), 1, "{renewals:?}");
    assert!(
        !world.calls().iter().any(|c| c == "POST /Bundles/BU/Copies"),
        "{:?}",
        world.calls()
    );
}
