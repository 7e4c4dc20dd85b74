//! A staff sign-in between the password and its completion, kept in the session for
//! [`PENDING_LIFETIME_SECS`]: waiting for the two-factor code, or for the enrolment that
//! `RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN` demands. The session is not signed in meanwhile.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::domain::ids::StaffUserId;
use crate::error::AppError;

/// How long the second step may take.
pub const PENDING_LIFETIME_SECS: i64 = 10 * 60;
const SESSION_KEY: &str = "staff_pending";

/// What the session waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PendingStage {
    /// The two-factor code (or a recovery code).
    Code,
    /// Two-factor enrolment (required for this admin).
    Enrol,
}

/// A sign-in whose password was right.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// Who.
    pub staff_user_id: StaffUserId,
    /// The address typed (the throttle and audit key).
    pub email: String,
    /// What is still needed.
    pub stage: PendingStage,
    started_at: i64,
}

/// Starts the second step: a new session id (no fixation), then the pending state.
pub async fn begin(
    session: &Session,
    staff_user_id: StaffUserId,
    email: &str,
    stage: PendingStage,
) -> Result<(), AppError> {
    session.cycle_id().await?;
    let pending = PendingSignIn {
        staff_user_id,
        email: email.to_owned(),
        stage,
        started_at: OffsetDateTime::now_utc().unix_timestamp(),
    };
    session.insert(SESSION_KEY, pending).await?;
    Ok(())
}

/// The pending sign-in at `stage`, unless it expired (then it is dropped).
pub async fn current(
    session: &Session,
    stage: PendingStage,
) -> Result<Option<PendingSignIn>, AppError> {
    let Some(pending) = session.get::<PendingSignIn>(SESSION_KEY).await? else {
        return Ok(None);
    };
    let age = OffsetDateTime::now_utc().unix_timestamp() - pending.started_at;
    if !(0..PENDING_LIFETIME_SECS).contains(&age) {
        clear(session).await?;
        return Ok(None);
    }
    Ok((pending.stage == stage).then_some(pending))
}

/// Drops the pending state (the sign-in completed or was abandoned).
pub async fn clear(session: &Session) -> Result<(), AppError> {
    session.remove::<PendingSignIn>(SESSION_KEY).await?;
    Ok(())
}
