//! A sweep of a large account: listed at Twilio's largest page size, written page by page,
//! each status callback taken once, and a repeat sweep that asks Twilio for nothing more than
//! its lists.

use recomply::db::timeline_chain;
use recomply::domain::event_type::EventType;
use recomply::domain::ids::TenantId;
use recomply::domain::renewal::RenewalState;
use recomply::domain::timeline_chain::verify;
use recomply::lifecycle::discovery;

use crate::lifecycle_support::World;

/// Counts the calls equal to `call`.
fn count(calls: &[String], call: &str) -> usize {
    calls.iter().filter(|c| *c == call).count()
}

async fn count_rows(world: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&world.db).await.unwrap()
}

#[tokio::test]
async fn a_sweep_of_1200_stamped_bundles_lists_four_pages_and_takes_each_callback_once() {
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let mut regulation = String::new();
    for n in 0..1200 {
        regulation = world
            .seed_approved_bundle(&tenant, &format!("Line {n}"), false)
            .await
            .1;
    }
    for n in 0..300 {
        world
            .seed_draft_bundle(&tenant, &format!("New line {n}"))
            .await;
    }
    world.require_vat_number(&regulation).await;
    let detected = [EventType::RenewalDetected];
    let receiver = "https://isv.example/recomply-events";
    crate::events::register(&world.engine, receiver, None, &detected).await;
    world.clear_requests().await;

    let report = discovery::sweep_tenant(&world.engine, tenant.tenant_id)
        .await
        .unwrap();

    assert_eq!(report.bundles_seen, 1500);
    assert_eq!(report.bundles_added, 1500);
    assert_eq!(report.renewals_opened, 1200);
    assert_eq!(report.problems, 0);
    // The tables it grew were analyzed before it ended: the planner knows their sizes.
    let sizes: Vec<(String, f32)> = sqlx::query_as(
        "select relname::text, reltuples from pg_class
         where relname in ('bundle', 'bundle_listing', 'renewal') order by relname",
    )
    .fetch_all(&world.db)
    .await
    .unwrap();
    let expected = [
        ("bundle", 1500.0),
        ("bundle_listing", 1500.0),
        ("renewal", 1200.0),
    ];
    let expected: Vec<(String, f32)> = expected.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(sizes, expected);
    let calls = world.calls();
    // 1,200 stamped bundles in 2 pages of 1,000, then all 1,500 in 2 more.
    assert_eq!(count(&calls, "GET /Bundles"), 4, "{:?}", &calls[..8]);
    assert_eq!(
        count(&calls, "POST /Bundles/BU"),
        1200,
        "one callback update each"
    );
    let mirrored = count_rows(&world, "select count(*) from bundle").await;
    assert_eq!(mirrored, 1500);
    let opened: i64 = sqlx::query_scalar("select count(*) from renewal where state = $1")
        .bind(RenewalState::Detected)
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(opened, 1200);
    let queued = "select count(*) from job where kind = 'prepare_renewal' and status = 'pending'";
    assert_eq!(
        count_rows(&world, queued).await,
        1200,
        "one preparation each"
    );
    let ours = world.webhook_url();
    let pointed: i64 = sqlx::query_scalar("select count(*) from bundle where status_callback = $1")
        .bind(&ours)
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(pointed, 1200, "the mirror records the callback taken");
    each_opening_is_on_the_trail_and_announced(&world, tenant.tenant_id, 1200).await;

    // The next sweep finds every callback already ours and every renewal open.
    world.clear_requests().await;
    let again = discovery::sweep_tenant(&world.engine, tenant.tenant_id)
        .await
        .unwrap();
    assert_eq!(again.renewals_opened, 0);
    assert_eq!(again.bundles_added, 0);
    let calls = world.calls();
    assert_eq!(count(&calls, "GET /Bundles"), 4);
    assert_eq!(count(&calls, "POST /Bundles/BU"), 0, "{calls:?}");
    assert_eq!(count_rows(&world, queued).await, 1200);
}

/// Each of the `opened` renewals has its `opened` row on the tenant's intact hash chain, one
/// `renewal.detected` event (sequence 1) and, for the one endpoint, one delivery and its job.
async fn each_opening_is_on_the_trail_and_announced(
    world: &World,
    tenant_id: TenantId,
    opened: i64,
) {
    let chain = timeline_chain::tenant_chain(&world.db, tenant_id)
        .await
        .unwrap();
    let check = verify(&chain);
    assert_eq!(check.first_break, None, "the chain verifies");
    assert_eq!(check.rows as i64, opened);
    let trail = "select count(distinct renewal_id) from renewal_event
                 where details->>'event' = 'opened' and details->>'deadline' is not null";
    assert_eq!(count_rows(world, trail).await, opened);
    let announced = "select count(distinct renewal_id) from outbound_event
                     where event_type = 'renewal.detected' and sequence = 1
                       and payload->'data'->>'state' = 'detected'";
    assert_eq!(count_rows(world, announced).await, opened);
    let deliveries = "select count(*) from event_delivery";
    assert_eq!(count_rows(world, deliveries).await, opened);
    let jobs = "select count(*) from job where kind = 'deliver_event' and status = 'pending'";
    assert_eq!(
        count_rows(world, jobs).await,
        opened,
        "one delivery job each"
    );
}

#[tokio::test]
async fn a_bundle_the_database_refuses_is_recorded_and_the_rest_of_its_page_is_mirrored() {
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bad, regulation) = world
        .seed_approved_bundle(&tenant, "Refused by the database", false)
        .await;
    let (first, _) = world
        .seed_approved_bundle(&tenant, "Main line", false)
        .await;
    let (second, _) = world
        .seed_approved_bundle(&tenant, "Back office", false)
        .await;
    world.require_vat_number(&regulation).await;
    // Postgres refuses this one row, so the page's single transaction fails as a whole.
    for statement in [
        "create function refuse_one_bundle() returns trigger language plpgsql as $$
         begin
             if new.friendly_name = 'Refused by the database' then
                 raise exception 'this row is refused';
             end if;
             return new;
         end $$",
        "create trigger refuse_one_bundle before insert or update on bundle
         for each row execute function refuse_one_bundle()",
    ] {
        sqlx::query(statement).execute(&world.db).await.unwrap();
    }

    let report = discovery::sweep_tenant(&world.engine, tenant.tenant_id)
        .await
        .unwrap();

    assert_eq!(report.renewals_opened, 2);
    assert_eq!(report.problems, 1);
    assert!(world.renewal(&tenant, &first).await.is_some());
    assert!(world.renewal(&tenant, &second).await.is_some());
    assert!(world.renewal(&tenant, &bad).await.is_none());
    let problems = recomply::db::sweep_problems::list(&world.db, 10)
        .await
        .unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].bundle_sid, bad);
    assert!(problems[0].problem.contains("refused"), "{problems:?}");
}
