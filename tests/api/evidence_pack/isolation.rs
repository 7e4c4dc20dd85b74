//! Two tenants: neither's customer reaches the other's pack, and a staff tenant-range pack
//! holds one tenant only.

use recomply::domain::timeline_chain::verify;
use time::OffsetDateTime;

use super::{approved_bundle, complete_with_upload, customer_client, get, json_pack, staff_client};
use crate::lifecycle_support::World;

#[tokio::test]
async fn another_tenants_customer_gets_404_and_a_tenant_range_pack_holds_nothing_of_another_tenant()
{
    // Arrange: both tenants have a completed renewal with an upload.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    // One regulation change stamps both tenants' bundles.
    let (a_sid, regulation_sid) = approved_bundle(&world, &acme).await;
    let (b_sid, _) = approved_bundle(&world, &globex).await;
    world.require_vat_number(&regulation_sid).await;
    let a = complete_with_upload(&world, &acme, a_sid).await;
    let b = complete_with_upload(&world, &globex, b_sid).await;
    let globex_customer = customer_client(&world, &globex).await;
    let staff = staff_client(&world).await;

    // Act 1 + Assert 1: B's customer asks for A's pack.
    for format in ["pdf", "json"] {
        let path = format!("/renewals/{}/evidence.{format}", a.renewal_id);
        let response = get(&world, &globex_customer, &path).await;
        assert_eq!(response.status(), 404, "{path}");
    }
    let own = json_pack(
        &world,
        &globex_customer,
        &format!("/renewals/{}/evidence.json", b.renewal_id),
    )
    .await;
    assert_eq!(own.tenant.tenant_id, globex.tenant_id);
    assert_eq!(own.renewals[0].bundle_sid, b.bundle_sid);

    // Act 2: staff take A's pack over today.
    let today = OffsetDateTime::now_utc().date();
    let path = format!(
        "/admin/tenants/{}/evidence.json?from={today}&to={today}",
        acme.tenant_id
    );
    let pack = json_pack(&world, &staff, &path).await;

    // Assert 2: A's renewal and rows only; the whole chain of A recomputes to `audit verify`'s head.
    assert_eq!(pack.tenant.tenant_id, acme.tenant_id);
    assert_eq!(pack.renewals.len(), 1);
    assert_eq!(pack.renewals[0].renewal_id, a.renewal_id);
    let text = serde_json::to_string(&pack).unwrap();
    assert!(!text.contains(&b.bundle_sid), "nothing of tenant B");
    assert!(!text.contains(&globex.tenant_id.to_string()));
    assert!(!text.contains(&globex.user_email));
    let mut rows: Vec<_> = pack
        .renewals
        .iter()
        .flat_map(|r| r.timeline.iter().map(|e| e.row.clone()))
        .collect();
    rows.sort_by_key(|r| r.chain_seq);
    let check = verify(&rows);
    assert_eq!(check.first_break, None);
    let reports = recomply::lifecycle::audit::verify_all(&world.db)
        .await
        .unwrap();
    let report = reports
        .iter()
        .find(|r| r.tenant_id == acme.tenant_id)
        .unwrap();
    assert_eq!(
        (check.rows, &check.head_hash),
        (report.check.rows, &report.check.head_hash)
    );
    assert_eq!(pack.chain.head_hash, report.check.head_hash);
}
