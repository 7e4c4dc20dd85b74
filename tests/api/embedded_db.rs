//! The embedded default database: a private cluster from the machine's PostgreSQL binaries.

use std::path::PathBuf;

use recomply::db::embedded::PrivateCluster;
use sqlx::{Connection, PgConnection};

/// A fresh directory under the system temp dir that the `postgres` user can enter.
pub fn scratch_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "recomply-{label}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn a_private_cluster_starts_keeps_its_data_and_is_reused_on_the_next_start() {
    let data_dir = scratch_dir("cluster").join("postgres");

    // First start: initdb + postgres; create some data.
    let cluster = PrivateCluster::start(&data_dir).await.expect("starts");
    let url = format!("{}/postgres", cluster.server_url());
    let mut conn = PgConnection::connect(&url)
        .await
        .expect("accepts connections");
    sqlx::query("create table kept (note text)")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("insert into kept values ('still here')")
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    drop(cluster);

    // Stopped on drop: nothing listens on that URL any more.
    assert!(PgConnection::connect(&url).await.is_err());

    // Second start reuses the data directory.
    let cluster = PrivateCluster::start(&data_dir).await.expect("restarts");
    let mut conn = PgConnection::connect(&format!("{}/postgres", cluster.server_url()))
        .await
        .unwrap();
    let note: String = sqlx::query_scalar("select note from kept")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(note, "still here");
    // The app's migrations apply to it.
    let pool = recomply::db::pool(&format!("{}/postgres", cluster.server_url())).unwrap();
    recomply::db::migrate(&pool)
        .await
        .expect("migrations apply on the private cluster");
}
