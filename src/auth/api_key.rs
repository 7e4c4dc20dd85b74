//! API key secrets: `rk_live_<key id>_<secret>`. The key id (32 hex digits) finds the row; the
//! secret (32 random bytes, base64url) is checked against its keyed hash (HMAC-SHA-256 under a
//! sub-key of the application secret key), so the database never holds a usable key. The full
//! key is shown to the admin once, when it is created.

use subtle::ConstantTimeEq;

use crate::crypto::{SecretKey, random_token};
use crate::domain::ids::ApiKeyId;

/// What every key starts with, so that a leaked key is recognisable (secret scanners).
pub const PREFIX: &str = "rk_live_";

/// The purpose under which secrets are hashed (their own sub-key).
const HASH_PURPOSE: &str = "recomply/api-key/v1";

/// A key as the caller presents it, split into its id and its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentedKey {
    /// The `api_key` row.
    pub api_key_id: ApiKeyId,
    secret: String,
}

/// A new key: its full text (shown once) and what is stored.
#[derive(Debug, Clone)]
pub struct NewSecret {
    /// `rk_live_…`, for the admin to copy.
    pub full_key: String,
    /// The keyed hash of the secret part.
    pub secret_hash: Vec<u8>,
}

/// Makes a key for row `api_key_id`.
pub fn generate(key: &SecretKey, api_key_id: ApiKeyId) -> NewSecret {
    let secret = random_token(32);
    NewSecret {
        full_key: format!("{PREFIX}{}_{secret}", api_key_id.as_uuid().simple()),
        secret_hash: hash(key, &secret),
    }
}

/// The keyed hash of a secret.
fn hash(key: &SecretKey, secret: &str) -> Vec<u8> {
    key.sign(HASH_PURPOSE, secret.as_bytes())
}

/// How the admin list shows a key without revealing it: `rk_live_1a2b3c4d…`.
pub fn display_prefix(api_key_id: ApiKeyId) -> String {
    let id = api_key_id.as_uuid().simple().to_string();
    format!("{PREFIX}{}…", &id[..8])
}

impl PresentedKey {
    /// Splits `text` (a bearer token) into id and secret; `None` when it is not shaped like a
    /// key at all.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.strip_prefix(PREFIX)?;
        let (id, secret) = rest.split_at_checked(32)?;
        let secret = secret.strip_prefix('_')?;
        if secret.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(Self {
            api_key_id: id.parse().ok()?,
            secret: secret.to_owned(),
        })
    }

    /// Whether the secret matches the stored hash (constant time).
    pub fn matches(&self, key: &SecretKey, stored_hash: &[u8]) -> bool {
        hash(key, &self.secret).ct_eq(stored_hash).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_parses_back_and_matches_only_its_own_hash() {
        let key = SecretKey::generate();
        let id = ApiKeyId::random();
        let new = generate(&key, id);
        assert!(new.full_key.starts_with("rk_live_"));
        let presented = PresentedKey::parse(&new.full_key).expect("parses");
        assert_eq!(presented.api_key_id, id);
        assert!(presented.matches(&key, &new.secret_hash));
        assert!(!presented.matches(&SecretKey::generate(), &new.secret_hash));
        let other = generate(&key, id);
        assert!(!presented.matches(&key, &other.secret_hash));
    }

    #[test]
    fn text_not_shaped_like_a_key_is_refused() {
        let id = ApiKeyId::random().as_uuid().simple().to_string();
        assert!(PresentedKey::parse("").is_none());
        assert!(PresentedKey::parse(&format!("rk_test_{id}_abc")).is_none());
        assert!(PresentedKey::parse(&format!("rk_live_{id}_")).is_none());
        assert!(PresentedKey::parse(&format!("rk_live_{id}abc")).is_none());
        assert!(PresentedKey::parse("rk_live_short_abc").is_none());
        assert!(PresentedKey::parse(&format!("rk_live_{}_x", "z".repeat(32))).is_none());
        assert!(PresentedKey::parse(&format!("rk_live_{id}_abc")).is_some());
    }

    #[test]
    fn the_listed_prefix_reveals_only_the_start_of_the_id() {
        let id = ApiKeyId::random();
        let shown = display_prefix(id);
        assert!(shown.starts_with("rk_live_"));
        assert_eq!(shown.chars().count(), "rk_live_".len() + 8 + 1);
    }
}
