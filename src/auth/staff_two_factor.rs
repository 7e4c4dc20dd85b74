//! Staff two-factor: enrolment (a sealed secret, confirmed by a first code, then recovery
//! codes shown once) and checking the code of a sign-in (a TOTP code once per step, or an
//! unused recovery code).

use sqlx::PgPool;
use time::OffsetDateTime;

use super::totp::{self, CodeCheck};
use crate::crypto::SecretKey;
use crate::db;
use crate::domain::ids::StaffUserId;

/// Where a staff member's enrolment stands.
#[derive(Debug, Clone)]
pub enum Enrolment {
    /// Not started.
    None,
    /// Waiting for the first code: the secret to show.
    Pending(Vec<u8>),
    /// Two-factor is on.
    Confirmed,
}

/// What a second-factor code proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// A current TOTP code, now used.
    Code,
    /// An unused recovery code, now used up.
    RecoveryCode,
    /// A TOTP code whose step was already used.
    Replayed,
    /// Neither.
    Wrong,
}

fn now() -> u64 {
    u64::try_from(OffsetDateTime::now_utc().unix_timestamp()).unwrap_or(0)
}

fn open(key: &SecretKey, staff_user_id: StaffUserId, sealed: &[u8]) -> anyhow::Result<Vec<u8>> {
    Ok(key.open(staff_user_id.as_uuid().as_bytes(), sealed)?)
}

/// The enrolment state of `staff_user_id`.
pub async fn enrolment(
    db: &PgPool,
    key: &SecretKey,
    staff_user_id: StaffUserId,
) -> anyhow::Result<Enrolment> {
    Ok(match db::staff_two_factor::find(db, staff_user_id).await? {
        None => Enrolment::None,
        Some(row) if row.confirmed => Enrolment::Confirmed,
        Some(row) => Enrolment::Pending(open(key, staff_user_id, &row.secret_sealed)?),
    })
}

/// Starts an enrolment with a new secret (replacing an unconfirmed one).
pub async fn start(db: &PgPool, key: &SecretKey, staff_user_id: StaffUserId) -> anyhow::Result<()> {
    let sealed = key.seal(staff_user_id.as_uuid().as_bytes(), &totp::new_secret());
    db::staff_two_factor::start(db, staff_user_id, &sealed).await?;
    Ok(())
}

/// Confirms the pending enrolment with its first code: the recovery codes (to show once),
/// or `None` when the code is not right (or nothing is pending).
pub async fn confirm(
    db: &PgPool,
    key: &SecretKey,
    staff_user_id: StaffUserId,
    code: &str,
) -> anyhow::Result<Option<Vec<String>>> {
    let Enrolment::Pending(secret) = enrolment(db, key, staff_user_id).await? else {
        return Ok(None);
    };
    let CodeCheck::Accepted(step) = totp::check(&secret, code, now(), -1)? else {
        return Ok(None);
    };
    let codes = totp::new_recovery_codes();
    let hashes: Vec<Vec<u8>> = codes
        .iter()
        .map(|c| totp::recovery_hash(&secret, c))
        .collect();
    let confirmed = db::staff_two_factor::confirm(db, staff_user_id, step, &hashes).await?;
    Ok(confirmed.then_some(codes))
}

/// Checks the code typed at sign-in (or to turn two-factor off) and uses it up.
pub async fn verify(
    db: &PgPool,
    key: &SecretKey,
    staff_user_id: StaffUserId,
    code: &str,
) -> anyhow::Result<SecondFactor> {
    let Some(row) = db::staff_two_factor::find(db, staff_user_id).await? else {
        return Ok(SecondFactor::Wrong);
    };
    if !row.confirmed {
        return Ok(SecondFactor::Wrong);
    }
    let secret = open(key, staff_user_id, &row.secret_sealed)?;
    if !totp::looks_like_code(code) {
        let hash = totp::recovery_hash(&secret, code);
        let used = db::staff_two_factor::use_recovery_code(db, staff_user_id, &hash).await?;
        return Ok(if used {
            SecondFactor::RecoveryCode
        } else {
            SecondFactor::Wrong
        });
    }
    Ok(
        match totp::check(&secret, code, now(), row.last_used_step)? {
            CodeCheck::Accepted(step)
                if db::staff_two_factor::use_step(db, staff_user_id, step).await? =>
            {
                SecondFactor::Code
            }
            CodeCheck::Accepted(_) | CodeCheck::Replayed => SecondFactor::Replayed,
            CodeCheck::Wrong => SecondFactor::Wrong,
        },
    )
}
