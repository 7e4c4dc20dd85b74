//! Creating the application database when `DATABASE_URL` names one that does not exist yet, so
//! a first start (or `recomply demo` pointed at a fresh name) migrates instead of failing.

use anyhow::Context;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor};

/// Postgres' error code for "database does not exist".
const INVALID_CATALOG_NAME: &str = "3D000";

/// Connects once to `database_url`; when Postgres answers that the database does not exist,
/// creates it from the server's `postgres` maintenance database. Returns whether it created it.
pub async fn create_if_missing(database_url: &str) -> anyhow::Result<bool> {
    let options: PgConnectOptions = database_url
        .parse()
        .context("DATABASE_URL is not a valid Postgres URL")?;
    let name = options
        .get_database()
        .map(str::to_owned)
        .context("DATABASE_URL names no database")?;
    match options.connect().await {
        Ok(connection) => {
            connection.close().await.ok();
            Ok(false)
        }
        Err(sqlx::Error::Database(error))
            if error.code().as_deref() == Some(INVALID_CATALOG_NAME) =>
        {
            let mut maintenance = options
                .clone()
                .database("postgres")
                .connect()
                .await
                .with_context(|| format!("Database {name:?} does not exist and the server's `postgres` database cannot be reached to create it"))?;
            let statement = format!("create database {}", quote_identifier(&name));
            maintenance
                .execute(statement.as_str())
                .await
                .with_context(|| format!("Database {name:?} does not exist and could not be created (does the user have CREATEDB?)"))?;
            tracing::info!(database = %name, "created the database named by DATABASE_URL");
            Ok(true)
        }
        // Anything else (server down, wrong password) is reported by the pool with its host.
        Err(_) => Ok(false),
    }
}

/// `name` as a quoted SQL identifier.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_with_embedded_quotes_doubled() {
        assert_eq!(quote_identifier("recomply"), "\"recomply\"");
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
    }
}
