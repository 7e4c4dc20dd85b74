//! Staff two-factor rows: the sealed TOTP secret (pending or confirmed), the last used step,
//! and the recovery code hashes.

use sqlx::PgPool;

use crate::domain::ids::StaffUserId;

/// A staff member's TOTP row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TotpRow {
    /// The secret, sealed with the application key (context: the staff member's id).
    pub secret_sealed: Vec<u8>,
    /// Whether enrolment was confirmed with a code (two-factor is on).
    pub confirmed: bool,
    /// The last accepted step.
    pub last_used_step: i64,
}

/// The TOTP row of a staff member, if any.
pub async fn find(db: &PgPool, staff_user_id: StaffUserId) -> sqlx::Result<Option<TotpRow>> {
    sqlx::query_as!(
        TotpRow,
        r#"select secret_sealed, confirmed_at is not null as "confirmed!", last_used_step
         from staff_totp where staff_user_id = $1"#,
        staff_user_id as _,
    )
    .fetch_optional(db)
    .await
}

/// Starts (or restarts) an enrolment with a new sealed secret; a confirmed one is kept.
pub async fn start(
    db: &PgPool,
    staff_user_id: StaffUserId,
    secret_sealed: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into staff_totp (staff_user_id, secret_sealed) values ($1, $2)
         on conflict (staff_user_id) do update set secret_sealed = excluded.secret_sealed,
             last_used_step = -1, created_at = now()
         where staff_totp.confirmed_at is null",
        staff_user_id as _,
        secret_sealed,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Confirms a pending enrolment whose code of `step` was right, and stores the recovery
/// code hashes. `false` when there was no pending enrolment (already confirmed).
pub async fn confirm(
    db: &PgPool,
    staff_user_id: StaffUserId,
    step: i64,
    recovery_hashes: &[Vec<u8>],
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let confirmed = sqlx::query!(
        "update staff_totp set confirmed_at = now(), last_used_step = $2
         where staff_user_id = $1 and confirmed_at is null",
        staff_user_id as _,
        step,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !confirmed {
        return Ok(false);
    }
    sqlx::query!(
        "delete from staff_recovery_code where staff_user_id = $1",
        staff_user_id as _,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into staff_recovery_code (staff_user_id, code_hash) select $1, unnest($2::bytea[])",
        staff_user_id as _,
        recovery_hashes,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Takes `step` as used when it is later than the last used one (atomically: of two
/// requests with the same code, one wins).
pub async fn use_step(db: &PgPool, staff_user_id: StaffUserId, step: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update staff_totp set last_used_step = $2
         where staff_user_id = $1 and confirmed_at is not null and last_used_step < $2",
        staff_user_id as _,
        step,
    )
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Uses up the unused recovery code with this hash; `false` when there is none.
pub async fn use_recovery_code(
    db: &PgPool,
    staff_user_id: StaffUserId,
    hash: &[u8],
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update staff_recovery_code set used_at = now()
         where staff_user_id = $1 and code_hash = $2 and used_at is null",
        staff_user_id as _,
        hash,
    )
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Unused recovery codes left.
pub async fn recovery_codes_left(db: &PgPool, staff_user_id: StaffUserId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from staff_recovery_code where staff_user_id = $1 and used_at is null"#,
        staff_user_id as _,
    )
    .fetch_one(db)
    .await
}

/// Turns two-factor off: the secret and the recovery codes are deleted.
pub async fn remove(db: &PgPool, staff_user_id: StaffUserId) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    for table in ["staff_recovery_code", "staff_totp"] {
        sqlx::query(&format!("delete from {table} where staff_user_id = $1"))
            .bind(staff_user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Re-seals every staff TOTP secret from `old_key` to `new_key` in one transaction (secrets
/// that already open with the new key are left as they are): the count re-sealed. The
/// recovery code hashes are keyed with the secret itself, so they stay valid.
#[tracing::instrument(skip_all)]
pub async fn reseal_all(
    pool: &PgPool,
    old_key: &crate::crypto::SecretKey,
    new_key: &crate::crypto::SecretKey,
) -> anyhow::Result<u64> {
    let mut tx = pool.begin().await?;
    let rows: Vec<(StaffUserId, Vec<u8>)> = sqlx::query!(
        r#"select staff_user_id as "staff_user_id: StaffUserId",
            secret_sealed from staff_totp order by staff_user_id for update"#
    )
    .map(|row| (row.staff_user_id, row.secret_sealed))
    .fetch_all(&mut *tx)
    .await?;
    let mut resealed = 0;
    for (staff_user_id, sealed) in rows {
        let context = staff_user_id.as_uuid().as_bytes();
        let secret = match old_key.open(context, &sealed) {
            Ok(secret) => secret,
            Err(_) if new_key.open(context, &sealed).is_ok() => continue,
            Err(e) => anyhow::bail!("the two-factor secret of staff {staff_user_id}: {e}"),
        };
        sqlx::query!(
            "update staff_totp set secret_sealed = $2 where staff_user_id = $1",
            staff_user_id as _,
            new_key.seal(context, &secret),
        )
        .execute(&mut *tx)
        .await?;
        resealed += 1;
    }
    tx.commit().await?;
    Ok(resealed)
}
