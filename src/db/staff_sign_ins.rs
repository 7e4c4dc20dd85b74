//! The staff sign-in audit (`staff_sign_in`): one row per attempt, read by the admin audit
//! page and by the per-client cap of `auth::staff_throttle`.

use sqlx::PgPool;
use time::OffsetDateTime;

use crate::domain::ids::StaffUserId;
use crate::domain::sign_in_outcome::SignInOutcome;

/// Who tried, from where, with what result.
#[derive(Debug, Clone)]
pub struct SignInAttempt<'a> {
    /// The address typed (lower-case).
    pub email: &'a str,
    /// The staff member, when known.
    pub staff_user_id: Option<StaffUserId>,
    /// The client address.
    pub client: &'a str,
    /// The `User-Agent` header (shortened).
    pub user_agent: &'a str,
    /// What happened.
    pub outcome: SignInOutcome,
}

/// A row of the audit page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignInRow {
    /// When.
    pub created_at: OffsetDateTime,
    /// The address typed.
    pub email: String,
    /// The staff member's name, when the address is theirs.
    pub staff_name: Option<String>,
    /// The client address.
    pub client: String,
    /// The browser's `User-Agent`.
    pub user_agent: String,
    /// What happened.
    pub outcome: SignInOutcome,
}

/// The longest `User-Agent` kept.
const MAX_USER_AGENT: usize = 300;

/// Records one attempt.
pub async fn record(db: &PgPool, attempt: &SignInAttempt<'_>) -> sqlx::Result<()> {
    let user_agent: String = attempt
        .user_agent
        .chars()
        .filter(|c| *c != '\0')
        .take(MAX_USER_AGENT)
        .collect();
    sqlx::query!(
        "insert into staff_sign_in (email, staff_user_id, client, user_agent, outcome)
         values ($1, $2, $3, $4, $5)",
        attempt.email,
        attempt.staff_user_id as _,
        attempt.client,
        user_agent,
        attempt.outcome as _,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// When `client` has at least `max` failed attempts within `window_secs`: whole seconds
/// (at least 1) until the `max`-th most recent of them leaves the window. `None` otherwise.
pub async fn client_cap_wait(
    db: &PgPool,
    client: &str,
    window_secs: i64,
    max: i64,
) -> sqlx::Result<Option<i64>> {
    let failures: Vec<SignInOutcome> = SignInOutcome::ALL
        .iter()
        .copied()
        .filter(|o| o.is_failure())
        .collect();
    sqlx::query_scalar!(
        r#"select greatest(1, ceil(extract(epoch from
                    created_at + make_interval(secs => $2) - now())))::bigint as "value!"
         from staff_sign_in
         where client = $1 and outcome = any($4)
           and created_at > now() - make_interval(secs => $2)
         order by created_at desc offset $3 limit 1"#,
        client,
        window_secs as f64,
        max - 1,
        failures as _,
    )
    .fetch_optional(db)
    .await
}

/// A page of attempts, newest first, and how many there are.
pub async fn list(db: &PgPool, limit: i64, offset: i64) -> sqlx::Result<(Vec<SignInRow>, i64)> {
    let total = sqlx::query_scalar!(r#"select count(*) as "count!" from staff_sign_in"#)
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as!(
        SignInRow,
        r#"select a.created_at, a.email, nullif(s.name, '') as staff_name, a.client,
                a.user_agent, a.outcome as "outcome: SignInOutcome"
         from staff_sign_in a left join staff_user s on s.staff_user_id = a.staff_user_id
         order by a.created_at desc, a.staff_sign_in_id desc limit $1 offset $2"#,
        limit,
        offset,
    )
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

/// Deletes attempts older than `before` (the daily clean-up).
pub async fn delete_before(db: &PgPool, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from staff_sign_in where created_at < $1", before)
            .execute(db)
            .await?
            .rows_affected(),
    )
}
