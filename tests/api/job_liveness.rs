//! Liveness of running jobs: the heartbeat keeps a long job's claim so no other runner takes it,
//! a job whose runner died is taken up again once its short lease ends, and an attempt past its
//! timeout is cancelled and retried.

use std::time::Duration;

use recomply::domain::renewal::RenewalState;
use recomply::jobs::JobContext;
use recomply::jobs::liveness::Liveness;
use recomply::jobs::runner::{self, Outcome};
use serde_json::json;

use crate::lifecycle_support::{Tenant, World};

const SHORT: Liveness = Liveness {
    lease: Duration::from_millis(1000),
    heartbeat: Duration::from_millis(200),
    timeout: Duration::from_secs(60),
};

/// For the test that a heartbeat keeps a claim: fifteen heartbeats per lease, so a loaded
/// machine (a slow renewal query, a stalled runtime) does not lose the claim by accident.
const STEADY: Liveness = Liveness {
    lease: Duration::from_millis(3000),
    heartbeat: Duration::from_millis(200),
    timeout: Duration::from_secs(60),
};

/// A tenant with one affected bundle, swept: its `prepare_renewal` job is due. Twilio calls
/// may take up to a minute (a slow copy here outlasts the emulator's usual 10 s timeout).
async fn world_with_a_due_preparation() -> (World, Tenant, String) {
    let world = World::spawn_with(|config| config.twilio.timeout = Duration::from_secs(60)).await;
    let tenant = world.add_tenant("acme").await;
    let (sid, regulation) = world.seed_approved_bundle(&tenant, "One", false).await;
    world.require_vat_number(&regulation).await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let sweeper = world.runner("sweeper");
    assert_eq!(runner::run_next(&sweeper).await.unwrap(), Outcome::Ran);
    (world, tenant, sid)
}

/// Twilio answers the next copy creation only after `ms`.
async fn slow_copy(world: &World, ms: u64) {
    world
        .control(
            "POST",
            "/faults",
            json!({"method": "POST", "path": "/v2/RegulatoryCompliance/Bundles/*/Copies",
                   "fault": {"kind": "latency", "ms": ms}, "count": 1}),
        )
        .await;
}

async fn job_row(world: &World) -> (String, i32, Option<String>) {
    sqlx::query_as("select status, attempts, last_error from job where kind = 'prepare_renewal'")
        .fetch_one(&world.db)
        .await
        .unwrap()
}

/// The kinds of the jobs `worker` claimed last (a job keeps the name of its last claimant).
async fn kinds_claimed_by(world: &World, worker: &str) -> Vec<String> {
    sqlx::query_scalar("select kind from job where locked_by = $1")
        .bind(worker)
        .fetch_all(&world.db)
        .await
        .unwrap()
}

fn runner(world: &World, name: &str, liveness: Liveness) -> JobContext {
    world.runner(name).with_liveness(liveness)
}

#[tokio::test]
async fn a_job_that_outlives_its_first_lease_is_never_taken_by_a_second_runner() {
    // Arrange: the preparation takes 2.5 leases.
    let (world, tenant, sid) = world_with_a_due_preparation().await;
    slow_copy(&world, 7500).await;
    world.clear_requests().await;
    let first = runner(&world, "first", STEADY);
    let second = runner(&world, "second", STEADY);

    // Act: the second runner keeps trying to claim while the first works. (It may run the jobs
    // the preparation enqueues as it goes, such as the customer's email: those are its to take.)
    let running = tokio::spawn(async move { runner::run_next(&first).await.unwrap() });
    while job_row(&world).await.0 != "running" {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    while !running.is_finished() {
        runner::run_next(&second).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let outcome = running.await.unwrap();

    // Assert
    assert_eq!(outcome, Outcome::Ran);
    assert_eq!(
        kinds_claimed_by(&world, "second")
            .await
            .iter()
            .filter(|kind| *kind == "prepare_renewal")
            .count(),
        0,
        "the heartbeat kept the claim"
    );
    assert_eq!(job_row(&world).await, ("done".to_owned(), 1, None));
    let copies = world
        .calls()
        .iter()
        .filter(|c| *c == "POST /Bundles/BU/Copies")
        .count();
    assert_eq!(copies, 1, "one copy");
    let renewal = world.renewal(&tenant, &sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
}

#[tokio::test]
async fn a_job_whose_runner_died_is_taken_up_again_once_its_lease_ends() {
    // Arrange: the first runner dies (its task is dropped) in the middle of the preparation.
    let (world, tenant, sid) = world_with_a_due_preparation().await;
    slow_copy(&world, 600).await;
    let first = runner(&world, "first", SHORT);
    let dying = tokio::spawn(async move { runner::run_next(&first).await });
    while job_row(&world).await.0 != "running" {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    dying.abort();
    let died = std::time::Instant::now();
    let second = runner(&world, "second", SHORT);

    // Act
    let while_leased = runner::run_next(&second).await.unwrap();
    let mut taken_after = None;
    for _ in 0..100 {
        if runner::run_next(&second).await.unwrap() == Outcome::Ran {
            taken_after = Some(died.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    world.run_jobs().await;

    // Assert
    assert_eq!(while_leased, Outcome::Empty, "the lease still held");
    let taken_after = taken_after.expect("the job was taken up again");
    assert!(taken_after < Duration::from_secs(3), "{taken_after:?}");
    let (status, attempts, _) = job_row(&world).await;
    assert_eq!((status.as_str(), attempts), ("done", 2));
    let renewal = world.renewal(&tenant, &sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    let copies = world
        .emulator
        .state
        .lock()
        .bundles
        .values()
        .filter(|b| b.copied_from.as_deref() == Some(sid.as_str()))
        .count();
    assert_eq!(copies, 1, "exactly one copy of the original");
}

#[tokio::test]
async fn an_attempt_past_its_timeout_is_cancelled_and_retried() {
    // Arrange
    let (world, tenant, sid) = world_with_a_due_preparation().await;
    slow_copy(&world, 1500).await;
    let impatient = runner(
        &world,
        "impatient",
        Liveness {
            timeout: Duration::from_millis(400),
            ..SHORT
        },
    );

    // Act
    let outcome = runner::run_next(&impatient).await.unwrap();
    let after_timeout = job_row(&world).await;
    world.run_jobs().await;

    // Assert
    assert_eq!(outcome, Outcome::Ran);
    assert_eq!(after_timeout.0, "pending", "retried later");
    assert!(
        after_timeout.2.as_deref().unwrap().contains("timed out"),
        "{after_timeout:?}"
    );
    let renewal = world.renewal(&tenant, &sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
}
