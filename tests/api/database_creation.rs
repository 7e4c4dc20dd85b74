//! A `DATABASE_URL` that names a database which does not exist yet: the database is created and
//! migrated, instead of start-up failing with a migration error.

use sqlx::Connection;

use crate::harness::{maintenance_url, replace_database};

#[tokio::test]
async fn migrate_creates_the_database_named_by_database_url_when_it_does_not_exist() {
    // Arrange: a name no database has.
    let name = format!("test_new_{}", uuid::Uuid::new_v4().simple());
    let url = replace_database(&maintenance_url(), &name);

    // Act
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_recomply"))
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .env(
            "RECOMPLY_SECRET_KEY",
            recomply::crypto::SecretKey::generate().to_base64(),
        )
        .env_remove("RECOMPLY_DEV")
        .output()
        .await
        .expect("the binary runs");

    // Assert
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let mut db = sqlx::PgConnection::connect(&url)
        .await
        .expect("the database now exists");
    let tenants: i64 = sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(&mut db)
        .await
        .expect("and is migrated");
    db.close().await.unwrap();
    let mut maintenance = sqlx::PgConnection::connect(&maintenance_url())
        .await
        .unwrap();
    sqlx::query(&format!("drop database if exists \"{name}\" with (force)"))
        .execute(&mut maintenance)
        .await
        .unwrap();
    assert_eq!(tenants, 0);
}
