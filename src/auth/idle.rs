//! Idle expiry without a write per page view.
//!
//! The session layer extends a session's expiry only when it saves the session, and it saves
//! only a modified session, so a plain GET writes nothing. To keep an active reader signed in,
//! the signed-in extractors stamp the session with the time it was last seen, at most once per
//! [`REFRESH_WINDOW_SECS`]: that stamp modifies the session, which saves it and pushes its
//! expiry forward. Within the window a page view leaves the session row untouched, so the
//! effective idle expiry lies between the configured one minus the window and the configured
//! one.

use time::OffsetDateTime;
use tower_sessions::Session;

use crate::error::AppError;

/// How long after the last refresh a signed-in page view refreshes the session again.
pub const REFRESH_WINDOW_SECS: i64 = 5 * 60;
const SESSION_KEY: &str = "seen_at";

/// Refreshes `session` (and so its expiry) when it was last refreshed a window ago or more.
pub async fn keep_alive(session: &Session) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let seen_at: Option<i64> = session.get(SESSION_KEY).await?;
    if seen_at.is_none_or(|seen| !(0..REFRESH_WINDOW_SECS).contains(&(now - seen))) {
        session.insert(SESSION_KEY, now).await?;
    }
    Ok(())
}
