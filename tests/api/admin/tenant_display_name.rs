//! A tenant's display name: the name its customers see in place of the name staff know it by,
//! set on the tenant form and changing nothing for any other tenant.

use recomply::db::tenants;
use recomply::domain::ids::TenantId;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, parse, text, texts};

async fn edit(
    app: &TestApp,
    staff: &reqwest::Client,
    tenant_id: TenantId,
    display_name: &str,
) -> reqwest::Response {
    app.edit_tenant(staff, tenant_id, &[("display_name", display_name)])
        .await
}

#[tokio::test]
async fn one_tenants_display_name_changes_only_what_its_own_customers_see() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, globex) = (seed.tenant("Acme").await, seed.tenant("Globex").await);
    let staff = app.staff_client("support").await;

    // Act
    let saved = edit(&app, &staff, acme, "  Acme Mobile ").await;

    // Assert
    assert_eq!(saved.status(), 303);
    assert_eq!(
        tenants::customer_facing_name(&app.db, acme).await.unwrap(),
        "Acme Mobile"
    );
    assert_eq!(
        tenants::customer_facing_name(&app.db, globex)
            .await
            .unwrap(),
        "Globex"
    );
    let page = parse(
        &app.get_with(&staff, &format!("/admin/tenants/{acme}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&page, "h1"), "Acme");
    assert_eq!(text(&page, "#customer-name"), "Customers see Acme Mobile");
    assert_eq!(
        attr(&page, "#display_name", "value").as_deref(),
        Some("Acme Mobile")
    );
    let other = parse(
        &app.get_with(&staff, &format!("/admin/tenants/{globex}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&other, "#customer-name"), "");
    let list = parse(
        &app.get_with(&staff, "/admin/tenants")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(
        texts(&list, ".customer-name"),
        ["customers see “Acme Mobile”"]
    );

    let cleared = edit(&app, &staff, acme, "").await;
    assert_eq!(cleared.status(), 303);
    assert_eq!(
        tenants::customer_facing_name(&app.db, acme).await.unwrap(),
        "Acme"
    );
}

#[tokio::test]
async fn a_bad_display_name_is_flagged_beside_its_field_and_kept() {
    let app = spawn_app().await;
    let acme = app.seed().tenant("Acme").await;
    let staff = app.staff_client("admin").await;
    let long = "A".repeat(201);

    let response = edit(&app, &staff, acme, &long).await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#display_name-error"),
        "Use at most 200 characters"
    );
    assert_eq!(attr(&page, "#display_name", "value"), Some(long));
    assert_eq!(
        tenants::customer_facing_name(&app.db, acme).await.unwrap(),
        "Acme"
    );
}
