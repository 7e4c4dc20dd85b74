//! Bundles a sweep could not mirror (see `lifecycle::discovery`): recorded so the sweep can go
//! on, shown to staff, cleared when a later sweep mirrors the bundle.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::TenantId;
use crate::domain::storable_text::storable;

/// One recorded problem, with its tenant's name.
#[derive(Debug, Clone, FromRow)]
pub struct SweepProblem {
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its name.
    pub tenant_name: String,
    /// `BU…`.
    pub bundle_sid: String,
    /// What went wrong.
    pub problem: String,
    /// How many sweeps hit it.
    pub occurrences: i32,
    /// The latest one.
    pub last_seen_at: OffsetDateTime,
}

/// Records (or counts again) a problem with one bundle.
pub async fn record(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &str,
    problem: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into sweep_problem (tenant_id, bundle_sid, problem) values ($1, $2, $3)
         on conflict (tenant_id, bundle_sid) do update
         set problem = excluded.problem, occurrences = sweep_problem.occurrences + 1,
             last_seen_at = now()",
        tenant_id as _,
        storable(bundle_sid) as _,
        storable(problem) as _,
    )
    .execute(db)
    .await
    .map(drop)
}

/// The latest problems, newest first.
pub async fn list(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<SweepProblem>> {
    sqlx::query_as!(
        SweepProblem,
        r#"select p.tenant_id as "tenant_id: TenantId", t.name as tenant_name, p.bundle_sid, p.problem,
            p.occurrences,
                p.last_seen_at
         from sweep_problem p join tenant t using (tenant_id)
         order by p.last_seen_at desc, p.bundle_sid
         limit $1"#,
        limit,
    )
    .fetch_all(db)
    .await
}
