//! Completion without callbacks: after a submission the copy is polled soon and then less and
//! less often, so an approval is noticed within a minute even when every callback is lost; a
//! callback that arrives while the database is down is answered 503 at once and recovered by
//! the next poll.

use recomply::domain::ids::RenewalId;
use std::time::{Duration, Instant};

use recomply::domain::renewal::RenewalState;
use recomply::jobs::runner;
use serde_json::json;
use sqlx::{Connection, Executor, PgConnection};

use crate::harness::maintenance_url;
use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::{Tenant, World};

/// Runs due jobs as a worker would (only those due, a few times a second) until the renewal
/// of `bundle_sid` is completed; returns how long that took. Panics after `limit`.
async fn run_worker_until_completed(
    world: &World,
    tenant: &Tenant,
    bundle_sid: &str,
    limit: Duration,
) -> Duration {
    let started = Instant::now();
    let ctx = world.runner("test-worker");
    while started.elapsed() < limit {
        runner::drain(&ctx).await.unwrap();
        let renewal = world.renewal(tenant, bundle_sid).await.unwrap();
        if renewal.state == RenewalState::Completed {
            return started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let renewal = world.renewal(tenant, bundle_sid).await.unwrap();
    panic!("not completed within {limit:?}: {:?}", renewal.state);
}

/// The attempt numbers of the polls that ran, in order.
async fn polls_run(world: &World) -> Vec<i64> {
    sqlx::query_scalar(
        "select coalesce((payload->>'attempt')::bigint, 0) from job
         where kind = 'poll_renewal' and status = 'done' order by job_id",
    )
    .fetch_all(&world.db)
    .await
    .unwrap()
}

async fn callbacks_stored(world: &World) -> i64 {
    sqlx::query_scalar("select count(*) from webhook_event")
        .fetch_one(&world.db)
        .await
        .unwrap()
}

async fn approved_by(world: &World, tenant: &Tenant, renewal_id: RenewalId) -> Option<String> {
    let events = recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
        .await
        .unwrap();
    let approved = events.iter().find(|e| e.event() == "approved")?;
    approved.actor.clone()
}

/// Lets the test database refuse (or accept again) new connections, closing the open ones:
/// to the app, the database is down.
async fn set_database_reachable(world: &World, reachable: bool) {
    let mut maintenance = PgConnection::connect(&maintenance_url()).await.unwrap();
    let name = world.database_name();
    maintenance
        .execute(format!(r#"alter database "{name}" with allow_connections {reachable}"#).as_str())
        .await
        .unwrap();
    if !reachable {
        sqlx::query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1")
            .bind(name)
            .execute(&mut maintenance)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn with_every_callback_lost_a_copy_approved_after_ten_seconds_completes_within_a_minute() {
    // Arrange: no callback ever reaches recomply; Twilio approves 10 s after the submission.
    // The first poll comes 2 s after it (30 s in production), each later wait doubles.
    let world = World::spawn_with(|config| config.poll_first = Some(Duration::from_secs(2))).await;
    let tenant = world.add_tenant("acme").await;
    world
        .control(
            "POST",
            "/callback-faults",
            json!({"fault": {"kind": "drop"}}),
        )
        .await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world.automatic_review(&tenant, 10).await;

    // Act
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    let took =
        run_worker_until_completed(&world, &tenant, &bundle_sid, Duration::from_secs(60)).await;

    // Assert: completed within the minute, by polling alone, with few polls spaced further
    // and further apart (2 s, 4 s, 8 s: the third sees the approval).
    assert!(took < Duration::from_secs(60), "{took:?}");
    let copy = world.emulator_bundle(&copy_sid).await;
    assert!(copy.is_none(), "the copy was deleted after completion");
    assert_eq!(
        callbacks_stored(&world).await,
        0,
        "no callback ever arrived"
    );
    assert_eq!(
        approved_by(&world, &tenant, renewal_id).await.as_deref(),
        Some("poll_renewal")
    );
    let polls = polls_run(&world).await;
    let expected: Vec<i64> = (0..polls.len() as i64).collect();
    assert_eq!(polls, expected, "each poll carries the next attempt number");
    assert!(
        (2..=4).contains(&polls.len()),
        "polls back off instead of running every 2 s: {polls:?} in {took:?}"
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn with_the_database_down_the_webhook_answers_503_quickly_and_the_next_poll_recovers_the_callback()
 {
    // Arrange: a submitted copy; then the database goes away.
    let world = World::spawn_with(|config| config.poll_first = Some(Duration::from_secs(1))).await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    set_database_reachable(&world, false).await;

    // Act 1: a callback arrives.
    let started = Instant::now();
    let response = world
        .http
        .post(world.webhook_url())
        .form(&[
            ("AccountSid", tenant.account_sid.as_str()),
            ("BundleSid", copy_sid.as_str()),
            ("Status", "twilio-approved"),
        ])
        .send()
        .await
        .unwrap();
    let elapsed = started.elapsed();

    // Assert 1: a quick 503 that asks for a retry.
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    assert!(
        elapsed < Duration::from_secs(3),
        "answered after {elapsed:?}"
    );

    // Act 2: Twilio approves the copy; every delivery of its callback fails while the
    // database is down, until Twilio gives up.
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    let mut gave_up = false;
    for _ in 0..300 {
        gave_up = world
            .emulator
            .state
            .lock()
            .outbox
            .log
            .iter()
            .any(|d| d.bundle_sid == copy_sid && d.outcome == "failed");
        if gave_up {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gave_up, "the emulator gave up on the callback");
    let statuses: Vec<_> = {
        let store = world.emulator.state.lock();
        store
            .outbox
            .log
            .iter()
            .filter(|d| {
                d.bundle_sid == copy_sid
                    && d.params
                        .iter()
                        .any(|(k, v)| k == "Status" && v == "twilio-approved")
            })
            .map(|d| d.http_status)
            .collect()
    };
    assert!(statuses.len() > 1, "Twilio retried: {statuses:?}");
    assert!(statuses.iter().all(|s| *s == Some(503)), "{statuses:?}");

    // Act 3: the database comes back; the worker runs what is due.
    set_database_reachable(&world, true).await;
    run_worker_until_completed(&world, &tenant, &bundle_sid, Duration::from_secs(30)).await;

    // Assert 3: the poll noticed the approval the lost callback announced.
    let approvals_stored: i64 =
        sqlx::query_scalar("select count(*) from webhook_event where status = 'twilio-approved'")
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(
        approvals_stored, 0,
        "the approval's callback was never stored"
    );
    assert_eq!(
        approved_by(&world, &tenant, renewal_id).await.as_deref(),
        Some("poll_renewal")
    );
    world.assert_no_failed_jobs().await;
}
