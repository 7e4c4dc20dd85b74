//! Crash tests that stay: the real binary as separate processes (the emulator with faults, one
//! `serve`, two `worker`s) on a fresh database renews a whole world while workers are killed
//! with SIGKILL at random points, then checks that nothing was lost or repeated and prints its
//! figures. Slow (minutes), so it is ignored by the default run:
//! `scripts/crash-scenario.sh` runs it (see docs/crash-scenario.md).

mod chaos;
mod checks;
mod customer;
mod emulator;
mod figures;
mod processes;
mod regressions;
mod settings;
mod world;

use recomply::domain::renewal::RenewalState;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use recomply::crypto::SecretKey;
use sqlx::PgPool;

use crate::harness::TestDatabase;
use crate::mailbox::Mailbox;
use chaos::Workers;
use emulator::Emulator;
use figures::Figures;
use processes::{Launcher, answers, free_port, wait_until};
use settings::Settings;

/// The recovery target: a killed worker's jobs are taken up again within this.
const RECOVERY_TARGET: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "slow (minutes): run it with scripts/crash-scenario.sh"]
async fn renewals_survive_workers_killed_at_random_points_with_nothing_lost_or_repeated() {
    // Arrange: the emulator, a seeded world, then serve and two workers.
    let settings = Settings::from_env();
    let started = Instant::now();
    let database = TestDatabase::create().await;
    let db = database.pool.clone();
    let key = SecretKey::generate();
    let (mailbox, smtp_url) = Mailbox::start().await;
    let run_dir = std::env::temp_dir().join(format!("recomply-crash-{}", database.name));
    let mut launcher = Launcher::new(&run_dir);
    let emulator = Emulator::new(format!("http://127.0.0.1:{}", free_port()));
    let emulator_bind = emulator.base_url.trim_start_matches("http://").to_owned();
    let _emulator_process = launcher.start("emulator", &["emulator", "--bind", &emulator_bind]);
    let http = reqwest::Client::new();
    let clock = format!("{}/__emulator/clock", emulator.base_url);
    wait_until("the emulator answers", Duration::from_secs(30), || {
        answers(&http, &clock)
    })
    .await;
    let world = world::seed(&db, &key, &emulator, &settings).await;
    emulator.inject_faults(settings.seed).await;
    let address = format!("http://127.0.0.1:{}", free_port());
    configure(
        &mut launcher,
        &database,
        &key,
        &smtp_url,
        &address,
        &emulator,
    );
    let _serve = launcher.start("serve", &["serve", "--no-migrate"]);
    let ready = format!("{address}/readyz");
    wait_until("serve is ready", Duration::from_secs(60), || {
        answers(&http, &ready)
    })
    .await;
    let mut workers = Workers::start(&launcher, &db, 2).await;
    println!("crash scenario: logs in {}", run_dir.display());

    // Act: customers renew, workers are killed, until every renewal is complete.
    let deadline = started + settings.timeout;
    let finished = Arc::new(AtomicBool::new(false));
    // The customers' journeys hold pages across awaits (not `Send`), so everything runs
    // concurrently on this task rather than on spawned ones.
    let customers = futures::future::join_all(
        world
            .iter()
            .map(|tenant| customer::renew_every_bundle(&address, &mailbox, tenant, deadline)),
    );
    let watcher = wait_for_completion(
        db.clone(),
        settings.renewals(),
        started,
        deadline,
        finished.clone(),
    );
    let killing = chaos::kill_workers(&db, &mut workers, &settings, started, finished.clone());
    let (retries, total, kills) = tokio::join!(customers, watcher, killing);
    let customer_retries = retries.into_iter().sum();

    // Assert
    let mut figures = Figures {
        renewals: settings.renewals(),
        kills,
        total,
        customer_retries,
        ..Figures::default()
    };
    let checked = checks::check(&db, &emulator, &mailbox, &world, &mut figures).await;
    checks::write_job_history(&db, &run_dir.join("jobs.txt")).await;
    println!("\n{}", figures.render());
    let mut failures = checked.failures;
    if figures.kills.len() < settings.kills {
        failures.push(format!(
            "only {} of {} kills happened before the renewals were done",
            figures.kills.len(),
            settings.kills
        ));
    }
    match figures.max_recovery() {
        Some(max) if max <= RECOVERY_TARGET => {}
        other => failures.push(format!(
            "recovery after a kill took {other:?} (target {RECOVERY_TARGET:?})"
        )),
    }
    assert!(
        failures.is_empty(),
        "targets missed (logs in {}):\n{}",
        run_dir.display(),
        failures.join("\n")
    );
    drop(workers);
    if std::env::var_os("SCENARIO_KEEP_LOGS").is_none() {
        let _ = std::fs::remove_dir_all(&run_dir);
    }
}

/// The environment of `serve` and the workers: this database, the emulator as Twilio (a 2 s
/// timeout, so a slowed answer is lost), the mailbox as SMTP, and quick polls and sweeps.
fn configure(
    launcher: &mut Launcher,
    database: &TestDatabase,
    key: &SecretKey,
    smtp_url: &str,
    address: &str,
    emulator: &Emulator,
) {
    launcher.set("DATABASE_URL", database.url.clone());
    launcher.set("RECOMPLY_SECRET_KEY", key.to_base64());
    launcher.set("RECOMPLY_BIND", address.trim_start_matches("http://"));
    launcher.set("RECOMPLY_PUBLIC_URL", address);
    launcher.set("RECOMPLY_SMTP_URL", smtp_url);
    launcher.set("RECOMPLY_TWILIO_API_URL", emulator.base_url.clone());
    launcher.set("RECOMPLY_TWILIO_TIMEOUT_SECS", "2");
    launcher.set("RECOMPLY_POLL_FIRST_SECS", "2");
    launcher.set("RECOMPLY_POLL_INTERVAL_SECS", "8");
    launcher.set("RECOMPLY_SWEEP_INTERVAL_SECS", "15");
    launcher.set("RECOMPLY_LOG_FORMAT", "json");
    launcher.set("RUST_LOG", "info,sqlx=warn");
    launcher.set(
        "RECOMPLY_STATIC_DIR",
        concat!(env!("CARGO_MANIFEST_DIR"), "/static"),
    );
}

/// Waits until `expected` renewals are completed (or `deadline` passes), then raises
/// `finished`; returns the time since `started`. Before returning it also waits (bounded) for
/// the queue to fall quiet, so the last emails have left when the checks read the mailbox.
async fn wait_for_completion(
    db: PgPool,
    expected: usize,
    started: Instant,
    deadline: Instant,
    finished: Arc<AtomicBool>,
) -> Duration {
    let took = loop {
        let completed: i64 = sqlx::query_scalar("select count(*) from renewal where state = $1")
            .bind(RenewalState::Completed)
            .fetch_one(&db)
            .await
            .expect("count completed renewals");
        if completed as usize >= expected || Instant::now() > deadline {
            finished.store(true, Ordering::SeqCst);
            break started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let quiet = Instant::now();
    while quiet.elapsed() < Duration::from_secs(60) {
        let busy: i64 = sqlx::query_scalar(
            "select count(*) from job
             where status = 'running' or (status = 'pending' and run_at <= now())",
        )
        .fetch_one(&db)
        .await
        .expect("count busy jobs");
        if busy == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    took
}
