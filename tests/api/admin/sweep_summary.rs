//! After a sync, the tenant page says what the sweep found and did ("found 2 bundles, opened
//! 1 renewal"), for that tenant only.

use super::{PASSWORD, create_staff};
use crate::harness::client;
use crate::html::{csrf_token, parse, text, texts};
use crate::lifecycle_support::World;

/// A client signed in to `world` as a support staff member.
async fn staff_of(world: &World) -> reqwest::Client {
    create_staff(&world.db, "sam@isv.example", "Sam Support", "support").await;
    let staff = client();
    let login = format!("{}/admin/login", world.address);
    let form = staff
        .get(&login)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let signed_in = staff
        .post(&login)
        .form(&[
            ("email", "sam@isv.example"),
            ("password", PASSWORD),
            ("csrf_token", &csrf_token(&form)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    staff
}

#[tokio::test]
async fn a_finished_sync_shows_how_many_bundles_it_found_and_renewals_it_opened() {
    // Arrange: Acme has two bundles, one of which Twilio now wants renewed; Globex has one.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let (_, regulation) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", false)
        .await;
    world.seed_draft_bundle(&acme, "Acme draft").await;
    world
        .seed_approved_bundle(&globex, "Globex UK mobile", false)
        .await;
    world.require_vat_number(&regulation).await;
    let staff = staff_of(&world).await;
    let page = format!("{}/admin/tenants/{}", world.address, acme.tenant_id);
    let before = parse(&staff.get(&page).send().await.unwrap().text().await.unwrap());
    let body = staff.get(&page).send().await.unwrap().text().await.unwrap();

    // Act: Sync now, and the worker runs the sweep.
    let synced = staff
        .post(format!("{page}/sync"))
        .form(&[("csrf_token", csrf_token(&body).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(synced.status(), 303);
    world.run_jobs().await;
    let fragment = parse(
        &staff
            .get(format!("{page}/sweep-status"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let globex_page = parse(
        &staff
            .get(format!(
                "{}/admin/tenants/{}",
                world.address, globex.tenant_id
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );

    // Assert
    assert!(texts(&before, "#sweep-summary").is_empty(), "no sweep yet");
    assert_eq!(text(&fragment, "#sweep-state"), "done");
    assert!(
        text(&fragment, "#sweep-summary").starts_with("Found 2 bundles, opened 1 renewal."),
        "{}",
        text(&fragment, "#sweep-summary")
    );
    assert!(
        texts(&globex_page, "#sweep-summary").is_empty(),
        "Globex was not swept: Acme's figures are not shown for it"
    );
}
