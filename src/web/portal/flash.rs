//! One-time messages carried across a redirect (Post/Redirect/Get), kept in the session.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const SESSION_KEY: &str = "portal_flash";

/// A message shown once on the next page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    /// `ok`, `info` or `warn` (the alert style).
    pub kind: String,
    /// The text.
    pub message: String,
}

impl Flash {
    /// A success message.
    pub fn ok(message: impl Into<String>) -> Self {
        Self {
            kind: "ok".into(),
            message: message.into(),
        }
    }

    /// Stores the message for the next page (best effort: a lost flash is not an error).
    pub async fn set(self, session: &Session) {
        crate::web::flash::put(session, SESSION_KEY, self).await;
    }

    /// Takes the pending message, if any. Without one the session is left unmodified, so a
    /// page view that shows no message does not write the session.
    pub async fn take(session: &Session) -> Option<Self> {
        crate::web::flash::take(session, SESSION_KEY).await
    }
}
