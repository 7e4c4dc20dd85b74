//! Probes that tell the truth: `/readyz` follows the schema as well as the database, an older
//! binary runs on a schema a newer one migrated (rolling deploys), and a `worker` process
//! serves its own `/healthz`, `/readyz` and `/metrics`.

use std::time::{Duration, Instant};

use recomply::db::schema::{self, SchemaState};
use sqlx::{Connection, Executor};

use crate::harness::{TestApp, TestDatabase, client, maintenance_url, replace_database, spawn_app};

/// A version no migration of this binary has: what a newer release would have applied.
const NEWER_VERSION: i64 = 99_991_231_000_000;

#[tokio::test]
async fn readyz_answers_503_naming_the_pending_migrations_until_the_schema_is_migrated() {
    // Arrange: an empty database, and the app started on it without migrating.
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    let mut maintenance = sqlx::PgConnection::connect(&maintenance_url())
        .await
        .unwrap();
    maintenance
        .execute(format!(r#"create database "{name}""#).as_str())
        .await
        .unwrap();
    let url = replace_database(&maintenance_url(), &name);
    let app = TestApp::builder().on_database(&url).spawn().await;

    // Act
    let before = app.get("/readyz").await;
    let before_status = before.status();
    let before_body = before.text().await.unwrap();
    recomply::db::migrate(&app.db)
        .await
        .expect("migrations apply");
    let after = app.get("/readyz").await;

    // Assert
    assert_eq!(before_status, 503, "an unmigrated database is not ready");
    assert!(
        before_body.contains("migration(s) pending") && before_body.contains("recomply migrate"),
        "the probe says why and what to run: {before_body}"
    );
    assert_eq!(after.status(), 200);
    app.db.close().await;
    maintenance
        .execute(format!(r#"drop database "{name}" with (force)"#).as_str())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_older_binary_runs_on_a_schema_a_newer_release_already_migrated() {
    // Arrange: a migrated database on which a newer release applied one more migration.
    let app = spawn_app().await;
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         values ($1, 'from a newer release', true, '\\x00', 1)",
    )
    .bind(NEWER_VERSION)
    .execute(&app.db)
    .await
    .unwrap();

    // Act
    let migrated = recomply::db::migrate(&app.db).await;
    let state = schema::state(&app.db).await.unwrap();
    let ready = app.get("/readyz").await;

    // Assert
    assert!(
        migrated.is_ok(),
        "start-up migration leaves a newer schema alone: {migrated:?}"
    );
    assert_eq!(
        state,
        SchemaState::Ahead {
            unknown: vec![NEWER_VERSION]
        }
    );
    assert_eq!(ready.status(), 200, "the older binary keeps serving");
}

#[tokio::test]
async fn a_schema_missing_a_migration_and_holding_an_unknown_one_is_refused_with_what_to_do() {
    // Arrange: one of this binary's migrations forgotten, one unknown applied.
    let app = spawn_app().await;
    sqlx::query(
        "delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)",
    )
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         values ($1, 'from another release line', true, '\\x00', 1)",
    )
    .bind(NEWER_VERSION)
    .execute(&app.db)
    .await
    .unwrap();

    // Act
    let migrated = recomply::db::migrate(&app.db).await;
    let ready = app.get("/readyz").await;

    // Assert
    let error = format!("{:#}", migrated.expect_err("refused"));
    assert!(error.contains("does not match this binary"), "{error}");
    assert_eq!(ready.status(), 503);
}

/// The worker's `RECOMPLY_METRICS_TOKEN` in the probe test.
const METRICS_TOKEN: &str = "worker-metrics-token-5e8f0a";

/// A port nobody listens on (bound, then released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn a_worker_process_serves_health_readiness_and_metrics_on_its_probe_port() {
    // Arrange: the real binary as a worker with a probe port.
    let database = TestDatabase::create().await;
    let port = free_port();
    let mut worker = tokio::process::Command::new(env!("CARGO_BIN_EXE_recomply"))
        .args(["worker", "--concurrency", "1"])
        .env("DATABASE_URL", &database.url)
        .env("RECOMPLY_WORKER_PROBE_BIND", format!("127.0.0.1:{port}"))
        .env("RECOMPLY_METRICS_TOKEN", METRICS_TOKEN)
        .env(
            "RECOMPLY_SECRET_KEY",
            recomply::crypto::SecretKey::generate().to_base64(),
        )
        .env_remove("RECOMPLY_DEV")
        .kill_on_drop(true)
        .spawn()
        .expect("the binary runs");
    let base = format!("http://127.0.0.1:{port}");
    let http = client();
    let deadline = Instant::now() + Duration::from_secs(30);
    // A child process: its probe port is the only signal it gives.
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(
            Instant::now() < deadline,
            "the worker's probe port never opened"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Act
    let health = http.get(format!("{base}/healthz")).send().await.unwrap();
    let ready = http.get(format!("{base}/readyz")).send().await.unwrap();
    let metrics = http
        .get(format!("{base}/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    let metrics_without_token = http.get(format!("{base}/metrics")).send().await.unwrap();
    let pages = http.get(format!("{base}/admin")).send().await.unwrap();
    let pid = worker.id().expect("running").to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let exit = tokio::time::timeout(Duration::from_secs(40), worker.wait())
        .await
        .expect("the worker stops within its shutdown deadline")
        .unwrap();

    // Assert
    assert_eq!(health.status(), 200);
    assert_eq!(ready.status(), 200);
    assert_eq!(metrics.status(), 200);
    let exposition = metrics.text().await.unwrap();
    assert!(
        exposition.contains("recomply_twilio_api_calls_total"),
        "{exposition}"
    );
    // The same exporter as `serve`: the probe requests themselves are timed by route.
    assert!(
        exposition.contains(
            r#"recomply_http_request_duration_seconds_bucket{route="/healthz",method="GET",status_class="2xx",le="+Inf"}"#
        ),
        "{exposition}"
    );
    assert!(
        exposition.contains("# TYPE recomply_jobs gauge"),
        "{exposition}"
    );
    assert_eq!(metrics_without_token.status(), 401);
    assert_eq!(pages.status(), 404, "the probe port serves probes only");
    assert!(signalled.success());
    assert!(exit.success(), "SIGTERM stops the worker cleanly: {exit}");
}
