//! The tenant form: details for everyone, Twilio credentials (write-only) for admins.

use serde::Deserialize;

use crate::db::tenants::{CustomerFacing, NewTenant};
use crate::domain::sid::{AccountSid, ApiKeySid};
use crate::i18n::{Locale, Zone};
use crate::secret::SecretString;
use crate::twilio::{Auth, TwilioCredentials};
use crate::web::admin::form::{self, FormErrors};

/// The submitted tenant form (create and edit).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TenantForm {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The name customers see in place of `name` (blank: they see `name`).
    #[serde(default)]
    pub display_name: String,
    /// URL-safe unique name.
    #[serde(default)]
    pub slug: String,
    /// The language of emails to users who chose none (`en`, `fr`, `de`, `es`).
    #[serde(default)]
    pub default_locale: String,
    /// The IANA time zone of dates on customer pages and in emails.
    #[serde(default)]
    pub time_zone: String,
    /// Where customers get human help.
    #[serde(default)]
    pub support_email: String,
    /// `AC…`.
    #[serde(default)]
    pub account_sid: String,
    /// Write-only: blank keeps the stored one.
    #[serde(default)]
    pub auth_token: String,
    /// Write-only: blank keeps the stored one.
    #[serde(default)]
    pub api_key_sid: String,
    /// Write-only: blank keeps the stored one.
    #[serde(default)]
    pub api_key_secret: String,
    /// CSRF token.
    #[serde(default)]
    pub csrf_token: String,
}

fn is_slug(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && text.len() <= 63
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl TenantForm {
    /// A form showing `tenant`'s stored details (secrets are never put back into a form).
    pub fn from_tenant(tenant: &crate::db::tenants::Tenant) -> Self {
        Self {
            name: tenant.name.clone(),
            display_name: tenant.display_name.clone().unwrap_or_default(),
            slug: tenant.slug.clone(),
            default_locale: tenant.default_locale.code().to_owned(),
            time_zone: tenant.time_zone.name().to_owned(),
            support_email: tenant.support_email.clone().unwrap_or_default(),
            account_sid: tenant.twilio_account_sid.clone().unwrap_or_default(),
            ..Self::default()
        }
    }

    /// Forgets the typed secrets (after a failed submit they are not echoed back).
    pub fn without_secrets(mut self) -> Self {
        self.auth_token.clear();
        self.api_key_secret.clear();
        self
    }

    /// The tenant's details, with messages for bad fields.
    pub fn details(&self, errors: &mut FormErrors) -> NewTenant {
        let name = form::required(errors, "name", "the tenant's name", &self.name, 200);
        let slug = self.slug.trim().to_lowercase();
        if slug.is_empty() {
            errors.add("slug", "Enter a short name for URLs, like acme-telecom");
        } else if !is_slug(&slug) {
            errors.add(
                "slug",
                "Use lower-case letters, digits and hyphens (up to 63), starting with a letter or digit",
            );
        }
        let support = self.support_email.trim();
        let support_email = if support.is_empty() {
            None
        } else {
            Some(form::email(errors, "support_email", support))
        };
        NewTenant {
            name,
            slug,
            support_email,
        }
    }

    /// What the tenant's customers see of it, with messages beside the bad fields.
    pub fn customer_facing(&self, errors: &mut FormErrors) -> CustomerFacing {
        let display_name = self.display_name(errors);
        let (locale, zone) = self.language(errors);
        CustomerFacing {
            display_name,
            locale,
            zone,
        }
    }

    /// The default language and time zone (blank: English, UTC), with messages when they are
    /// not ones recomply knows.
    fn language(&self, errors: &mut FormErrors) -> (Locale, Zone) {
        let code = self.default_locale.trim();
        let locale = if code.is_empty() {
            Locale::En
        } else {
            code.parse().unwrap_or_else(|_| {
                errors.add("default_locale", "Choose one of the languages in the list");
                Locale::En
            })
        };
        let name = self.time_zone.trim();
        let zone = if name.is_empty() {
            Zone::utc()
        } else {
            Zone::parse(name).unwrap_or_else(|_| {
                errors.add(
                    "time_zone",
                    "Enter a time zone from the tz database, like Europe/Paris or Asia/Tokyo",
                );
                Zone::utc()
            })
        };
        (locale, zone)
    }

    /// The languages the form offers: (code, name, selected).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        let chosen = if self.default_locale.is_empty() {
            "en"
        } else {
            self.default_locale.as_str()
        };
        Locale::ALL
            .into_iter()
            .map(|l| (l.code(), l.native_name(), l.code() == chosen))
            .collect()
    }

    /// The display name to store (`None`: customers see the name), with a message when it is
    /// too long or spans lines.
    fn display_name(&self, errors: &mut FormErrors) -> Option<String> {
        let text = self.display_name.trim();
        if text.is_empty() {
            return None;
        }
        if text.chars().count() > 200 {
            errors.add("display_name", "Use at most 200 characters");
        } else if text.chars().any(char::is_control) {
            errors.add(
                "display_name",
                "Keep the name on one line, without line breaks or tabs",
            );
        }
        Some(text.to_owned())
    }

    /// New credentials to store: `Ok(None)` when nothing changes. Blank secret fields keep the
    /// stored ones (`existing`) as long as the account stays the same.
    pub fn credentials(
        &self,
        existing: Option<&TwilioCredentials>,
        errors: &mut FormErrors,
    ) -> Option<TwilioCredentials> {
        let account_sid = self.account_sid.trim();
        let (token, key_sid, key_secret) = (
            self.auth_token.trim(),
            self.api_key_sid.trim(),
            self.api_key_secret.trim(),
        );
        let typed_any = !(token.is_empty() && key_sid.is_empty() && key_secret.is_empty());
        if account_sid.is_empty() {
            if typed_any || existing.is_some() {
                errors.add("account_sid", "Enter the Twilio account SID (AC…)");
            }
            return None;
        }
        let (account_sid, key_sid) = typed_sids(account_sid, key_sid, errors);
        let (account_sid, key_sid) = (account_sid.as_str(), key_sid.as_str());
        let same_account = existing.is_some_and(|c| c.account_sid == account_sid);
        if key_sid.is_empty() != key_secret.is_empty() && !(same_account && key_sid.is_empty()) {
            let field = if key_sid.is_empty() {
                "api_key_sid"
            } else {
                "api_key_secret"
            };
            errors.add(field, "Enter both the API key SID and its secret");
        }
        if !typed_any && same_account {
            return None;
        }
        let kept = existing.filter(|_| same_account);
        let kept_token = kept.and_then(|c| c.webhook_auth_token().cloned());
        let kept_key = kept.and_then(|c| match &c.auth {
            Auth::ApiKey { sid, secret } => Some((sid.clone(), secret.clone())),
            Auth::AuthToken(_) => None,
        });
        let auth_token = (!token.is_empty())
            .then(|| SecretString::new(token))
            .or(kept_token);
        let api_key = if !key_sid.is_empty() && !key_secret.is_empty() {
            Some((key_sid.to_owned(), SecretString::new(key_secret)))
        } else if !key_secret.is_empty() {
            kept_key.map(|(sid, _)| (sid, SecretString::new(key_secret)))
        } else {
            kept_key
        };
        match (api_key, auth_token) {
            (Some((sid, secret)), token) => Some(TwilioCredentials::with_api_key(
                account_sid,
                sid,
                secret,
                token,
            )),
            (None, Some(token)) => Some(TwilioCredentials::with_auth_token(account_sid, token)),
            (None, None) => {
                errors.add(
                    "auth_token",
                    "Enter the auth token, or an API key SID and secret",
                );
                None
            }
        }
    }
}

/// `••••` and the last four characters of a secret.
pub fn mask(secret: &str) -> String {
    let tail: String = secret
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("••••{tail}")
}

/// The stored credentials, masked, for the admin's eyes.
#[derive(Debug, Clone)]
pub struct MaskedCredentials {
    /// `AC…` (an identifier, shown in full).
    pub account_sid: String,
    /// `••••1234`, when an auth token is stored.
    pub auth_token: Option<String>,
    /// `••••abcd`, when an API key is used.
    pub api_key_sid: Option<String>,
    /// `••••wxyz`, when an API key is used.
    pub api_key_secret: Option<String>,
}

impl MaskedCredentials {
    /// Masks `credentials`.
    pub fn of(credentials: &TwilioCredentials) -> Self {
        let (api_key_sid, api_key_secret) = match &credentials.auth {
            Auth::ApiKey { sid, secret } => (Some(mask(sid)), Some(mask(secret.expose()))),
            Auth::AuthToken(_) => (None, None),
        };
        Self {
            account_sid: credentials.account_sid.clone(),
            auth_token: credentials.webhook_auth_token().map(|t| mask(t.expose())),
            api_key_sid,
            api_key_secret,
        }
    }
}

/// The account and API key SIDs as typed, each parsed (SIDs typed in capitals are kept in the
/// lowercase form Twilio issues); a malformed one is kept as typed, with its message in
/// `errors`. A blank key SID stays blank.
fn typed_sids(account_sid: &str, key_sid: &str, errors: &mut FormErrors) -> (String, String) {
    let account_sid = match AccountSid::parse(account_sid) {
        Ok(sid) => sid.into_string(),
        Err(_) => {
            errors.add(
                "account_sid",
                "The account SID is AC followed by 32 hexadecimal digits",
            );
            account_sid.to_owned()
        }
    };
    let key_sid = match ApiKeySid::parse(key_sid) {
        Ok(sid) => sid.into_string(),
        Err(_) if key_sid.is_empty() => String::new(),
        Err(_) => {
            errors.add(
                "api_key_sid",
                "The API key SID is SK followed by 32 hexadecimal digits",
            );
            key_sid.to_owned()
        }
    };
    (account_sid, key_sid)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AC: &str = "AC0123456789abcdef0123456789abcdef";
    const SK: &str = "SK0123456789abcdef0123456789abcdef";

    fn form(account: &str, token: &str, sid: &str, secret: &str) -> TenantForm {
        TenantForm {
            account_sid: account.into(),
            auth_token: token.into(),
            api_key_sid: sid.into(),
            api_key_secret: secret.into(),
            ..Default::default()
        }
    }

    #[test]
    fn blank_secrets_keep_the_stored_ones_for_the_same_account() {
        let stored =
            TwilioCredentials::with_api_key(AC, SK, "old-secret".into(), Some("tok1".into()));
        let mut errors = FormErrors::new();
        assert_eq!(
            form(AC, "", "", "").credentials(Some(&stored), &mut errors),
            None
        );
        let changed = form(AC, "newtoken", "", "")
            .credentials(Some(&stored), &mut errors)
            .unwrap();
        assert!(errors.is_empty());
        assert_eq!(changed.auth, stored.auth, "the API key is kept");
        assert_eq!(changed.auth_token.unwrap().expose(), "newtoken");
    }

    #[test]
    fn a_new_account_needs_its_own_secrets_and_bad_sids_are_flagged() {
        let stored = TwilioCredentials::with_auth_token(AC, "tok".into());
        let mut errors = FormErrors::new();
        let other = AC.replace("AC0", "AC1");
        assert_eq!(
            form(&other, "", "", "").credentials(Some(&stored), &mut errors),
            None
        );
        assert!(errors.get("auth_token").is_some());
        let mut errors = FormErrors::new();
        form("AC123", "tok", "SKxyz", "").credentials(None, &mut errors);
        assert!(errors.get("account_sid").is_some());
        assert!(errors.get("api_key_sid").is_some());
        assert!(errors.get("api_key_secret").is_some());
        assert_eq!(mask("abcdef1234"), "••••1234");
    }

    #[test]
    fn sids_typed_in_capitals_are_kept_in_lowercase() {
        let mut errors = FormErrors::new();
        let creds = form(&AC.to_uppercase(), "tok", &SK.to_uppercase(), "secret")
            .credentials(None, &mut errors)
            .unwrap();
        assert!(errors.is_empty());
        assert_eq!(creds.account_sid, AC);
        assert!(matches!(creds.auth, Auth::ApiKey { ref sid, .. } if sid == SK));
        assert!(creds.validate().is_ok());
    }
}
