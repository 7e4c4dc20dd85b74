//! No phantom bundles: a Bundle Copy (recomply's own, or anyone's) is never mirrored as an
//! original, whatever the order of sweep and preparation, and a mirrored row that turns out to
//! be a copy is corrected by the next sweep.

use recomply::domain::ids::RenewalId;
use std::time::Duration;

use recomply::db::portal::{self, BundleSearch};
use recomply::domain::renewal::RenewalState;
use recomply::domain::sid::BundleSid;
use recomply::lifecycle::Actor;
use recomply::lifecycle::discovery::sweep_tenant;
use recomply::lifecycle::preparation::{self, copy_name};

use crate::lifecycle_support::{Tenant, World};

/// The names on the customer's "My bundles" page, in its order.
async fn my_bundles(world: &World, tenant: &Tenant) -> Vec<String> {
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
        .map(|row| row.friendly_name)
        .collect()
}

/// Whether the tenant's mirror has a row for `sid`.
async fn mirrored(world: &World, tenant: &Tenant, sid: &str) -> bool {
    recomply::db::bundles::find_by_sid(&world.db, tenant.tenant_id, sid)
        .await
        .unwrap()
        .is_some()
}

/// An approved bundle that a regulation change affects, swept: its renewal is detected.
async fn detected(world: &World, tenant: &Tenant) -> (String, RenewalId) {
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(tenant, "Acme UK mobile", true)
        .await;
    world.require_vat_number(&regulation_sid).await;
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();
    let renewal = world.renewal(tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Detected);
    (bundle_sid, renewal.renewal_id)
}

#[tokio::test]
async fn a_sweep_between_a_copys_creation_and_its_commit_never_lists_the_copy() {
    // Arrange: preparation runs, and is held after Twilio created the copy but before its
    // transaction commits (its timeline insert waits for the tenant's chain lock, held here).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id) = detected(&world, &tenant).await;
    let mut hold = world.db.begin().await.unwrap();
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('renewal_event:' || $1, 0))")
        .bind(tenant.tenant_id.to_string())
        .execute(&mut *hold)
        .await
        .unwrap();
    let engine = world.engine.clone();
    let tenant_id = tenant.tenant_id;
    let preparing =
        tokio::spawn(async move { preparation::prepare(&engine, tenant_id, renewal_id).await });
    let copy_sid = wait_for_copy(&world, &tenant, &bundle_sid).await;
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.copy_sid, None, "preparation has not committed yet");

    // Act: a sweep runs in the window.
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();

    // Assert: the copy is no bundle of the customer's, then or after preparation commits.
    assert_eq!(my_bundles(&world, &tenant).await, ["Acme UK mobile"]);
    assert!(!mirrored(&world, &tenant, &copy_sid).await);
    hold.rollback().await.unwrap();
    preparing.await.unwrap().unwrap();
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    assert_eq!(renewal.copy_sid.as_deref(), Some(copy_sid.as_str()));
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();
    assert_eq!(my_bundles(&world, &tenant).await, ["Acme UK mobile"]);
}

/// Waits (bounded) until Twilio lists a copy of `original`; returns its SID.
async fn wait_for_copy(world: &World, tenant: &Tenant, original: &str) -> String {
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    let original = BundleSid::from_trusted(original.to_owned());
    for _ in 0..250 {
        let copies = twilio.list_all_bundle_copies(&original).await.unwrap();
        if let Some(copy) = copies.first() {
            return copy.sid.to_string();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no copy of {original} was created");
}

#[tokio::test]
async fn a_copy_made_by_recomply_but_not_yet_recorded_is_not_mirrored() {
    // Arrange: Twilio made the copy preparation asked for; nothing of it reached our database.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id) = detected(&world, &tenant).await;
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    let copy = twilio
        .create_bundle_copy(
            &BundleSid::from_trusted(bundle_sid.clone()),
            Some(&copy_name(renewal_id)),
        )
        .await
        .unwrap();

    // Act
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();

    // Assert
    assert_eq!(my_bundles(&world, &tenant).await, ["Acme UK mobile"]);
    assert!(!mirrored(&world, &tenant, &copy.sid).await);
}

#[tokio::test]
async fn a_copy_twilio_lists_under_another_bundle_is_never_mirrored_and_is_checked_once() {
    // Arrange: someone made a copy with a name of their own; the customer also has a genuine
    // draft bundle.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, _) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", true)
        .await;
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    let copy = twilio
        .create_bundle_copy(
            &BundleSid::from_trusted(bundle_sid.clone()),
            Some("Acme UK mobile (edits)"),
        )
        .await
        .unwrap();
    world.seed_draft_bundle(&tenant, "Acme new line").await;

    // Act
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();

    // Assert: the copy is not the customer's bundle; the draft is.
    assert_eq!(
        my_bundles(&world, &tenant).await,
        ["Acme UK mobile", "Acme new line"]
    );
    assert!(!mirrored(&world, &tenant, &copy.sid).await);
    // The next sweep knows both answers and asks Twilio for no copy list.
    world.clear_requests().await;
    sweep_tenant(&world.engine, tenant.tenant_id).await.unwrap();
    assert!(
        !world.calls().iter().any(|call| call.ends_with("/Copies")),
        "{:?}",
        world.calls()
    );
    assert_eq!(
        my_bundles(&world, &tenant).await,
        ["Acme UK mobile", "Acme new line"]
    );
}

#[tokio::test]
async fn copies_mirrored_before_are_corrected_by_the_next_sweep_of_their_tenant_only() {
    // Arrange: rows an earlier sweep mirrored as originals: the copy of a prepared renewal, a
    // copy since deleted at Twilio (known only by its name), and one with a renewal (a trail).
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let other = world.add_tenant("other").await;
    world.seed_approved_bundle(&other, "Other line", true).await;
    let (bundle_sid, renewal_id) = detected(&world, &acme).await;
    preparation::prepare(&world.engine, acme.tenant_id, renewal_id)
        .await
        .unwrap();
    let copy_sid = world
        .renewal(&acme, &bundle_sid)
        .await
        .unwrap()
        .copy_sid
        .unwrap();
    let gone = format!("BU{}", uuid::Uuid::new_v4().simple());
    let with_trail = format!("BU{}", uuid::Uuid::new_v4().simple());
    for (sid, name) in [
        (copy_sid.as_str(), copy_name(renewal_id)),
        (gone.as_str(), copy_name(RenewalId::random())),
        (with_trail.as_str(), copy_name(RenewalId::random())),
    ] {
        sqlx::query(
            "insert into bundle (tenant_id, sid, friendly_name, status)
             values ($1, $2, $3, 'draft')",
        )
        .bind(acme.tenant_id)
        .bind(sid)
        .bind(name)
        .execute(&world.db)
        .await
        .unwrap();
    }
    let phantom = recomply::db::bundles::find_by_sid(&world.db, acme.tenant_id, &with_trail)
        .await
        .unwrap()
        .unwrap();
    let actor = Actor::System("test");
    let mut tx = world.db.begin().await.unwrap();
    let phantom_renewal = recomply::db::renewals::open(
        &mut tx,
        acme.tenant_id,
        phantom.bundle_id,
        None,
        Default::default(),
        actor.cause(),
        actor.name(),
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(my_bundles(&world, &acme).await.len(), 4);

    // Act 1: the other tenant's sweep leaves acme's rows alone.
    sweep_tenant(&world.engine, other.tenant_id).await.unwrap();
    assert_eq!(my_bundles(&world, &acme).await.len(), 4);

    // Act 2: acme's sweep.
    sweep_tenant(&world.engine, acme.tenant_id).await.unwrap();

    // Assert: only the original is listed; the row with a trail is archived with its timeline.
    assert_eq!(my_bundles(&world, &acme).await, ["Acme UK mobile"]);
    assert!(!mirrored(&world, &acme, &copy_sid).await);
    assert!(!mirrored(&world, &acme, &gone).await);
    let archived: Option<time::OffsetDateTime> =
        sqlx::query_scalar("select archived_at from bundle where sid = $1")
            .bind(&with_trail)
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert!(archived.is_some(), "the row with a trail is archived");
    assert_eq!(
        world.timeline(&acme, phantom_renewal).await,
        ["opened:-->detected"]
    );
    assert_eq!(my_bundles(&world, &other).await, ["Other line"]);
}
