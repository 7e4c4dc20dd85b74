//! "My bundles" is kept at commit, so a sweep never waits on a renewal's transaction in flight:
//! a bundle renamed in Twilio while its preparation is held is listed under its new name at
//! once, and with its renewal's new state once the preparation commits. The renewals one
//! statement opens (a sweep's page) are listed together when that statement ends.

use std::time::Duration;

use recomply::db::portal::{self, BundleSearch};
use recomply::domain::renewal::RenewalState;
use recomply::domain::sid::BundleSid;
use recomply::lifecycle::discovery::sweep_tenant;
use recomply::lifecycle::preparation;
use recomply::twilio::requests::BundleProperties;

use crate::lifecycle_support::{Tenant, World};

/// The customer's list: each bundle's name and its renewal's state, in the page's order.
async fn my_bundles(world: &World, tenant: &Tenant) -> Vec<(String, Option<RenewalState>)> {
    let search = BundleSearch {
        text: None,
        offset: 0,
        limit: 50,
    };
    portal::list_bundles(&world.db, tenant.tenant_id, &search)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|row| (row.friendly_name, row.renewal_state))
        .collect()
}

#[tokio::test]
async fn a_sweep_renaming_a_bundle_whose_preparation_is_in_flight_neither_waits_nor_is_lost() {
    // Arrange: a detected renewal whose preparation is held before its transaction commits
    // (its timeline insert waits for the tenant's chain lock, held here).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", true)
        .await;
    world.require_vat_number(&regulation_sid).await;
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    let mut hold = world.db.begin().await.unwrap();
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('renewal_event:' || $1, 0))")
        .bind(tenant.tenant_id.to_string())
        .execute(&mut *hold)
        .await
        .unwrap();
    let engine = world.engine.clone();
    let tenant_id = tenant.tenant_id;
    let renewal_id = renewal.renewal_id;
    let preparing =
        tokio::spawn(async move { preparation::prepare(&engine, tenant_id, renewal_id).await });
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    let original = BundleSid::from_trusted(bundle_sid.clone());
    for _ in 0..250 {
        if !twilio
            .list_all_bundle_copies(&original)
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let rename = BundleProperties {
        friendly_name: Some("Acme UK mobile (renamed)".into()),
        ..Default::default()
    };
    twilio
        .update_bundle_properties(&original, &rename)
        .await
        .unwrap();

    // Act: a sweep mirrors the new name while the preparation is still in flight.
    tokio::time::timeout(
        Duration::from_secs(20),
        sweep_tenant(&world.engine, tenant.tenant_id),
    )
    .await
    .expect("the sweep does not wait for the preparation")
    .unwrap();

    // Assert: listed under its new name at once; with its new state once prepared.
    assert_eq!(
        my_bundles(&world, &tenant).await,
        [(
            "Acme UK mobile (renamed)".to_owned(),
            Some(RenewalState::Detected)
        )]
    );
    hold.rollback().await.unwrap();
    preparing.await.unwrap().unwrap();
    assert_eq!(
        my_bundles(&world, &tenant).await,
        [(
            "Acme UK mobile (renamed)".to_owned(),
            Some(RenewalState::Collecting)
        )]
    );
}

#[tokio::test]
async fn renewals_a_sweep_opens_together_are_each_listed_with_their_bundle() {
    // Arrange: three approved bundles a regulation change gives deadlines, and a draft.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let mut regulation = String::new();
    for name in ["Line A", "Line B", "Line C"] {
        regulation = world.seed_approved_bundle(&tenant, name, false).await.1;
    }
    world.seed_draft_bundle(&tenant, "Line D").await;
    world.require_vat_number(&regulation).await;

    // Act: one sweep opens the three renewals in one statement.
    let swept = sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();

    // Assert: each stamped bundle is listed with its new renewal, the draft with none.
    assert_eq!(swept.renewals_opened, 3);
    let mut listed = my_bundles(&world, &tenant).await;
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    let detected = Some(RenewalState::Detected);
    assert_eq!(
        listed,
        [
            ("Line A".to_owned(), detected),
            ("Line B".to_owned(), detected),
            ("Line C".to_owned(), detected),
            ("Line D".to_owned(), None),
        ]
    );
    let current: i64 = sqlx::query_scalar(
        "select count(*) from bundle_listing l join renewal r on r.renewal_id = l.renewal_id
         where l.tenant_id = $1 and r.bundle_id = l.bundle_id",
    )
    .bind(tenant.tenant_id)
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert_eq!(current, 3, "each listing row names its bundle's renewal");
}
