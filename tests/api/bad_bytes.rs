//! Bad bytes from Twilio: a NUL in a value is stripped field by field, and one bundle that
//! cannot be mirrored never stops the sweep of the tenant's other bundles (it is recorded and
//! shown to staff instead).

use recomply::domain::ids::TenantId;
use serde_json::json;

use crate::lifecycle_support::World;

async fn sweep(world: &World, tenant_id: TenantId) {
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
}

#[tokio::test]
async fn a_nul_in_a_bundle_name_from_twilio_is_stripped_and_the_bundle_is_renewed() {
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bad, regulation) = world
        .seed_approved_bundle(&tenant, "Old\u{0}Nice line", false)
        .await;
    let (good, _) = world
        .seed_approved_bundle(&tenant, "Main line", false)
        .await;
    world.require_vat_number(&regulation).await;

    sweep(&world, tenant.tenant_id).await;

    let name: String = sqlx::query_scalar("select friendly_name from bundle where sid = $1")
        .bind(&bad)
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(name, "OldNice line");
    assert!(world.renewal(&tenant, &bad).await.is_some());
    assert!(world.renewal(&tenant, &good).await.is_some());
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn one_bundle_that_cannot_be_mirrored_does_not_stop_the_sweep_and_is_recorded() {
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bad, regulation) = world.seed_approved_bundle(&tenant, "Refused", false).await;
    let (good, _) = world
        .seed_approved_bundle(&tenant, "Main line", false)
        .await;
    world.require_vat_number(&regulation).await;
    // Twilio refuses to point this one bundle's status callback at us (a permanent 400).
    world
        .control(
            "POST",
            "/faults",
            json!({"method": "POST", "path": format!("/v2/RegulatoryCompliance/Bundles/{bad}"),
                   "fault": {"kind": "status", "status": 400}}),
        )
        .await;

    sweep(&world, tenant.tenant_id).await;

    assert!(
        world.renewal(&tenant, &good).await.is_some(),
        "the other bundle is renewed"
    );
    assert!(world.renewal(&tenant, &bad).await.is_none());
    world.assert_no_failed_jobs().await;
    let problems = recomply::db::sweep_problems::list(&world.db, 10)
        .await
        .unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].bundle_sid, bad);
    assert_eq!(problems[0].tenant_id, tenant.tenant_id);

    // Once Twilio accepts again, the next sweep mirrors it and the problem is gone.
    world
        .control("DELETE", "/faults", serde_json::Value::Null)
        .await;
    sweep(&world, tenant.tenant_id).await;
    assert!(world.renewal(&tenant, &bad).await.is_some());
    assert!(
        recomply::db::sweep_problems::list(&world.db, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn staff_see_on_the_dashboard_which_bundle_a_sweep_skipped() {
    let app = crate::harness::spawn_app().await;
    let tenant = app.seed().tenant("Acme Ltd").await;
    let staff = app.staff_client("support").await;
    let calm = app.get_with(&staff, "/admin").await.text().await.unwrap();
    assert!(!calm.contains("id=\"sweep-problems\""));

    recomply::db::sweep_problems::record(&app.db, tenant, "BUskipped", "Twilio answered 400")
        .await
        .unwrap();

    let page = app.get_with(&staff, "/admin").await.text().await.unwrap();
    assert!(page.contains("id=\"sweep-problems\""), "{page}");
    assert!(page.contains("BUskipped") && page.contains("Acme Ltd"));
    assert!(page.contains("Twilio answered 400"));
}

#[tokio::test]
async fn malformed_or_out_of_range_list_parameters_answer_400_with_the_styled_page() {
    let app = crate::harness::spawn_app().await;
    let staff = app.staff_client("support").await;
    for path in [
        "/admin/renewals?page=9223372036854775807",
        "/admin/renewals?page=0",
        "/admin/renewals?q=BU%00x",
        "/admin/bundles?page=9223372036854775807",
        "/admin/outbox?page=-3",
        "/admin/webhooks?q=%00",
    ] {
        let response = app.get_with(&staff, path).await;
        assert_eq!(response.status(), 400, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains("That address is not right"), "{path}: {page}");
    }
    let fine = app.get_with(&staff, "/admin/renewals?page=2&q=BU").await;
    assert_eq!(fine.status(), 200);
}
