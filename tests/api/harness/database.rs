//! A database that exists for one test: created and migrated, dropped when the test ends, and
//! checked for jobs that died without the test saying it meant them to.

use std::sync::atomic::{AtomicBool, Ordering};

use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, Executor, PgConnection, PgPool};
use uuid::Uuid;

/// The maintenance connection (`TEST_DATABASE_URL`).
pub fn maintenance_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test and is dropped with it.
pub struct TestDatabase {
    /// Its name (`test_<uuid>`).
    pub name: String,
    /// Its URL.
    pub url: String,
    /// A pool on it.
    pub pool: PgPool,
    /// Whether the test means some jobs to die (see [`TestDatabase::expect_dead_jobs`]).
    dead_jobs_expected: AtomicBool,
    /// Whether this test created it (and so drops and checks it at the end).
    owned: bool,
}

impl TestDatabase {
    /// Creates and migrates a fresh database.
    pub async fn create() -> Self {
        let name = format!("test_{}", Uuid::new_v4().simple());
        let mut maintenance = PgConnection::connect(&maintenance_url())
            .await
            .expect("Postgres must be running (TEST_DATABASE_URL)");
        maintenance
            .execute(format!(r#"create database "{name}""#).as_str())
            .await
            .expect("create the test database");
        let url = replace_database(&maintenance_url(), &name);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .connect(&url)
            .await
            .expect("connect to the test database");
        recomply::db::migrate(&pool)
            .await
            .expect("migrations apply");
        Self {
            name,
            url,
            pool,
            dead_jobs_expected: AtomicBool::new(false),
            owned: true,
        }
    }

    /// A database the test made some other way (left unmigrated, or on a private cluster): used
    /// as it is, with a lazy pool, and neither checked nor dropped at the end.
    pub fn existing(url: &str) -> Self {
        let name = url::Url::parse(url)
            .expect("valid database URL")
            .path()
            .trim_start_matches('/')
            .to_owned();
        Self {
            name,
            url: url.to_owned(),
            pool: recomply::db::pool(url).expect("pool"),
            dead_jobs_expected: AtomicBool::new(false),
            owned: false,
        }
    }

    /// Lets this test end with dead jobs. Without it, a test whose database holds a dead job
    /// when it ends fails: a job that used up its attempts is a failure nobody asserted on.
    pub fn expect_dead_jobs(&self) {
        self.dead_jobs_expected.store(true, Ordering::Relaxed);
    }
}

/// The dead jobs of the database at `url`, as "kind: last error" (none when it has no job
/// table, as a database created by hand may not).
async fn dead_jobs(url: &str) -> Vec<String> {
    let Ok(mut conn) = PgConnection::connect(url).await else {
        return Vec::new();
    };
    let dead: Vec<(String, Option<String>)> =
        sqlx::query_as("select kind, last_error from job where status = 'dead' order by job_id")
            .fetch_all(&mut conn)
            .await
            .unwrap_or_default();
    let _ = conn.close().await;
    dead.into_iter()
        .map(|(kind, error)| format!("{kind}: {}", error.unwrap_or_default()))
        .collect()
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if !self.owned {
            return;
        }
        let name = self.name.clone();
        let check = !std::thread::panicking() && !self.dead_jobs_expected.load(Ordering::Relaxed);
        let url = self.url.clone();
        // Dropping needs async I/O; do it on a separate thread with its own runtime so it also
        // works while the test's runtime is shutting down.
        let dead = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let dead = if check {
                    dead_jobs(&url).await
                } else {
                    Vec::new()
                };
                if let Ok(mut conn) = PgConnection::connect(&maintenance_url()).await {
                    let _ = conn
                        .execute(
                            format!(r#"drop database if exists "{name}" with (force)"#).as_str(),
                        )
                        .await;
                }
                dead
            })
        })
        .join()
        .unwrap_or_default();
        assert!(
            dead.is_empty(),
            "the test ended with dead jobs (call expect_dead_jobs if it means them): {dead:?}"
        );
    }
}

/// `url` with its database name replaced.
pub fn replace_database(url: &str, database: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("valid database URL");
    parsed.set_path(&format!("/{database}"));
    parsed.to_string()
}
