//! The ISV's hand-off: a URL its backend signs (HMAC-SHA256 under the installation's hand-off
//! secret) that signs one of its users into recomply. This module is the pure part: the
//! canonical message, the signature check (constant time), the expiry window and the refusal
//! reasons. The route is `web::handoff`; `docs/handoff.md` is what the ISV reads.
//!
//! The signed message, each field on its own line (`\n`, no trailing newline):
//!
//! ```text
//! v1
//! {tenant id, lower-case hyphenated uuid}
//! {email, trimmed and lower-case}
//! {renewal id, lower-case hyphenated uuid, or empty}
//! {expires, unix seconds}
//! {nonce}
//! ```

use axum::http::StatusCode;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

use crate::domain::email_address::EmailAddress;
use crate::domain::ids::{RenewalId, TenantId};

/// The longest a hand-off URL may live: `expires` at most this far ahead of our clock.
pub const MAX_LIFETIME_SECS: i64 = 300;
/// Clock difference tolerated between the ISV's servers and ours, on top of
/// [`MAX_LIFETIME_SECS`] (never for an `expires` in the past).
pub const CLOCK_SKEW_SECS: i64 = 30;
/// Shortest nonce accepted.
pub const NONCE_MIN: usize = 16;
/// Longest nonce accepted.
pub const NONCE_MAX: usize = 128;
/// The version tag that starts every signed message.
pub const VERSION: &str = "v1";

/// The query string of `GET /handoff`, as it came (every field checked by [`parse`]).
#[derive(Debug, Default, Deserialize)]
pub struct RawHandoff {
    /// The tenant's id.
    #[serde(default)]
    pub tenant: String,
    /// The user's address.
    #[serde(default)]
    pub email: String,
    /// The renewal to land on (optional).
    #[serde(default)]
    pub renewal: String,
    /// Unix seconds after which the URL no longer works.
    #[serde(default)]
    pub expires: String,
    /// A random single-use value.
    #[serde(default)]
    pub nonce: String,
    /// Hex HMAC-SHA256 of the canonical message.
    #[serde(default)]
    pub signature: String,
}

/// A well-formed hand-off (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    /// The tenant the user is signed into.
    pub tenant_id: TenantId,
    /// Trimmed, lower-case address.
    pub email: String,
    /// Where to land, if not the bundle list.
    pub renewal_id: Option<RenewalId>,
    /// Unix seconds.
    pub expires: i64,
    /// The single-use value.
    pub nonce: String,
    signature: Vec<u8>,
}

/// Why a hand-off was refused: logged (as [`Refusal::reason`]), never shown in detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A field is missing or malformed.
    Malformed,
    /// No secret yet, or staff turned hand-offs off.
    Disabled,
    /// The signature does not match the message under the current secret.
    BadSignature,
    /// `expires` is in the past.
    Expired,
    /// `expires` is further ahead than a hand-off may live.
    TooFarAhead,
    /// The nonce was used before.
    Replayed,
    /// No such tenant, or one that was removed.
    UnknownTenant,
    /// No user with that address in the tenant, and creating users is off.
    UnknownUser,
    /// The renewal does not exist in that tenant.
    RenewalNotInTenant,
}

impl Refusal {
    /// The reason as it is logged.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::Disabled => "disabled",
            Self::BadSignature => "bad_signature",
            Self::Expired => "expired",
            Self::TooFarAhead => "expiry_too_far_ahead",
            Self::Replayed => "replayed_nonce",
            Self::UnknownTenant => "unknown_tenant",
            Self::UnknownUser => "unknown_user",
            Self::RenewalNotInTenant => "renewal_not_in_tenant",
        }
    }

    /// 410 Gone for a URL that worked once or could have (expired, replayed); 403 otherwise.
    pub fn status(self) -> StatusCode {
        match self {
            Self::Expired | Self::Replayed => StatusCode::GONE,
            _ => StatusCode::FORBIDDEN,
        }
    }
}

/// The exact text the ISV signs (see the module documentation).
pub fn canonical_message(
    tenant_id: TenantId,
    email: &str,
    renewal_id: Option<RenewalId>,
    expires: i64,
    nonce: &str,
) -> String {
    let renewal = renewal_id.map(|id| id.to_string()).unwrap_or_default();
    format!(
        "{VERSION}\n{tenant_id}\n{}\n{renewal}\n{expires}\n{nonce}",
        email.trim().to_lowercase()
    )
}

/// Lower-case hex HMAC-SHA256 of `message` under `secret` (the secret's text as bytes): what
/// the ISV's backend computes. Used by tests and the admin page's example.
pub fn sign(secret: &str, message: &str) -> String {
    let mut mac = mac(secret);
    mac.update(message.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A new hand-off secret: 256 random bits, URL-safe base64 (43 characters). The ISV uses its
/// text as the HMAC key.
pub fn generate_secret() -> String {
    crate::crypto::random_token(32)
}

/// Checks every field's shape (nothing about the signature or the clock yet).
pub fn parse(raw: &RawHandoff) -> Result<Handoff, Refusal> {
    let tenant_id = raw
        .tenant
        .trim()
        .parse::<TenantId>()
        .map_err(|_| Refusal::Malformed)?;
    let email = EmailAddress::parse(&raw.email)
        .map_err(|_| Refusal::Malformed)?
        .to_string();
    let renewal_id = match raw.renewal.trim() {
        "" => None,
        text => Some(text.parse::<RenewalId>().map_err(|_| Refusal::Malformed)?),
    };
    let expires = raw
        .expires
        .trim()
        .parse::<i64>()
        .map_err(|_| Refusal::Malformed)?;
    let nonce = raw.nonce.trim();
    let nonce_ok = (NONCE_MIN..=NONCE_MAX).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !nonce_ok {
        return Err(Refusal::Malformed);
    }
    let signature = decode_hex(raw.signature.trim()).ok_or(Refusal::Malformed)?;
    Ok(Handoff {
        tenant_id,
        email,
        renewal_id,
        expires,
        nonce: nonce.to_owned(),
        signature,
    })
}

impl Handoff {
    /// The message this hand-off claims to be signed over.
    pub fn message(&self) -> String {
        canonical_message(
            self.tenant_id,
            &self.email,
            self.renewal_id,
            self.expires,
            &self.nonce,
        )
    }

    /// `Ok` when the signature is the HMAC of [`Handoff::message`] under `secret` (compared in
    /// constant time by the hmac crate).
    pub fn verify_signature(&self, secret: &str) -> Result<(), Refusal> {
        let mut mac = mac(secret);
        mac.update(self.message().as_bytes());
        mac.verify_slice(&self.signature)
            .map_err(|_| Refusal::BadSignature)
    }

    /// `Ok` when `now` (unix seconds) is before `expires` and `expires` is at most
    /// [`MAX_LIFETIME_SECS`] (plus [`CLOCK_SKEW_SECS`]) ahead.
    pub fn check_expiry(&self, now: i64) -> Result<(), Refusal> {
        if self.expires <= now {
            Err(Refusal::Expired)
        } else if self.expires > now + MAX_LIFETIME_SECS + CLOCK_SKEW_SECS {
            Err(Refusal::TooFarAhead)
        } else {
            Ok(())
        }
    }
}

fn mac(secret: &str) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC accepts keys of any length")
}

/// 64 hex digits (either case) → 32 bytes.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "test-secret-0123456789";
    const TENANT: &str = "6f1c2a9e-4b7d-4c1e-9f2a-3b5d7e9f1a2c";
    const RENEWAL: &str = "0b8e5c3a-1d2f-4e6a-8b9c-7d5e3f1a2b4c";

    fn raw(email: &str, renewal: &str, expires: i64, nonce: &str) -> RawHandoff {
        let tenant_id = TENANT.parse().unwrap();
        let renewal_id = (!renewal.is_empty()).then(|| renewal.parse().unwrap());
        let message = canonical_message(tenant_id, email, renewal_id, expires, nonce);
        RawHandoff {
            tenant: TENANT.into(),
            email: email.into(),
            renewal: renewal.into(),
            expires: expires.to_string(),
            nonce: nonce.into(),
            signature: sign(SECRET, &message),
        }
    }

    #[test]
    fn the_canonical_message_is_exactly_as_documented() {
        let message = canonical_message(
            TENANT.parse().unwrap(),
            " Ann@Example.COM ",
            Some(RENEWAL.parse().unwrap()),
            1_767_225_600,
            "n-0123456789abcdef",
        );
        assert_eq!(
            message,
            format!("v1\n{TENANT}\nann@example.com\n{RENEWAL}\n1767225600\nn-0123456789abcdef")
        );
        let without = canonical_message(TENANT.parse().unwrap(), "a@b.co", None, 5, "x");
        assert_eq!(without, format!("v1\n{TENANT}\na@b.co\n\n5\nx"));
    }

    #[test]
    fn the_signature_matches_openssl_and_python() {
        // The worked example of docs/handoff.md:
        // printf 'v1\n…' | openssl dgst -sha256 -hmac 'test-secret-0123456789'
        let message =
            format!("v1\n{TENANT}\nann@example.com\n{RENEWAL}\n1767225600\nn-0123456789abcdef");
        assert_eq!(
            sign(SECRET, &message),
            "734aec2b515d08eb55e280172922b833cd510e8bcec1a6a7434dc517fe0634fa"
        );
    }

    #[test]
    fn a_correctly_signed_hand_off_verifies_and_any_change_breaks_it() {
        let good = raw("Ann@Example.com", RENEWAL, 1000, "0123456789abcdef");
        let handoff = parse(&good).unwrap();
        assert_eq!(handoff.email, "ann@example.com");
        assert!(handoff.verify_signature(SECRET).is_ok());
        assert_eq!(
            handoff.verify_signature("another-secret"),
            Err(Refusal::BadSignature)
        );
        let mut upper = raw("ann@example.com", RENEWAL, 1000, "0123456789abcdef");
        upper.signature = upper.signature.to_uppercase();
        assert!(parse(&upper).unwrap().verify_signature(SECRET).is_ok());
        for tamper in [
            |r: &mut RawHandoff| r.email = "bob@example.com".into(),
            |r: &mut RawHandoff| r.renewal = String::new(),
            |r: &mut RawHandoff| r.expires = "1001".into(),
            |r: &mut RawHandoff| r.nonce = "0123456789abcdeX".into(),
            |r: &mut RawHandoff| r.tenant = "00000000-0000-4000-8000-000000000000".into(),
        ] {
            let mut changed = raw("ann@example.com", RENEWAL, 1000, "0123456789abcdef");
            tamper(&mut changed);
            let handoff = parse(&changed).unwrap();
            assert_eq!(handoff.verify_signature(SECRET), Err(Refusal::BadSignature));
        }
    }

    #[test]
    fn malformed_fields_are_refused_before_any_check() {
        let base = || raw("ann@example.com", "", 1000, "0123456789abcdef");
        for broken in [
            |r: &mut RawHandoff| r.tenant = "acme".into(),
            |r: &mut RawHandoff| r.email = "not an address".into(),
            |r: &mut RawHandoff| r.email = "a@b.co\nv1".into(),
            |r: &mut RawHandoff| r.renewal = "42".into(),
            |r: &mut RawHandoff| r.expires = "soon".into(),
            |r: &mut RawHandoff| r.nonce = "short".into(),
            |r: &mut RawHandoff| r.nonce = "0123456789abcdef\n".repeat(2),
            |r: &mut RawHandoff| r.nonce = "x".repeat(129),
            |r: &mut RawHandoff| r.signature = "zz".repeat(32),
            |r: &mut RawHandoff| r.signature = "ab".into(),
            |r: &mut RawHandoff| r.signature = String::new(),
        ] {
            let mut changed = base();
            broken(&mut changed);
            assert_eq!(parse(&changed), Err(Refusal::Malformed), "{changed:?}");
        }
        assert!(parse(&base()).is_ok());
    }

    #[test]
    fn the_expiry_window_is_five_minutes_ahead_at_most() {
        let at = |expires| parse(&raw("a@b.co", "", expires, "0123456789abcdef")).unwrap();
        let now = 10_000;
        assert_eq!(at(now).check_expiry(now), Err(Refusal::Expired));
        assert_eq!(at(now - 1).check_expiry(now), Err(Refusal::Expired));
        assert!(at(now + 1).check_expiry(now).is_ok());
        assert!(at(now + 300).check_expiry(now).is_ok());
        assert!(at(now + 330).check_expiry(now).is_ok(), "clock skew");
        assert_eq!(at(now + 331).check_expiry(now), Err(Refusal::TooFarAhead));
        assert_eq!(at(now + 3600).check_expiry(now), Err(Refusal::TooFarAhead));
    }

    #[test]
    fn expired_and_replayed_are_gone_the_rest_forbidden() {
        assert_eq!(Refusal::Expired.status(), StatusCode::GONE);
        assert_eq!(Refusal::Replayed.status(), StatusCode::GONE);
        assert_eq!(Refusal::BadSignature.status(), StatusCode::FORBIDDEN);
        assert_eq!(Refusal::UnknownUser.status(), StatusCode::FORBIDDEN);
    }

    #[test]
    fn secrets_are_long_and_distinct() {
        let (a, b) = (generate_secret(), generate_secret());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }
}
