//! `recomply demo` can never destroy real data: it keeps its own database whatever
//! `DATABASE_URL` says, `--reset` asks first (or takes `--yes`), and a database holding tenants
//! the demo did not create is refused outright.

use recomply::domain::ids::TenantId;
use std::process::Output;

use recomply::db::tenants::{NewTenant, create_tenant};
use uuid::Uuid;

use crate::harness::TestDatabase;

/// Runs `recomply demo <args>` with no terminal on stdin and `DATABASE_URL` set to `url`.
async fn demo(database_url: &str, args: &[&str]) -> Output {
    let data_dir = std::env::temp_dir().join(format!("recomply-demo-{}", Uuid::new_v4().simple()));
    tokio::process::Command::new(env!("CARGO_BIN_EXE_recomply"))
        .arg("demo")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RECOMPLY_DATA_DIR", &data_dir)
        .env("RECOMPLY_BIND", "127.0.0.1:0")
        .env_remove("RECOMPLY_DEMO_DATABASE_URL")
        .env_remove("RECOMPLY_DEV")
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("the binary runs")
}

async fn tenant(database: &TestDatabase, slug: &str) -> TenantId {
    create_tenant(
        &database.pool,
        &NewTenant {
            name: format!("Tenant {slug}"),
            slug: slug.into(),
            support_email: None,
        },
    )
    .await
    .unwrap()
    .tenant_id
}

async fn tenants_left(database: &TestDatabase) -> i64 {
    sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(&database.pool)
        .await
        .expect("the tables are still there")
}

#[tokio::test]
async fn a_reset_with_database_url_pointing_at_real_data_leaves_that_data_alone() {
    // Arrange: DATABASE_URL names the application's database, with a real tenant.
    let real = TestDatabase::create().await;
    tenant(&real, "real-customer").await;

    // Act: the command that used to drop its schema without a question.
    let output = demo(&real.url, &["--reset"]).await;

    // Assert
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(
        stdout.contains("does not use DATABASE_URL"),
        "the demo says it ignores DATABASE_URL: {stdout}"
    );
    assert!(
        stderr.contains("/recomply_demo") && !stderr.contains(&real.name),
        "what it would reset is the demo's own database: {stderr}"
    );
    assert!(stderr.contains("add --yes to confirm"), "{stderr}");
    assert_eq!(tenants_left(&real).await, 1);
}

#[tokio::test]
async fn a_reset_without_yes_and_without_a_terminal_changes_nothing() {
    // Arrange: a demo database with a demo tenant in it.
    let demo_db = TestDatabase::create().await;
    let id = tenant(&demo_db, "acme").await;
    recomply::db::demo::mark_demo_tenant(&demo_db.pool, id)
        .await
        .unwrap();

    // Act
    let output = demo(&demo_db.url, &["--reset", "--database-url", &demo_db.url]).await;

    // Assert
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("--reset drops every table") && stderr.contains("add --yes"),
        "{stderr}"
    );
    assert_eq!(tenants_left(&demo_db).await, 1, "nothing was dropped");
}

#[tokio::test]
async fn a_database_holding_tenants_the_demo_did_not_create_is_refused_even_with_yes() {
    // Arrange: a database with one demo tenant and one real one.
    let mixed = TestDatabase::create().await;
    let id = tenant(&mixed, "acme").await;
    recomply::db::demo::mark_demo_tenant(&mixed.pool, id)
        .await
        .unwrap();
    tenant(&mixed, "real-customer").await;

    // Act
    let output = demo(
        &mixed.url,
        &["--reset", "--yes", "--database-url", &mixed.url],
    )
    .await;

    // Assert
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("holds 1 tenant(s) that the demo did not create"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("postgres@"),
        "the message shows no credentials"
    );
    assert_eq!(tenants_left(&mixed).await, 2);
}
