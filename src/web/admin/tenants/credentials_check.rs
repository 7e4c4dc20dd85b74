//! Credentials checked on save: before staff store a tenant's Twilio credentials, one read
//! call is made with them. Twilio refusing them (401, code 20003) keeps the form open with a
//! message beside the token and nothing saved; Twilio not answering saves them but says so,
//! since an outage must not stop staff from recording credentials they know are right.

use tower_sessions::Session;

use crate::domain::ids::TenantId;
use crate::state::AppState;
use crate::twilio::{TwilioCredentials, TwilioError};
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::form::FormErrors;

/// What the check learned about credentials that may be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// Twilio accepted them.
    Verified,
    /// Twilio could not be asked (unreachable, 5xx, rate limited): saved, not verified.
    Unverified,
}

/// The message beside the token when Twilio refuses the credentials.
pub const REFUSED: &str = "Twilio refused this account SID and secret (error 20003): check both and type the secret again";

/// Asks Twilio whether `credentials` work. `None` when they were refused (a message was added
/// beside the field); otherwise whether they could be verified.
pub async fn check(
    state: &AppState,
    tenant_id: TenantId,
    credentials: &TwilioCredentials,
    errors: &mut FormErrors,
) -> Option<Checked> {
    match state
        .engine
        .verify_credentials(tenant_id, credentials)
        .await
    {
        Ok(()) => Some(Checked::Verified),
        Err(TwilioError::Unauthorized) => {
            errors.add("auth_token", REFUSED);
            None
        }
        Err(error) => {
            tracing::warn!(%error, "credentials could not be checked with Twilio");
            Some(Checked::Unverified)
        }
    }
}

/// Tells staff, on the next page, that saved credentials are not verified yet.
pub async fn warn_if_unverified(checked: Option<Checked>, session: &Session) {
    if checked == Some(Checked::Unverified) {
        StaffFlash::failed(
            "Saved, but not verified: Twilio could not be reached to check the credentials. \
             Use \u{201c}Test credentials\u{201d} once it answers.",
        )
        .set(session)
        .await;
    }
}
