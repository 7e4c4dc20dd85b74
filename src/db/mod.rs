//! Postgres: the pool, embedded migrations and the default database for dev mode.
//!
//! Static queries are checked at compile time (`query!`/`query_as!`) against the committed
//! `.sqlx/` offline data, so `cargo build` needs no database; the few composed at run time
//! (filters, day-arithmetic fragments, sqlx's own bookkeeping table) are runtime-checked.
//! `scripts/sqlx-prepare.sh` regenerates the offline data after a query or migration changes.

pub mod action_notices;
pub mod addresses;
pub mod admin_queries;
pub mod api_idempotency;
pub mod api_keys;
pub mod api_lists;
pub mod auto_submit;
pub mod brand;
pub mod bulk_imports;
pub mod bundle_copies;
pub mod bundle_listing;
pub mod bundles;
pub mod callback_origins;
pub mod codec;
pub mod create;
pub mod deadline;
pub mod demo;
pub mod documents;
pub mod email_outbox;
pub mod embedded;
pub mod evaluations;
pub mod event_deliveries;
pub mod event_endpoints;
pub mod fix_once_candidates;
pub mod handoff_nonces;
pub mod handoff_settings;
pub mod jobs;
pub mod lookups;
pub mod magic_links;
pub mod outbound_events;
pub mod parent_account;
pub mod phone_numbers;
pub mod portal;
pub mod provisional;
pub mod recipients;
pub mod regulation_versions;
pub mod renewal_openings;
pub mod renewal_transition;
pub mod renewals;
pub mod review_times;
pub mod schema;
pub mod seeding;
pub mod shared_accounts;
pub mod sign_in_throttle;
pub mod snapshot;
pub mod staff;
pub mod staff_alerts;
pub mod staff_sign_ins;
pub mod staff_two_factor;
pub mod subaccounts;
pub mod sweep_batch;
pub mod sweep_problems;
pub mod sweep_summaries;
pub mod tenant_credentials;
pub mod tenants;
pub mod test_bundles;
pub mod timeline;
pub mod timeline_chain;
pub mod users;
pub mod webhook_events;
pub mod webhook_signers;
pub mod workers;

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};

/// A transaction on the application database.
pub type PgTx<'a> = sqlx::Transaction<'a, Postgres>;

/// A read-only transaction that sees one snapshot of the database throughout (for reads that
/// must agree with each other, such as an evidence pack).
pub async fn begin_read_snapshot(pool: &PgPool) -> sqlx::Result<PgTx<'static>> {
    let mut tx = pool.begin().await?;
    sqlx::query!("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// The migrations in `migrations/`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A lazily connecting pool: the app starts (and `/readyz` reports 503) while Postgres is down.
pub fn pool(database_url: &str) -> anyhow::Result<PgPool> {
    pool_with(database_url, DEFAULT_POOL_SIZE)
}

/// The connections a process keeps unless it runs more jobs at once than that allows.
pub const DEFAULT_POOL_SIZE: u32 = 16;

/// The pool of a process that runs `concurrency` jobs at once: one connection for each, with
/// room for the job listener, the heartbeat and the web requests beside them (never fewer than
/// [`DEFAULT_POOL_SIZE`]).
pub fn pool_for_jobs(database_url: &str, concurrency: usize) -> anyhow::Result<PgPool> {
    let wanted = u32::try_from(concurrency)
        .unwrap_or(u32::MAX)
        .saturating_add(8);
    pool_with(database_url, wanted.max(DEFAULT_POOL_SIZE))
}

/// [`pool`] with `max_connections` connections at most.
fn pool_with(database_url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    let options: PgConnectOptions = database_url
        .parse()
        .context("DATABASE_URL is not a valid Postgres URL")?;
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(3))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if needs_ping(meta.idle_for) {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
        .connect_lazy_with(options))
}

/// How long a pooled connection may sit idle before it is pinged again when handed out.
///
/// sqlx pings every connection as it comes back to the pool, so an idle connection was alive
/// when it went idle; pinging it again on the way out as well (sqlx's default) doubles the
/// round trips of a busy page, whose statements each take a connection. One idle for longer
/// than this is pinged, so after Postgres restarts (which takes far longer) no request gets a
/// connection that died with the old server.
pub const PING_WHEN_IDLE_FOR: Duration = Duration::from_millis(100);

/// Whether a connection idle for `idle_for` is pinged before it is handed out.
fn needs_ping(idle_for: Duration) -> bool {
    idle_for >= PING_WHEN_IDLE_FOR
}

/// Applies every pending migration. A schema that a newer binary already migrated further is
/// left as it is (rolling deploys; migrations only add); one that is both behind and ahead of
/// this binary is refused with what to do.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    match schema::state(pool).await {
        Ok(state @ schema::SchemaState::Ahead { .. }) => {
            tracing::warn!("{}", state.describe());
            return Ok(());
        }
        Ok(state @ schema::SchemaState::Diverged { .. }) => anyhow::bail!(state.describe()),
        // Current, behind, or not readable yet: sqlx applies what is pending (and reports a
        // connection error in its own words).
        _ => {}
    }
    MIGRATOR
        .run(pool)
        .await
        .context("Failed to apply database migrations")
}
