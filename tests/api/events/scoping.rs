//! An endpoint gets only what it asked for: its tenant's events (two-tenant isolation) and
//! the event types it chose.

use recomply::domain::event_type::EventType;

use super::receiver::Receiver;
use crate::lifecycle_support::World;

#[tokio::test]
async fn an_endpoint_gets_only_its_tenants_events_and_only_the_types_it_chose() {
    // Arrange: Acme's own endpoint wants openings only; a fleet endpoint wants "action needed".
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let acme_backend = Receiver::spawn(0).await;
    let fleet_backend = Receiver::spawn(0).await;
    let acme_secret = super::register(
        &world.engine,
        &acme_backend.url,
        Some(acme.tenant_id),
        &[EventType::RenewalDetected],
    )
    .await;
    let fleet_secret = super::register(
        &world.engine,
        &fleet_backend.url,
        None,
        &[EventType::RenewalActionNeeded],
    )
    .await;

    // Act: both tenants' bundles need renewing (the regulation now asks for a VAT number).
    let (_, regulation_sid) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", false)
        .await;
    world
        .seed_approved_bundle(&globex, "Globex UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    world.sweep(&acme).await;
    world.sweep(&globex).await;

    // Assert: Acme's endpoint got Acme's opening and nothing of Globex's.
    let acme_got = acme_backend.accepted();
    assert_eq!(acme_got.len(), 1, "{acme_got:?}");
    let body = acme_got[0].json();
    assert_eq!(body["type"], "renewal.detected");
    assert_eq!(body["data"]["tenant_slug"], "acme");
    assert!(acme_got[0].verifies_with(&acme_secret));
    assert!(!acme_got[0].verifies_with(&fleet_secret), "secrets differ");
    // The fleet endpoint got both tenants' "action needed", and no opening.
    let mut fleet_got: Vec<(String, String)> = fleet_backend
        .accepted()
        .iter()
        .map(|r| {
            assert!(r.verifies_with(&fleet_secret));
            let body = r.json();
            (
                body["type"].as_str().unwrap().to_owned(),
                body["data"]["tenant_slug"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    fleet_got.sort();
    assert_eq!(
        fleet_got,
        [
            ("renewal.action_needed".to_owned(), "acme".to_owned()),
            ("renewal.action_needed".to_owned(), "globex".to_owned()),
        ]
    );
}
