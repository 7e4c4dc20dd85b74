//! Staff sign-in throttling. Two rules, both counted in Postgres so every `serve` process
//! agrees:
//!
//! - per (typed email, client): after a failure, the next attempt from that client for that
//!   address must wait [`FIRST_DELAY_SECS`], doubling with each further failure up to
//!   [`MAX_DELAY_SECS`]. Attempts made earlier are refused without checking the password.
//!   Another client is not slowed down, so failures aimed at a known staff address cannot
//!   lock its owner out.
//! - per client across addresses (credential stuffing): [`MAX_FAILURES_PER_CLIENT`] failures
//!   within [`CLIENT_WINDOW_SECS`] stop that client until the oldest of them leaves the window.

use std::fmt;

use sqlx::PgPool;

use crate::db;
use crate::db::sign_in_throttle::DelayRule;

pub use crate::domain::sign_in_throttle::{
    CLIENT_WINDOW_SECS, FIRST_DELAY_SECS, FORGET_AFTER_SECS, MAX_DELAY_SECS,
    MAX_FAILURES_PER_CLIENT,
};

const RULE: DelayRule = DelayRule {
    first_secs: FIRST_DELAY_SECS as f64,
    max_secs: MAX_DELAY_SECS as f64,
    forget_after_secs: FORGET_AFTER_SECS as f64,
};

/// How long a refused client must wait, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

impl fmt::Display for RetryAfter {
    /// "1 second", "40 seconds", "15 minutes" (minutes from two minutes on, rounded up).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ..=1 => f.write_str("1 second"),
            secs @ 2..120 => write!(f, "{secs} seconds"),
            secs => write!(f, "{} minutes", (secs + 59) / 60),
        }
    }
}

/// Whether an attempt may be checked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Go ahead (the attempt is counted as started).
    Open,
    /// Refused without checking anything.
    Wait(RetryAfter),
}

/// Starts an attempt of `client` for `email` (a password or a second-factor code).
pub async fn begin(db: &PgPool, email: &str, client: &str) -> sqlx::Result<Gate> {
    let capped = db::staff_sign_ins::client_cap_wait(
        db,
        client,
        CLIENT_WINDOW_SECS,
        MAX_FAILURES_PER_CLIENT,
    )
    .await?;
    if let Some(seconds) = capped {
        return Ok(Gate::Wait(RetryAfter(seconds)));
    }
    if db::sign_in_throttle::begin_attempt(db, email, client, RULE).await? {
        return Ok(Gate::Open);
    }
    let seconds = db::sign_in_throttle::seconds_until_allowed(db, email, client).await?;
    Ok(Gate::Wait(RetryAfter(seconds.max(1))))
}

/// The started attempt failed: the wait already set for the next one stands.
pub async fn failed(db: &PgPool, email: &str, client: &str) -> sqlx::Result<()> {
    db::sign_in_throttle::record_failure(db, email, client).await
}

/// The password was right and a second factor follows: it may be sent at once.
pub async fn first_step_passed(db: &PgPool, email: &str, client: &str) -> sqlx::Result<()> {
    db::sign_in_throttle::release(db, email, client).await
}

/// The sign-in completed: this client's failures for this address are forgotten.
pub async fn succeeded(db: &PgPool, email: &str, client: &str) -> sqlx::Result<()> {
    db::sign_in_throttle::clear(db, email, client).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_seconds_then_in_whole_minutes() {
        assert_eq!(RetryAfter(0).to_string(), "1 second");
        assert_eq!(RetryAfter(1).to_string(), "1 second");
        assert_eq!(RetryAfter(8).to_string(), "8 seconds");
        assert_eq!(RetryAfter(119).to_string(), "119 seconds");
        assert_eq!(RetryAfter(121).to_string(), "3 minutes");
        assert_eq!(RetryAfter(900).to_string(), "15 minutes");
    }
}
