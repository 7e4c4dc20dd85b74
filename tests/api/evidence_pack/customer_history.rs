//! The customer's status page shows every check Twilio made, with what changed between two.

use super::{completed_with_upload, customer_client, get};
use crate::html::{attrs, texts};
use crate::lifecycle_support::World;

#[tokio::test]
async fn the_customers_status_page_lists_every_evaluation_with_what_changed() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let done = completed_with_upload(&world, &tenant).await;
    let stored =
        recomply::db::evaluations::list_for_renewal(&world.db, tenant.tenant_id, done.renewal_id)
            .await
            .unwrap();
    let browser = customer_client(&world, &tenant).await;

    // Act
    let page = get(
        &world,
        &browser,
        &format!("/renewals/{}/status", done.renewal_id),
    )
    .await;

    // Assert: one entry per kept evaluation, newest first, in the customer's words.
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    let checks = texts(&page, "#checks li[data-check] .check-occasion");
    assert_eq!(checks.len(), stored.len(), "{checks:?}");
    assert_eq!(checks.last().unwrap(), "When we prepared the update");
    assert!(
        checks.contains(&"After you saved changes".to_owned()),
        "{checks:?}"
    );
    assert!(
        checks.contains(&"After Twilio's review asked for changes".to_owned()),
        "{checks:?}"
    );
    let changes = texts(&page, "#checks .check-changes li");
    assert!(
        changes
            .iter()
            .any(|c| c == "vat_number: “” → “GB123456789”"),
        "{changes:?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c == "Document “Head office lease” (business_address) added"),
        "{changes:?}"
    );
    let verdicts = texts(&page, "#checks .badge");
    assert_eq!(verdicts.first().unwrap(), "Nothing missing");
    assert_eq!(verdicts.last().unwrap(), "Something still needed");
    assert_eq!(
        attrs(&page, "#checks .evidence-links a", "href"),
        [
            format!("/renewals/{}/evidence.pdf", done.renewal_id),
            format!("/renewals/{}/evidence.json", done.renewal_id)
        ]
    );
}
