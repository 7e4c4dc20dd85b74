//! TOTP codes (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of skew either way) with
//! totp-rs, replay refusal by step, QR codes for enrolment, and recovery codes.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

/// Seconds per code.
pub const STEP_SECS: u64 = 30;
/// Steps accepted either side of the current one (clock drift).
const SKEW_STEPS: u64 = 1;
/// Recovery codes handed out at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// The issuer the authenticator app shows.
const ISSUER: &str = "recomply";

/// A fresh 160-bit shared secret (the size RFC 4226 recommends).
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    rand::rng().fill_bytes(&mut secret);
    secret
}

fn totp(secret: &[u8], account: &str) -> anyhow::Result<TOTP> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP_SECS,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        account.replace(':', "_"),
    )
    .map_err(|e| anyhow::anyhow!("building a TOTP: {e}"))
}

/// The secret as the base32 text an authenticator app accepts when typed.
pub fn secret_text(secret: &[u8]) -> anyhow::Result<String> {
    Ok(totp(secret, "")?.get_secret_base32())
}

/// The enrolment QR code (an `otpauth://` URL) as an SVG `data:` URI for an `<img>`.
pub fn qr_data_uri(secret: &[u8], account: &str) -> anyhow::Result<String> {
    let url = totp(secret, account)?.get_url();
    let code = qrcode::QrCode::new(url.as_bytes())?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg.as_bytes())
    ))
}

/// What a typed code is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, for this step (remember it).
    Accepted(i64),
    /// Right, but its step was already used.
    Replayed,
    /// Not a code of the current steps.
    Wrong,
}

/// Checks `code` against the steps around `now` (Unix seconds); steps up to
/// `last_used_step` are refused as replays.
pub fn check(
    secret: &[u8],
    code: &str,
    now: u64,
    last_used_step: i64,
) -> anyhow::Result<CodeCheck> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp(secret, "")?;
    let current = now / STEP_SECS;
    for step in current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS {
        let expected = totp.generate(step * STEP_SECS);
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            let step = i64::try_from(step)?;
            return Ok(if step > last_used_step {
                CodeCheck::Accepted(step)
            } else {
                CodeCheck::Replayed
            });
        }
    }
    Ok(CodeCheck::Wrong)
}

/// Whether `text` has the shape of a TOTP code (six digits, spaces allowed).
pub fn looks_like_code(text: &str) -> bool {
    let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.iter().all(char::is_ascii_digit)
}

/// Ten new recovery codes like `k3f9q-x2m7a` (50 random bits each).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rand::rng().fill_bytes(&mut bytes);
            let chars: String = bytes
                .iter()
                .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// The stored form of a recovery code: an HMAC keyed with the staff member's TOTP secret
/// (itself sealed at rest), over the code without case, spaces or dashes.
pub fn recovery_hash(secret: &[u8], code: &str) -> Vec<u8> {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key");
    mac.update(b"recomply/recovery-code/v1:");
    mac.update(normal.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_accepted_within_one_step_and_never_twice() {
        let secret = new_secret();
        let totp = totp(&secret, "ada@isv.example").unwrap();
        let now = 1_800_000_000;
        let step = (now / STEP_SECS) as i64;
        let code = totp.generate(now);
        assert_eq!(
            check(&secret, &code, now, -1).unwrap(),
            CodeCheck::Accepted(step)
        );
        assert_eq!(
            check(&secret, &code, now + 30, -1).unwrap(),
            CodeCheck::Accepted(step)
        );
        assert_eq!(
            check(&secret, &code, now + 90, -1).unwrap(),
            CodeCheck::Wrong
        );
        assert_eq!(
            check(&secret, &code, now, step).unwrap(),
            CodeCheck::Replayed
        );
        assert_eq!(check(&secret, "12345", now, -1).unwrap(), CodeCheck::Wrong);
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_without_case_or_dashes() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let secret = new_secret();
        assert_eq!(
            recovery_hash(&secret, &codes[0]),
            recovery_hash(&secret, &codes[0].to_uppercase().replace('-', " "))
        );
        assert_ne!(
            recovery_hash(&secret, &codes[0]),
            recovery_hash(&new_secret(), &codes[0])
        );
        assert!(looks_like_code("123 456") && !looks_like_code(&codes[0]));
    }

    #[test]
    fn the_qr_code_is_an_svg_data_uri() {
        let uri = qr_data_uri(&new_secret(), "ada@isv.example").unwrap();
        assert!(uri.starts_with("data:image/svg+xml;base64,"));
    }
}
