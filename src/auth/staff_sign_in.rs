//! The staff sign-in steps: the password (throttled by `staff_throttle`), then — for an
//! account with two-factor — the code, and completing the sign-in. Every attempt is recorded
//! in the sign-in audit.

use sqlx::PgPool;
use tower_sessions::Session;

use super::staff_pending::{self, PendingStage};
use super::staff_throttle::{self, Gate, RetryAfter};
use super::staff_two_factor::{self, SecondFactor};
use crate::db;
use crate::db::staff_sign_ins::SignInAttempt;
use crate::domain::ids::StaffUserId;
use crate::domain::sign_in_outcome::SignInOutcome;
use crate::error::AppError;
use crate::state::AppState;

/// Where an attempt comes from: the address typed, the client and its browser.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    /// The address typed (lower-case).
    pub email: &'a str,
    /// The client address (`web::client_ip`).
    pub client: &'a str,
    /// The `User-Agent` header.
    pub user_agent: &'a str,
}

impl Attempt<'_> {
    /// Adds this attempt to the audit.
    pub async fn record(
        &self,
        db: &PgPool,
        staff_user_id: Option<StaffUserId>,
        outcome: SignInOutcome,
    ) -> sqlx::Result<()> {
        let row = SignInAttempt {
            email: self.email,
            staff_user_id,
            client: self.client,
            user_agent: self.user_agent,
            outcome,
        };
        db::staff_sign_ins::record(db, &row).await
    }
}

/// The result of the password step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordOutcome {
    /// Correct email and password (the sign-in is not complete yet).
    Accepted(StaffUserId),
    /// Unknown email or wrong password (indistinguishable on purpose).
    Invalid,
    /// Refused unchecked: this client failed too recently for this email, or too often.
    Throttled(RetryAfter),
}

/// Checks an email and password, unless this client must wait (see `staff_throttle`).
#[tracing::instrument(skip_all)]
pub async fn check_password(
    db: &PgPool,
    attempt: &Attempt<'_>,
    password: &str,
) -> anyhow::Result<PasswordOutcome> {
    if let Gate::Wait(retry) = staff_throttle::begin(db, attempt.email, attempt.client).await? {
        tracing::warn!(client = attempt.client, "staff sign-in throttled");
        attempt.record(db, None, SignInOutcome::Throttled).await?;
        return Ok(PasswordOutcome::Throttled(retry));
    }
    let found = db::staff::credentials_by_email(db, attempt.email).await?;
    let password = password.to_owned();
    let (staff_user_id, hash) = match found {
        Some(c) => (Some(c.staff_user_id), c.password_hash),
        None => (None, super::staff::DUMMY_HASH.clone()),
    };
    // argon2 is deliberately slow: keep it off the async workers.
    let matches =
        tokio::task::spawn_blocking(move || super::staff::verify_password(&password, &hash))
            .await?;
    match staff_user_id {
        Some(id) if matches => Ok(PasswordOutcome::Accepted(id)),
        _ => {
            staff_throttle::failed(db, attempt.email, attempt.client).await?;
            attempt
                .record(db, staff_user_id, SignInOutcome::WrongPassword)
                .await?;
            Ok(PasswordOutcome::Invalid)
        }
    }
}

/// Completes a sign-in whose every step passed: audit, throttle forgotten, last sign-in
/// stamped, then the staff session (new id, new CSRF token).
pub async fn complete(
    db: &PgPool,
    session: &Session,
    attempt: &Attempt<'_>,
    staff_user_id: StaffUserId,
    outcome: SignInOutcome,
) -> Result<(), AppError> {
    attempt.record(db, Some(staff_user_id), outcome).await?;
    staff_throttle::succeeded(db, attempt.email, attempt.client).await?;
    db::staff::touch_last_login(db, staff_user_id).await?;
    super::staff::sign_in(session, staff_user_id).await?;
    tracing::info!(%staff_user_id, "staff signed in");
    Ok(())
}

/// What follows a right password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Nothing: the session is signed in.
    SignedIn,
    /// The two-factor code.
    Code,
    /// Two-factor enrolment, required for this admin before anything else.
    Enrol,
}

/// After a right password: signs in, or starts the pending second step (the code for an
/// account with two-factor; enrolment for an admin who must have it).
pub async fn after_password(
    state: &AppState,
    session: &Session,
    attempt: &Attempt<'_>,
    staff_user_id: StaffUserId,
) -> Result<NextStep, AppError> {
    let staff = db::staff::find(&state.db, staff_user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stage = if staff.two_factor {
        PendingStage::Code
    } else if super::staff::must_enrol(state, &staff) {
        PendingStage::Enrol
    } else {
        complete(
            &state.db,
            session,
            attempt,
            staff_user_id,
            SignInOutcome::SignedIn,
        )
        .await?;
        return Ok(NextStep::SignedIn);
    };
    staff_throttle::first_step_passed(&state.db, attempt.email, attempt.client).await?;
    staff_pending::begin(session, staff_user_id, attempt.email, stage).await?;
    Ok(match stage {
        PendingStage::Code => NextStep::Code,
        PendingStage::Enrol => NextStep::Enrol,
    })
}

/// The result of the code step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeOutcome {
    /// Signed in.
    SignedIn,
    /// A code already used.
    Replayed,
    /// Not a current code nor an unused recovery code.
    Wrong,
    /// Refused unchecked: too many recent failures.
    Throttled(RetryAfter),
}

/// The code step of a pending sign-in (throttled like the password, audited).
pub async fn check_code(
    state: &AppState,
    session: &Session,
    attempt: &Attempt<'_>,
    staff_user_id: StaffUserId,
    code: &str,
) -> Result<CodeOutcome, AppError> {
    let db = &state.db;
    if let Gate::Wait(retry) = staff_throttle::begin(db, attempt.email, attempt.client).await? {
        attempt
            .record(db, Some(staff_user_id), SignInOutcome::Throttled)
            .await?;
        return Ok(CodeOutcome::Throttled(retry));
    }
    let key = &state.config.secret_key;
    let outcome = match staff_two_factor::verify(db, key, staff_user_id, code).await? {
        SecondFactor::Code => SignInOutcome::SignedIn,
        SecondFactor::RecoveryCode => SignInOutcome::RecoveryCodeUsed,
        failed => {
            staff_throttle::failed(db, attempt.email, attempt.client).await?;
            attempt
                .record(db, Some(staff_user_id), SignInOutcome::SecondFactorFailed)
                .await?;
            return Ok(if failed == SecondFactor::Replayed {
                CodeOutcome::Replayed
            } else {
                CodeOutcome::Wrong
            });
        }
    };
    complete(db, session, attempt, staff_user_id, outcome).await?;
    Ok(CodeOutcome::SignedIn)
}
