//! Numbers at risk: the sweep reads the account's IncomingPhoneNumbers, and the customer's and
//! staff's pages say which numbers stop working unless a bundle is renewed.

use serde_json::json;

use crate::evidence_pack::{customer_client, get, staff_client};
use crate::lifecycle_support::{Tenant, World};

/// Attaches `number` to `tenant`'s account, registered under `bundle_sid` when given.
async fn attach(
    world: &World,
    tenant: &Tenant,
    number: &str,
    name: &str,
    bundle_sid: Option<&str>,
) {
    let created = world
        .control(
            "POST",
            "/phone-numbers",
            json!({"account_sid": tenant.account_sid, "phone_number": number,
                   "friendly_name": name, "bundle_sid": bundle_sid}),
        )
        .await;
    assert!(
        created["sid"].as_str().is_some_and(|s| s.starts_with("PN")),
        "{created}"
    );
}

async fn page(world: &World, browser: &reqwest::Client, path: &str) -> String {
    let response = get(world, browser, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_numbers_under_a_bundle_are_shown_to_its_customer_and_staff_and_to_no_other_tenant() {
    // Arrange: acme's bundle carries three numbers (a fourth number of the account is under no
    // bundle); globex's bundle carries one. One regulation change stamps both bundles.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let (acme_bundle, regulation_sid) = world.seed_approved_bundle(&acme, "Acme UK", false).await;
    let (globex_bundle, _) = world
        .seed_approved_bundle(&globex, "Globex UK", false)
        .await;
    attach(
        &world,
        &acme,
        "+447700900001",
        "Support line",
        Some(&acme_bundle),
    )
    .await;
    attach(&world, &acme, "+447700900002", "Sales", Some(&acme_bundle)).await;
    attach(&world, &acme, "+447700900003", "", Some(&acme_bundle)).await;
    attach(&world, &acme, "+15005550006", "Unregulated", None).await;
    attach(
        &world,
        &globex,
        "+447700900999",
        "Globex desk",
        Some(&globex_bundle),
    )
    .await;
    world.require_vat_number(&regulation_sid).await;

    // Act: the sweeps mirror the bundles and read the numbers.
    world.clear_requests().await;
    world.sweep(&acme).await;
    world.sweep(&globex).await;
    world.settle().await;

    // Assert: one numbers call per tenant, at the largest page size.
    let listed: Vec<String> = world
        .emulator
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/IncomingPhoneNumbers.json"))
        .map(|r| r.path)
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");

    // The customer's renewal page names the three numbers and the day they stop working.
    let renewal = world
        .renewal(&acme, &acme_bundle)
        .await
        .expect("a renewal opened");
    let customer = customer_client(&world, &acme).await;
    let html = page(
        &world,
        &customer,
        &format!("/renewals/{}", renewal.renewal_id),
    )
    .await;
    assert!(
        html.contains("These 3 phone numbers stop working on"),
        "the renewal page warns about the numbers"
    );
    for number in [
        "+447700900001",
        "+447700900002",
        "+447700900003",
        "Support line",
    ] {
        assert!(html.contains(number), "{number} is listed");
    }
    assert!(
        !html.contains("+15005550006"),
        "a number under no bundle is not at risk"
    );
    assert!(!html.contains("+447700900999"), "nothing of globex");
    let bundles = page(&world, &customer, "/bundles").await;
    assert!(
        bundles.contains("3 phone numbers use this bundle"),
        "the bundle list counts them"
    );

    // Globex's customer sees its own number only.
    let other = customer_client(&world, &globex).await;
    let globex_renewal = world.renewal(&globex, &globex_bundle).await.unwrap();
    let html = page(
        &world,
        &other,
        &format!("/renewals/{}", globex_renewal.renewal_id),
    )
    .await;
    assert!(html.contains("This phone number stops working on"));
    assert!(html.contains("+447700900999") && !html.contains("+447700900001"));

    // Staff: the renewal page lists the numbers, the renewals list sorts by them, and the
    // dashboard counts four numbers at risk.
    let staff = staff_client(&world).await;
    let html = page(
        &world,
        &staff,
        &format!("/admin/renewals/{}", renewal.renewal_id),
    )
    .await;
    assert!(html.contains("+447700900002") && html.contains("stop working if this renewal"));
    let list = page(&world, &staff, "/admin/renewals?sort=numbers").await;
    let first = list.find(&acme_bundle).expect("acme listed");
    let second = list.find(&globex_bundle).expect("globex listed");
    assert!(first < second, "most numbers first");
    let list = page(&world, &staff, "/admin/renewals").await;
    assert!(
        list.contains("Most numbers at risk first"),
        "the order is offered"
    );
    let dashboard = page(&world, &staff, "/admin").await;
    assert!(
        dashboard.contains("data-numbers-at-risk=\"4\""),
        "3 + 1 numbers at risk"
    );
}

#[tokio::test]
async fn a_number_moved_off_the_bundle_is_gone_after_the_next_sweep() {
    // Arrange
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let (bundle, regulation_sid) = world.seed_approved_bundle(&acme, "Acme UK", false).await;
    attach(
        &world,
        &acme,
        "+447700900001",
        "Support line",
        Some(&bundle),
    )
    .await;
    world.require_vat_number(&regulation_sid).await;
    world.sweep(&acme).await;
    world.settle().await;
    assert_eq!(number_count(&world, &bundle).await, 1);

    // Act: the number is released at Twilio (the emulator's store loses it).
    world.emulator.state.lock().phone_numbers.clear();
    world.sweep(&acme).await;
    world.settle().await;

    // Assert
    assert_eq!(number_count(&world, &bundle).await, 0);
    let stored: i64 = sqlx::query_scalar("select count(*) from phone_number")
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

async fn number_count(world: &World, bundle_sid: &str) -> i32 {
    sqlx::query_scalar("select number_count from bundle where sid = $1")
        .bind(bundle_sid)
        .fetch_one(&world.db)
        .await
        .unwrap()
}
