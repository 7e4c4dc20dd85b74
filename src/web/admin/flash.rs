//! The staff side of the one-time flash: an admin action stores its outcome in the staff
//! session and answers 303 See Other; the next page shows it once. A sign-in link made for a
//! customer travels this way, never in a URL.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::web::flash;

const SESSION_KEY: &str = "staff_flash";

/// The outcome of a staff action, shown once on the next page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffFlash {
    /// Whether the action succeeded (the alert style).
    pub ok: bool,
    /// The text.
    pub message: String,
    /// A sign-in link just created, shown this once.
    #[serde(default)]
    pub sign_in_link: Option<String>,
}

impl StaffFlash {
    /// A success message.
    pub fn ok(message: impl Into<String>) -> Self {
        Self {
            ok: true,
            message: message.into(),
            sign_in_link: None,
        }
    }

    /// A refusal or failure message.
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            ok: false,
            ..Self::ok(message)
        }
    }

    /// Stores the message for the next page.
    pub async fn set(self, session: &Session) {
        flash::put(session, SESSION_KEY, self).await;
    }

    /// Takes the pending message, if any.
    pub async fn take(session: &Session) -> Option<Self> {
        flash::take(session, SESSION_KEY).await
    }
}
