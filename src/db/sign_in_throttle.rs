//! The staff sign-in throttle rows, one per (typed email, client). The delay rule itself (and
//! its constants) lives in `auth::sign_in_throttle`; these statements apply it atomically.

use sqlx::PgPool;

/// The delay rule's numbers, passed to every statement that sets `next_allowed_at`.
#[derive(Debug, Clone, Copy)]
pub struct DelayRule {
    /// The wait after the first failure, in seconds; each further failure doubles it.
    pub first_secs: f64,
    /// The longest wait, in seconds.
    pub max_secs: f64,
    /// Failures older than this (seconds of quiet) no longer count.
    pub forget_after_secs: f64,
}

/// Starts an attempt for (`email`, `client`) when one is allowed now: the next allowed time
/// is pushed as if this attempt will fail, so parallel attempts wait too. `false` when an
/// earlier failure's delay has not run out.
pub async fn begin_attempt(
    db: &PgPool,
    email: &str,
    client: &str,
    rule: DelayRule,
) -> sqlx::Result<bool> {
    let started: Option<i32> = sqlx::query_scalar!(
        "with counted as (
             select case when t.last_failure_at is null
                          or t.last_failure_at < now() - make_interval(secs => $5)
                         then 0 else t.failures end as failures
             from staff_sign_in_throttle t where t.email = $1 and t.client = $2)
         insert into staff_sign_in_throttle as t (email, client, failures, next_allowed_at)
         values ($1, $2, 0, now() + make_interval(secs => $3))
         on conflict (email, client) do update set
             failures = (select failures from counted),
             next_allowed_at = now() + make_interval(secs => least($4,
                 $3 * power(2, (select failures from counted))))
         where t.next_allowed_at <= now()
         returning failures",
        email,
        client,
        rule.first_secs,
        rule.max_secs,
        rule.forget_after_secs,
    )
    .fetch_optional(db)
    .await?;
    Ok(started.is_some())
}

/// Whole seconds (rounded up, at least 1) until the next attempt for (`email`, `client`) is
/// allowed; 0 when one is allowed now.
pub async fn seconds_until_allowed(db: &PgPool, email: &str, client: &str) -> sqlx::Result<i64> {
    let wait: Option<i64> = sqlx::query_scalar!(
        r#"select greatest(1, ceil(extract(epoch from next_allowed_at - now())))::bigint as "value!"
         from staff_sign_in_throttle
         where email = $1 and client = $2 and next_allowed_at > now()"#,
        email,
        client,
    )
    .fetch_optional(db)
    .await?;
    Ok(wait.unwrap_or(0))
}

/// Counts a failure of the attempt [`begin_attempt`] started (its delay is already set).
pub async fn record_failure(db: &PgPool, email: &str, client: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update staff_sign_in_throttle set failures = failures + 1, last_failure_at = now()
         where email = $1 and client = $2",
        email,
        client,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The password was right but a second step follows: the next attempt (the code) may come
/// at once; the failures so far still count.
pub async fn release(db: &PgPool, email: &str, client: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update staff_sign_in_throttle set next_allowed_at = now()
         where email = $1 and client = $2",
        email,
        client,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A completed sign-in: this client's failures for this address are forgotten.
pub async fn clear(db: &PgPool, email: &str, client: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from staff_sign_in_throttle where email = $1 and client = $2",
        email,
        client,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes rows whose delay ran out before `before` (the daily clean-up).
pub async fn delete_idle_before(db: &PgPool, before: time::OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "delete from staff_sign_in_throttle where next_allowed_at < $1",
        before,
    )
    .execute(db)
    .await?
    .rows_affected())
}
