//! An Account of the 2010-04-01 API: the ISV's parent account or one of its subaccounts, as
//! the parent lists them (each with its own auth token).

use serde::{Deserialize, Deserializer};

use crate::secret::SecretString;

/// Where an account stands at Twilio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, sqlx::Type)]
#[serde(rename_all = "lowercase")]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum AccountStatus {
    /// In use.
    Active,
    /// Temporarily stopped; its credentials are refused until it is reactivated.
    Suspended,
    /// Closed for good.
    Closed,
}

impl AccountStatus {
    /// The wire value (`active`, `suspended`, `closed`), also the stored one.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Closed => "closed",
        }
    }

    /// The inverse of [`as_str`](Self::as_str).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }
}

/// An account (`AC…`) as Twilio returns it; only the fields recomply uses. The auth token is
/// a [`SecretString`], redacted from `Debug`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Account {
    /// `AC…`.
    pub sid: String,
    /// The name the ISV gave it.
    #[serde(default)]
    pub friendly_name: String,
    /// Active, suspended or closed.
    pub status: AccountStatus,
    /// The account's own auth token (a parent sees its subaccounts' tokens).
    #[serde(deserialize_with = "secret")]
    pub auth_token: SecretString,
    /// The parent (`AC…`); a parent account names itself.
    pub owner_account_sid: String,
}

impl Account {
    /// Whether this is a subaccount (its owner is another account).
    pub fn is_subaccount(&self) -> bool {
        self.owner_account_sid != self.sid
    }
}

fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SecretString, D::Error> {
    String::deserialize(deserializer).map(SecretString::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_subaccount_decodes_and_its_token_stays_out_of_debug() {
        let json = r#"{"sid": "AC11111111111111111111111111111111", "friendly_name": "Acme",
            "status": "suspended", "auth_token": "tok-secret-123", "type": "Full",
            "owner_account_sid": "AC00000000000000000000000000000000"}"#;
        let account: Account = serde_json::from_str(json).unwrap();
        assert_eq!(account.status, AccountStatus::Suspended);
        assert!(account.is_subaccount());
        assert_eq!(account.auth_token.expose(), "tok-secret-123");
        assert!(!format!("{account:?}").contains("tok-secret-123"));
        assert_eq!(AccountStatus::parse("closed"), Some(AccountStatus::Closed));
        assert_eq!(AccountStatus::parse("Closed"), None);
    }
}
