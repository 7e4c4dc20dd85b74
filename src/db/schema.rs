//! Where the database's schema stands against the migrations this binary carries.
//!
//! Migrations only ever add (new tables, new nullable columns, new indexes), so during a rolling
//! deploy an older binary can run on a schema a newer one has already migrated: it then skips
//! migrating and says so. A schema that lacks migrations this binary needs is not ready
//! (`/readyz` answers 503 and names how many are pending).

use std::collections::BTreeSet;

use sqlx::PgPool;

use super::MIGRATOR;

/// The schema compared with this binary's migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    /// Every migration this binary carries is applied, and nothing else.
    Current,
    /// Some of this binary's migrations are not applied yet.
    Behind {
        /// How many are pending.
        pending: usize,
    },
    /// Every migration of this binary is applied, plus newer ones it does not know (a newer
    /// binary migrated first).
    Ahead {
        /// The versions this binary does not know.
        unknown: Vec<i64>,
    },
    /// Both: migrations are missing and unknown ones are applied (not a rolling deploy of one
    /// line of releases; a person has to look).
    Diverged {
        /// How many of this binary's migrations are pending.
        pending: usize,
        /// The versions this binary does not know.
        unknown: Vec<i64>,
    },
}

impl SchemaState {
    /// Whether this binary can serve on the schema.
    pub fn is_usable(&self) -> bool {
        matches!(self, Self::Current | Self::Ahead { .. })
    }

    /// One line for logs and the readiness probe.
    pub fn describe(&self) -> String {
        match self {
            Self::Current => "database schema is current".to_owned(),
            Self::Behind { pending } => format!(
                "database schema is behind this binary: {pending} migration(s) pending \
                 (run `recomply migrate`)"
            ),
            Self::Ahead { unknown } => format!(
                "database schema is newer than this binary ({} migration(s) it does not know, \
                 latest {}): running without migrating",
                unknown.len(),
                unknown.last().copied().unwrap_or_default()
            ),
            Self::Diverged { pending, unknown } => format!(
                "database schema does not match this binary: {pending} of its migration(s) \
                 pending and {} unknown one(s) applied (deploy the release that wrote them)",
                unknown.len()
            ),
        }
    }
}

/// Compares the applied migrations with this binary's.
pub async fn state(pool: &PgPool) -> sqlx::Result<SchemaState> {
    Ok(compare(&applied_versions(pool).await?))
}

/// The versions recorded as applied (none on a database never migrated).
async fn applied_versions(pool: &PgPool) -> sqlx::Result<BTreeSet<i64>> {
    let table: Option<String> = sqlx::query_scalar!("select to_regclass('_sqlx_migrations')::text")
        .fetch_one(pool)
        .await?;
    if table.is_none() {
        return Ok(BTreeSet::new());
    }
    // Runtime-checked: sqlx's own bookkeeping table is not part of the schema the macros check.
    let versions: Vec<i64> =
        sqlx::query_scalar("select version from _sqlx_migrations where success")
            .fetch_all(pool)
            .await?;
    Ok(versions.into_iter().collect())
}

/// The schema state given the applied versions.
fn compare(applied: &BTreeSet<i64>) -> SchemaState {
    let known: BTreeSet<i64> = MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| m.version)
        .collect();
    let pending = known.difference(applied).count();
    let unknown: Vec<i64> = applied.difference(&known).copied().collect();
    match (pending, unknown.is_empty()) {
        (0, true) => SchemaState::Current,
        (pending, true) => SchemaState::Behind { pending },
        (0, false) => SchemaState::Ahead { unknown },
        (pending, false) => SchemaState::Diverged { pending, unknown },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> BTreeSet<i64> {
        MIGRATOR.iter().map(|m| m.version).collect()
    }

    #[test]
    fn all_applied_is_current_and_usable() {
        let state = compare(&known());
        assert_eq!(state, SchemaState::Current);
        assert!(state.is_usable());
    }

    #[test]
    fn a_never_migrated_database_has_every_migration_pending() {
        let state = compare(&BTreeSet::new());
        assert_eq!(
            state,
            SchemaState::Behind {
                pending: known().len()
            }
        );
        assert!(!state.is_usable());
        assert!(state.describe().contains("recomply migrate"));
    }

    #[test]
    fn a_newer_schema_is_usable_and_names_what_it_does_not_know() {
        let mut applied = known();
        applied.insert(99_991_231_000_000);
        let state = compare(&applied);
        assert_eq!(
            state,
            SchemaState::Ahead {
                unknown: vec![99_991_231_000_000]
            }
        );
        assert!(state.is_usable());
        assert!(state.describe().contains("99991231000000"));
    }

    #[test]
    fn missing_and_unknown_together_is_not_usable() {
        let mut applied = known();
        let first = *applied.iter().next().unwrap();
        applied.remove(&first);
        applied.insert(99_991_231_000_000);
        let state = compare(&applied);
        assert!(matches!(state, SchemaState::Diverged { pending: 1, .. }));
        assert!(!state.is_usable());
    }
}
