//! Status callbacks coalesce: however many arrive about one bundle while its re-read waits,
//! the bundle is read from Twilio once; one arriving while the re-read runs leads to one more
//! re-read, so no change is lost. Bundles and tenants each get their own re-read.

use futures::future::join_all;
use recomply::domain::ids::TenantId;
use recomply::twilio::signature;

use crate::lifecycle_support::{Tenant, World};

/// A callback about `bundle_sid` with its own signed content (the `n`th of a run).
fn callback(
    world: &World,
    tenant: &Tenant,
    bundle_sid: &str,
    n: usize,
) -> (Vec<(String, String)>, String) {
    let params = vec![
        ("AccountSid".to_owned(), tenant.account_sid.clone()),
        ("BundleSid".to_owned(), bundle_sid.to_owned()),
        ("Status".to_owned(), "twilio-approved".to_owned()),
        ("FailureReason".to_owned(), format!("note {n}")),
    ];
    let signed = signature::compute(&tenant.auth_token, &world.webhook_url(), &params);
    (params, signed)
}

/// Posts `count` distinct callbacks about `bundle_sid` at once; their answers.
async fn post_many(
    world: &World,
    tenant: &Tenant,
    bundle_sid: &str,
    range: std::ops::Range<usize>,
) -> Vec<u16> {
    let posts = range.map(|n| {
        let (params, signed) = callback(world, tenant, bundle_sid, n);
        async move {
            world
                .http
                .post(world.webhook_url())
                .header("X-Twilio-Signature", signed)
                .form(&params)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    join_all(posts).await
}

/// Re-read jobs by status, as `(tenant, status)` counts.
async fn rereads(world: &World, status: &str) -> Vec<(TenantId, i64)> {
    sqlx::query_as(
        "select tenant_id, count(*) from job
         where kind = 'process_bundle_status' and status = $1
         group by tenant_id order by tenant_id",
    )
    .bind(status)
    .fetch_all(&world.db)
    .await
    .unwrap()
}

/// How many times the emulator served `GET` of the bundle `sid`.
fn fetches_of(world: &World, sid: &str) -> usize {
    world
        .emulator
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with(&format!("/Bundles/{sid}")))
        .count()
}

async fn unprocessed(world: &World) -> i64 {
    sqlx::query_scalar("select count(*) from webhook_event where processed_at is null")
        .fetch_one(&world.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn twenty_callbacks_for_one_bundle_make_one_pending_reread_and_one_fetch() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, _) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.run_jobs().await;
    world.clear_requests().await;

    // Act: one callback, then nineteen more at once.
    let first = post_many(&world, &tenant, &bundle_sid, 0..1).await;
    let job_written = || async {
        sqlx::query_scalar::<_, time::OffsetDateTime>(
            "select updated_at from job where kind = 'process_bundle_status'",
        )
        .fetch_one(&world.db)
        .await
        .unwrap()
    };
    let written_first = job_written().await;
    let rest = post_many(&world, &tenant, &bundle_sid, 1..20).await;

    // Assert: all stored, one pending re-read, not rewritten by the later callbacks.
    assert_eq!(first, [204]);
    assert_eq!(rest, [204; 19]);
    let stored: i64 = sqlx::query_scalar("select count(*) from webhook_event")
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(stored, 20);
    assert_eq!(rereads(&world, "pending").await, [(tenant.tenant_id, 1)]);
    assert_eq!(
        job_written().await,
        written_first,
        "the pending job was left alone"
    );

    // Act
    world.run_jobs().await;

    // Assert: one read of the bundle took in all twenty.
    assert_eq!(fetches_of(&world, &bundle_sid), 1);
    assert_eq!(unprocessed(&world).await, 0);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_callback_while_the_reread_runs_queues_exactly_one_more() {
    // Arrange: a re-read pending, then claimed by a worker (it is running).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, _) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.run_jobs().await;
    assert_eq!(post_many(&world, &tenant, &bundle_sid, 0..1).await, [204]);
    let running = recomply::db::jobs::claim_next(&world.db, "elsewhere", 60.0)
        .await
        .unwrap()
        .expect("the re-read is due");
    world.clear_requests().await;

    // Act: three callbacks arrive while it runs; then it finishes.
    let during = post_many(&world, &tenant, &bundle_sid, 1..4).await;
    let pending_while_running = rereads(&world, "pending").await;
    let claim = recomply::db::jobs::Claim {
        job_id: running.job_id,
        worker: "elsewhere",
        attempt: running.attempts,
    };
    assert!(
        recomply::db::jobs::mark_done(&world.db, claim)
            .await
            .unwrap()
    );
    world.run_jobs().await;

    // Assert: one more re-read, which read the bundle once and took in every callback.
    assert_eq!(during, [204; 3]);
    assert_eq!(pending_while_running, [(tenant.tenant_id, 1)]);
    assert_eq!(fetches_of(&world, &bundle_sid), 1);
    assert_eq!(rereads(&world, "done").await, [(tenant.tenant_id, 2)]);
    assert_eq!(unprocessed(&world).await, 0);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn each_bundle_and_each_tenant_gets_its_own_reread() {
    // Arrange
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let (mobile, _) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", false)
        .await;
    let (local, _) = world
        .seed_approved_bundle(&acme, "Acme UK local", false)
        .await;
    let (theirs, _) = world
        .seed_approved_bundle(&globex, "Globex UK mobile", false)
        .await;
    world.run_jobs().await;
    world.clear_requests().await;

    // Act: five callbacks about each bundle.
    let answers = [
        post_many(&world, &acme, &mobile, 0..5).await,
        post_many(&world, &acme, &local, 0..5).await,
        post_many(&world, &globex, &theirs, 0..5).await,
    ];
    let pending = rereads(&world, "pending").await;
    world.run_jobs().await;

    // Assert: a re-read per bundle, each under its own tenant, each bundle read once.
    assert_eq!(answers, [[204; 5], [204; 5], [204; 5]]);
    let mut expected = vec![(acme.tenant_id, 2), (globex.tenant_id, 1)];
    expected.sort();
    assert_eq!(pending, expected);
    for sid in [&mobile, &local, &theirs] {
        assert_eq!(fetches_of(&world, sid), 1, "{sid}");
    }
    assert_eq!(unprocessed(&world).await, 0);
    world.assert_no_failed_jobs().await;
}
