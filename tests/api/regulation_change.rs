//! "What changed": when Twilio changes a regulation, the customer's renewal page, the
//! action-needed email and the staff view list what is new since the bundle was approved, in
//! Twilio's names; without an earlier version recomply says so instead of guessing.

use recomply::demo::seed;
use recomply::domain::ids::RenewalId;
use recomply::domain::renewal::RenewalState;
use serde_json::json;

use crate::harness::{client, follow_link};
use crate::html::texts;
use crate::lifecycle_support::World;

/// The demo's world, swept once before the change when `baseline`, then after "France:
/// Mobile - Business" asks for a business website and a proof of premises.
async fn world_after_two_new_requirements(baseline: bool) -> (World, seed::SeedReport) {
    let world = World::spawn().await;
    let report = seed::seed(&seed::SeedTarget {
        db: &world.db,
        key: &world.config.secret_key,
        emulator_url: world.emulator.base_url(),
        webhook_url: &world.webhook_url(),
        review_delay_seconds: 60,
    })
    .await
    .expect("the demo data seeds");
    let tenant_ids: Vec<_> = report.tenants.iter().map(|t| t.tenant_id).collect();
    if baseline {
        seed::sweep_all(&world.db, &tenant_ids).await.unwrap();
        world.run_jobs().await;
    }
    let acme = &report.tenants[0];
    let regulation = seed::enact_france_change(
        world.emulator.base_url(),
        &acme.account_sid,
        &acme.auth_token,
        21,
    )
    .await
    .unwrap();
    world
        .control(
            "POST",
            &format!("/regulations/{regulation}/changes"),
            json!({
                "change": {"kind": "add_document_requirement",
                    "requirement_name": "proof_of_premises_info",
                    "name": "Proof of Premises",
                    "description": "A recent bill showing the business's premises.",
                    "accepted_documents": [{"name": "Utility bill", "type": "utility_bill"}]},
                "valid_until_days": 21,
            }),
        )
        .await;
    seed::sweep_all(&world.db, &tenant_ids).await.unwrap();
    world.run_jobs().await;
    (world, report)
}

async fn paris_renewal(world: &World) -> RenewalId {
    sqlx::query_scalar(
        "select r.renewal_id from renewal r join bundle b using (bundle_id)
         where b.friendly_name = 'Acme — Paris sales line' and r.state = $1",
    )
    .bind(RenewalState::Collecting)
    .fetch_one(&world.db)
    .await
    .expect("the Paris bundle's renewal is ready for the customer")
}

/// The customer's renewal page, signed in through the action-needed email's link.
async fn renewal_page(world: &World, renewal_id: RenewalId) -> (String, String) {
    let mail = world
        .mailbox
        .to("ada@acme.example")
        .into_iter()
        .find(|m| m.subject.starts_with("Action needed") && m.subject.contains("Paris sales line"))
        .expect("the action-needed email");
    let customer = client();
    let landed = follow_link(&customer, &mail.link().unwrap()).await;
    assert_eq!(landed.status(), 303);
    let html = customer
        .get(format!("{}/renewals/{renewal_id}", world.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (html, mail.text)
}

#[tokio::test]
async fn two_new_requirements_are_explained_on_the_page_in_the_email_and_to_staff() {
    let (world, _report) = world_after_two_new_requirements(true).await;
    let renewal_id = paris_renewal(&world).await;

    let (html, email) = renewal_page(&world, renewal_id).await;

    assert_eq!(
        texts(&html, "#whats-new h2"),
        ["New since your bundle was approved"]
    );
    let lines = texts(&html, "#whats-new li");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0], "A new detail: Business Website");
    assert_eq!(lines[1], "A new document: Proof of Premises (Utility bill)");
    assert!(
        email.contains("New since your bundle was approved"),
        "{email}"
    );
    assert!(
        email.contains("- A new detail: Business Website"),
        "{email}"
    );
    assert!(
        email.contains("- A new document: Proof of Premises"),
        "{email}"
    );

    let staff_client = staff_client(&world).await;
    let staff = staff_get(
        &world,
        &staff_client,
        &format!("/admin/renewals/{renewal_id}"),
    )
    .await;
    let staff_lines = texts(&staff, "#whats-new li");
    assert_eq!(staff_lines, lines, "staff see the same list");

    // Per regulation: the version before the change and the version after, with what it added.
    let sid: String = sqlx::query_scalar(
        "select distinct regulation_sid from regulation_version
         where friendly_name like 'France: Mobile - Business%'",
    )
    .fetch_one(&world.db)
    .await
    .unwrap();
    let list = staff_get(&world, &staff_client, "/admin/regulations").await;
    assert!(
        list.contains(&format!("/admin/regulations/{sid}")),
        "{list}"
    );
    let regulation = staff_get(&world, &staff_client, &format!("/admin/regulations/{sid}")).await;
    let versions = texts(&regulation, "[data-version]");
    assert!(versions.len() >= 2, "{versions:?}");
    let newest = texts(&regulation, "[data-version]:first-child li");
    assert_eq!(
        newest, lines,
        "the newest version lists what the change added"
    );
}

/// `path` as `staff` sees it.
async fn staff_get(world: &World, staff: &reqwest::Client, path: &str) -> String {
    staff
        .get(format!("{}{path}", world.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A support staff member's signed-in client.
async fn staff_client(world: &World) -> reqwest::Client {
    crate::admin::create_staff(&world.db, "sam@isv.example", "Sam Support", "support").await;
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
    let csrf = crate::html::csrf_token(&form);
    let signed_in = staff
        .post(&login)
        .form(&[
            ("email", "sam@isv.example"),
            ("password", crate::admin::PASSWORD),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303, "staff sign in");
    staff
}

#[tokio::test]
async fn without_an_earlier_version_the_page_says_so_honestly() {
    let (world, _report) = world_after_two_new_requirements(false).await;
    let renewal_id = paris_renewal(&world).await;

    let (html, email) = renewal_page(&world, renewal_id).await;

    assert_eq!(texts(&html, "#whats-new h2"), ["What changed"]);
    assert!(
        texts(&html, "#whats-new li").is_empty(),
        "nothing is guessed"
    );
    assert!(
        texts(&html, "#whats-new p")
            .concat()
            .starts_with("We had not seen this regulation before"),
        "{html}"
    );
    assert!(
        email.contains("We had not seen this regulation before"),
        "{email}"
    );
}
