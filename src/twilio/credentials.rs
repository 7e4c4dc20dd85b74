//! A tenant's Twilio credentials: which account, how we authenticate, and which token validates
//! that account's webhooks. Secrets stay in [`SecretString`] and never reach logs.

use crate::domain::sid::{AccountSid, ApiKeySid};
use crate::secret::SecretString;

/// How requests to Twilio authenticate (HTTP Basic with the account SID and auth token, or an API key SID and secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `AccountSid:AuthToken`.
    AuthToken(SecretString),
    /// `ApiKeySid:ApiKeySecret` (an `SK…` key created in the tenant's account).
    ApiKey {
        /// The `SK…` SID.
        sid: String,
        /// The key's secret.
        secret: SecretString,
    },
}

/// Everything needed to act as one tenant's Twilio account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwilioCredentials {
    /// The account (`AC…`) whose bundles we manage.
    pub account_sid: String,
    /// How REST calls authenticate.
    pub auth: Auth,
    /// The account's auth token for validating `X-Twilio-Signature` when `auth` is an API key
    /// (with [`Auth::AuthToken`] that token is used and this may stay `None`).
    pub auth_token: Option<SecretString>,
}

/// Why credentials were refused before any call was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    /// Not `AC` + 32 lowercase hex digits.
    #[error("the account SID must be AC followed by 32 hexadecimal digits")]
    AccountSid,
    /// Not `SK` + 32 hex digits.
    #[error("the API key SID must be SK followed by 32 hexadecimal digits")]
    ApiKeySid,
    /// An empty token or secret.
    #[error("the auth token or API key secret is empty")]
    EmptySecret,
}

impl TwilioCredentials {
    /// Account SID + auth token (also used for webhook validation).
    pub fn with_auth_token(account_sid: impl Into<String>, auth_token: SecretString) -> Self {
        Self {
            account_sid: account_sid.into(),
            auth: Auth::AuthToken(auth_token),
            auth_token: None,
        }
    }

    /// Account SID + API key; `auth_token` validates webhooks.
    pub fn with_api_key(
        account_sid: impl Into<String>,
        key_sid: impl Into<String>,
        key_secret: SecretString,
        auth_token: Option<SecretString>,
    ) -> Self {
        Self {
            account_sid: account_sid.into(),
            auth: Auth::ApiKey {
                sid: key_sid.into(),
                secret: key_secret,
            },
            auth_token,
        }
    }

    /// The token that signs this account's webhooks, if we know it.
    pub fn webhook_auth_token(&self) -> Option<&SecretString> {
        match (&self.auth_token, &self.auth) {
            (Some(token), _) => Some(token),
            (None, Auth::AuthToken(token)) => Some(token),
            (None, Auth::ApiKey { .. }) => None,
        }
    }

    /// The HTTP Basic user name and password.
    pub(crate) fn basic_auth(&self) -> (&str, &SecretString) {
        match &self.auth {
            Auth::AuthToken(token) => (&self.account_sid, token),
            Auth::ApiKey { sid, secret } => (sid, secret),
        }
    }

    /// Checks the shape of every part (no call to Twilio; see `verify_credentials` for that).
    pub fn validate(&self) -> Result<(), CredentialsError> {
        if !AccountSid::is_canonical(&self.account_sid) {
            return Err(CredentialsError::AccountSid);
        }
        let secret = match &self.auth {
            Auth::AuthToken(token) => token,
            Auth::ApiKey { sid, secret } => {
                if !ApiKeySid::is_canonical(sid) {
                    return Err(CredentialsError::ApiKeySid);
                }
                secret
            }
        };
        let webhook_empty = self
            .auth_token
            .as_ref()
            .is_some_and(|t| t.expose().is_empty());
        if secret.expose().is_empty() || webhook_empty {
            return Err(CredentialsError::EmptySecret);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AC: &str = "AC0123456789abcdef0123456789abcdef";
    const SK: &str = "SK0123456789abcdef0123456789abcdef";

    #[test]
    fn api_key_credentials_authenticate_with_the_key_and_validate_webhooks_with_the_token() {
        let creds = TwilioCredentials::with_api_key(AC, SK, "s3cret".into(), Some("tok".into()));
        let (user, password) = creds.basic_auth();
        assert_eq!((user, password.expose()), (SK, "s3cret"));
        assert_eq!(creds.webhook_auth_token().unwrap().expose(), "tok");
        assert!(creds.validate().is_ok());
        assert!(!format!("{creds:?}").contains("s3cret"));
    }

    #[test]
    fn auth_token_credentials_use_the_token_for_both() {
        let creds = TwilioCredentials::with_auth_token(AC, "tok".into());
        assert_eq!(creds.basic_auth().0, AC);
        assert_eq!(creds.webhook_auth_token().unwrap().expose(), "tok");
    }

    #[test]
    fn malformed_credentials_are_refused() {
        let bad_ac = TwilioCredentials::with_auth_token("AC123", "tok".into());
        assert_eq!(bad_ac.validate(), Err(CredentialsError::AccountSid));
        let upper = TwilioCredentials::with_auth_token(AC.to_uppercase(), "t".into());
        assert_eq!(upper.validate(), Err(CredentialsError::AccountSid));
        let bad_sk = TwilioCredentials::with_api_key(AC, "SKnope", "s".into(), None);
        assert_eq!(bad_sk.validate(), Err(CredentialsError::ApiKeySid));
        let empty = TwilioCredentials::with_auth_token(AC, "".into());
        assert_eq!(empty.validate(), Err(CredentialsError::EmptySecret));
    }
}
