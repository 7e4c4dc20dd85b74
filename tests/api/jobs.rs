//! The Postgres job queue: transactional enqueue, dedupe, retries with backoff, dead jobs, and
//! two workers on one database running each step once.

use std::time::Duration;

use recomply::db::jobs as queue;
use recomply::domain::renewal::RenewalState;
use recomply::jobs::runner::{self, Outcome};
use recomply::jobs::worker::run_worker_until_stopped;
use recomply::queue::sweep_tenant::SweepTenant;

use crate::lifecycle_support::World;

#[tokio::test]
async fn a_job_enqueued_in_a_rolled_back_transaction_never_exists_and_duplicates_collapse() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;

    // Act
    let mut tx = world.db.begin().await.unwrap();
    recomply::queue::enqueue(
        &mut tx,
        &SweepTenant {
            tenant_id: tenant.tenant_id,
        },
    )
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    let mut tx = world.db.begin().await.unwrap();
    let first = recomply::queue::enqueue(
        &mut tx,
        &SweepTenant {
            tenant_id: tenant.tenant_id,
        },
    )
    .await
    .unwrap();
    let second = recomply::queue::enqueue(
        &mut tx,
        &SweepTenant {
            tenant_id: tenant.tenant_id,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // Assert
    assert_eq!(first, second, "the same pending job absorbed the duplicate");
    let open = queue::list_open(&world.db).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0].dedupe_key.as_deref(),
        Some(format!("sweep:{}", tenant.tenant_id).as_str())
    );
}

#[tokio::test]
async fn a_failing_job_backs_off_then_goes_dead_and_stays_visible() {
    // Arrange: a tenant whose bundle list Twilio keeps failing (a refused token is flagged
    // at once instead, see `staff_alerts`).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    world
        .control(
            "POST",
            "/faults",
            serde_json::json!({"path": "/v2/RegulatoryCompliance/Bundles",
                "fault": {"kind": "status", "status": 500}, "probability": 1.0}),
        )
        .await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let ctx = world.runner("test");

    // Act 1: one attempt.
    assert_eq!(runner::run_next(&ctx).await.unwrap(), Outcome::Ran);

    // Assert 1: rescheduled into the future with the error recorded; nothing due now.
    let open: Vec<_> = queue::list_open(&world.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|job| job.kind == "sweep_tenant")
        .collect();
    assert_eq!(open[0].attempts, 1);
    assert!(
        open[0].last_error.as_deref().unwrap().contains("500"),
        "{:?}",
        open[0].last_error
    );
    let delay = open[0].run_at - time::OffsetDateTime::now_utc();
    assert!(
        delay > time::Duration::seconds(3) && delay <= time::Duration::seconds(11),
        "{delay}"
    );
    assert_eq!(runner::drain(&ctx).await.unwrap(), 0, "nothing is due");

    // Act 2: every remaining attempt.
    world.run_jobs().await;

    // Assert 2
    let dead = queue::list_by_status(&world.db, recomply::domain::job_status::JobStatus::Dead, 10)
        .await
        .unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].attempts, dead[0].max_attempts);
    assert!(queue::list_open(&world.db).await.unwrap().is_empty());
    assert!(
        queue::revive(&world.db, dead[0].job_id).await.unwrap(),
        "staff can retry a dead job"
    );
}

#[tokio::test]
#[should_panic(expected = "the test ended with dead jobs")]
async fn a_test_that_leaves_a_dead_job_it_did_not_expect_fails() {
    let world = World::spawn().await;
    sqlx::query("insert into job (kind, payload, max_attempts) values ('no_such_job', '{}', 1)")
        .execute(&world.db)
        .await
        .unwrap();
    world.run_jobs().await;
    let dead = queue::list_by_status(&world.db, recomply::domain::job_status::JobStatus::Dead, 10)
        .await
        .unwrap();
    assert_eq!(dead.len(), 1, "the job died");
    // Dropping the world now fails the test: nothing called `expect_dead_jobs`.
}

#[tokio::test]
async fn a_test_that_expects_a_dead_job_may_leave_it() {
    let world = World::spawn().await;
    world.expect_dead_jobs();
    sqlx::query("insert into job (kind, payload, max_attempts) values ('no_such_job', '{}', 1)")
        .execute(&world.db)
        .await
        .unwrap();
    world.run_jobs().await;
}

#[tokio::test]
async fn two_workers_on_one_database_run_every_step_exactly_once() {
    // Arrange: three affected bundles.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let mut bundles = Vec::new();
    let mut regulation = String::new();
    for name in ["One", "Two", "Three"] {
        let (sid, regulation_sid) = world.seed_approved_bundle(&tenant, name, false).await;
        bundles.push(sid);
        regulation = regulation_sid;
    }
    world.require_vat_number(&regulation).await;
    world.clear_requests().await;

    // Act: two worker processes' worth of runners, each also scheduling the periodic sweep.
    let (stop_a, stopped_a) = tokio::sync::oneshot::channel::<()>();
    let (stop_b, stopped_b) = tokio::sync::oneshot::channel::<()>();
    let a = tokio::spawn(run_worker_until_stopped(
        world.engine.clone(),
        2,
        async move {
            let _ = stopped_a.await;
        },
    ));
    let b = tokio::spawn(run_worker_until_stopped(
        world.engine.clone(),
        2,
        async move {
            let _ = stopped_b.await;
        },
    ));
    let mut ready = false;
    for _ in 0..500 {
        let collecting: i64 = sqlx::query_scalar("select count(*) from renewal where state = $1")
            .bind(RenewalState::Collecting)
            .fetch_one(&world.db)
            .await
            .unwrap();
        let busy: i64 = sqlx::query_scalar(
            "select count(*) from job where status = 'running' or (status = 'pending' and run_at <= now())",
        )
        .fetch_one(&world.db)
        .await
        .unwrap();
        if collecting == 3 && busy == 0 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop_a.send(()).unwrap();
    stop_b.send(()).unwrap();
    a.await.unwrap().unwrap();
    b.await.unwrap().unwrap();

    // Assert
    assert!(ready, "the workers prepared every renewal");
    for sid in &bundles {
        let renewal = world.renewal(&tenant, sid).await.unwrap();
        assert_eq!(renewal.state, RenewalState::Collecting);
        assert_eq!(
            world.timeline(&tenant, renewal.renewal_id).await,
            [
                "opened:-->detected",
                "copy_created:detected->copy_created",
                "prepared:copy_created->collecting"
            ]
        );
    }
    let calls = world.calls();
    let count = |call: &str| calls.iter().filter(|c| *c == call).count();
    let jobs: Vec<(String, String, i32)> =
        sqlx::query_as("select kind, status, attempts from job order by job_id")
            .fetch_all(&world.db)
            .await
            .unwrap();
    // One sweep lists twice: the bundles with a deadline, then the whole account.
    assert_eq!(count("GET /Bundles"), 2, "one sweep: {jobs:?} {calls:?}");
    assert_eq!(count("POST /Bundles/BU/Copies"), 3, "one copy per bundle");
    assert_eq!(count("POST /Bundles/BU/Evaluations"), 3);
    let claimed_twice: i64 = sqlx::query_scalar("select count(*) from job where attempts > 1")
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(claimed_twice, 0, "no job ran twice");
    let workers: Vec<(i32, bool)> =
        sqlx::query_as("select concurrency, stopped_at is not null from job_worker")
            .fetch_all(&world.db)
            .await
            .unwrap();
    assert_eq!(
        workers,
        [(2, true), (2, true)],
        "both registered, both signed off"
    );
    let emails: i64 =
        sqlx::query_scalar("select count(*) from email_outbox where kind = 'action_needed'")
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(emails, 3, "one action-needed email per renewal");
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn the_daily_prune_deletes_done_jobs_older_than_a_week_and_keeps_dead_ones() {
    // Arrange: finished jobs of various ages, a dead one, and one still pending.
    let world = World::spawn().await;
    world.expect_dead_jobs();
    for (kind, status, finished_days_ago) in [
        ("old_done", "done", Some(8)),
        ("recent_done", "done", Some(1)),
        ("old_dead", "dead", Some(30)),
        ("waiting", "pending", None),
    ] {
        sqlx::query(
            "insert into job (kind, status, finished_at, run_at)
             values ($1, $2, now() - make_interval(days => $3), now() + interval '1 hour')",
        )
        .bind(kind)
        .bind(status)
        .bind(finished_days_ago)
        .execute(&world.db)
        .await
        .unwrap();
    }

    // Act: a worker start schedules the periodic jobs; the due ones run.
    recomply::jobs::schedule::ensure_periodic_jobs(&world.db)
        .await
        .unwrap();
    runner::drain(&world.runner("test")).await.unwrap();

    // Assert
    let left: Vec<String> = sqlx::query_scalar(
        "select kind from job where kind in ('old_done', 'recent_done', 'old_dead', 'waiting')
         order by kind",
    )
    .fetch_all(&world.db)
    .await
    .unwrap();
    assert_eq!(left, ["old_dead", "recent_done", "waiting"]);
    let next: Vec<(String, bool)> = sqlx::query_as(
        "select status, run_at > now() + interval '23 hours' from job
         where kind = 'prune_jobs' order by job_id",
    )
    .fetch_all(&world.db)
    .await
    .unwrap();
    assert_eq!(
        next,
        [("done".to_owned(), false), ("pending".to_owned(), true)],
        "it ran once and scheduled itself for tomorrow"
    );
}

#[tokio::test]
async fn the_daily_prune_deletes_callbacks_past_their_retention_and_keeps_recent_ones() {
    // Arrange: callbacks received 91, 89 and 0 days ago (the default retention is 90 days).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    for (key, days_ago) in [("old", 91), ("recent", 89), ("today", 0)] {
        sqlx::query(
            "insert into webhook_event (tenant_id, account_sid, bundle_sid, payload, dedupe_key,
                 received_at)
             values ($1, $2, 'BU00000000000000000000000000000001', '{}', $3,
                 now() - make_interval(days => $4))",
        )
        .bind(tenant.tenant_id)
        .bind(&tenant.account_sid)
        .bind(key)
        .bind(days_ago)
        .execute(&world.db)
        .await
        .unwrap();
    }

    // Act
    recomply::jobs::schedule::ensure_periodic_jobs(&world.db)
        .await
        .unwrap();
    runner::drain(&world.runner("test")).await.unwrap();

    // Assert
    let left: Vec<String> =
        sqlx::query_scalar("select dedupe_key from webhook_event order by dedupe_key")
            .fetch_all(&world.db)
            .await
            .unwrap();
    assert_eq!(left, ["recent", "today"]);
}

#[tokio::test]
async fn the_daily_prune_deletes_staff_sign_ins_past_their_retention_and_stale_throttles() {
    // Arrange: sign-in records of 91, 89 and 0 days ago; a throttle that ran out two hours
    // ago and one still running.
    let world = World::spawn().await;
    for (email, days_ago) in [
        ("old@isv.example", 91),
        ("recent@isv.example", 89),
        ("today@isv.example", 0),
    ] {
        sqlx::query(
            "insert into staff_sign_in (email, client, outcome, created_at)
             values ($1, '198.51.100.7', 'wrong_password', now() - make_interval(days => $2))",
        )
        .bind(email)
        .bind(days_ago)
        .execute(&world.db)
        .await
        .unwrap();
    }
    sqlx::query(
        "insert into staff_sign_in_throttle (email, client, failures, next_allowed_at) values
         ('stale@isv.example', '198.51.100.7', 3, now() - interval '2 hours'),
         ('live@isv.example', '198.51.100.7', 3, now() + interval '1 minute')",
    )
    .execute(&world.db)
    .await
    .unwrap();

    // Act
    recomply::jobs::schedule::ensure_periodic_jobs(&world.db)
        .await
        .unwrap();
    runner::drain(&world.runner("test")).await.unwrap();

    // Assert
    let sign_ins: Vec<String> =
        sqlx::query_scalar("select email from staff_sign_in order by email")
            .fetch_all(&world.db)
            .await
            .unwrap();
    assert_eq!(sign_ins, ["recent@isv.example", "today@isv.example"]);
    let throttles: Vec<String> = sqlx::query_scalar("select email from staff_sign_in_throttle")
        .fetch_all(&world.db)
        .await
        .unwrap();
    assert_eq!(throttles, ["live@isv.example"]);
}
