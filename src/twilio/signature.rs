//! `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, URL + sorted name+value pairs)).
//!
//! Shared by the webhook receiver (verify) and the emulator (sign), so both sides agree by
//! construction and a test vector computed with Twilio's published algorithm pins them to Twilio's helpers.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// The header Twilio puts its signature in.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// Computes the signature Twilio sends for a form-encoded POST to `url` with `params`.
///
/// Parameters are sorted by name (byte order), then by value; exact duplicates count once,
/// as in twilio-node.
pub fn compute(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(auth_token.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(url.as_bytes());
    for (name, value) in pairs {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Checks `signature` against the one computed for `url` and `params`, in constant time.
///
/// Like Twilio's validators, a URL that names the default port (`:443` / `:80`) and the same URL
/// without it are both accepted.
pub fn verify(auth_token: &str, url: &str, params: &[(String, String)], signature: &str) -> bool {
    url_variants(url).iter().any(|candidate| {
        let expected = compute(auth_token, candidate, params);
        expected.as_bytes().ct_eq(signature.as_bytes()).into()
    })
}

fn url_variants(url: &str) -> Vec<String> {
    let mut variants = vec![url.to_owned()];
    if let Ok(parsed) = url::Url::parse(url) {
        let default_port = parsed.port_or_known_default();
        let mut with_port = parsed.clone();
        if parsed.port().is_none() {
            if with_port.set_port(default_port).is_ok() {
                // `Url` drops a default port when serialising, so build the text by hand.
                if let (Some(host), Some(port)) = (parsed.host_str(), default_port) {
                    let rest = &url[parsed.scheme().len() + 3 + host.len()..];
                    variants.push(format!("{}://{}:{}{}", parsed.scheme(), host, port, rest));
                }
            }
        } else {
            variants.push(parsed.to_string());
        }
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector_params() -> Vec<(String, String)> {
        vec![
            ("AccountSid".into(), format!("AC{}", "a".repeat(32))),
            ("BundleSid".into(), format!("BU{}", "b".repeat(32))),
            ("Status".into(), "twilio-approved".into()),
            ("FailureReason".into(), String::new()),
        ]
    }

    #[test]
    fn reproduces_the_test_vector_of_the_fact_sheet() {
        let signature = compute(
            "test-auth-token",
            "https://example.com/twilio/bundle-status",
            &vector_params(),
        );
        assert_eq!(signature, "LxoRgUh0h2ZwAW+kRZcw863khjs=");
    }

    #[test]
    fn verify_accepts_the_right_signature_and_rejects_others() {
        let url = "https://example.com/twilio/bundle-status";
        let params = vector_params();
        assert!(verify(
            "test-auth-token",
            url,
            &params,
            "LxoRgUh0h2ZwAW+kRZcw863khjs="
        ));
        assert!(!verify(
            "other-token",
            url,
            &params,
            "LxoRgUh0h2ZwAW+kRZcw863khjs="
        ));
        let mut tampered = params.clone();
        tampered[2].1 = "twilio-rejected".into();
        assert!(!verify(
            "test-auth-token",
            url,
            &tampered,
            "LxoRgUh0h2ZwAW+kRZcw863khjs="
        ));
    }

    #[test]
    fn verify_accepts_the_url_with_an_explicit_default_port() {
        let params = vector_params();
        let signature = compute(
            "tok",
            "https://example.com:443/twilio/bundle-status",
            &params,
        );
        assert!(verify(
            "tok",
            "https://example.com/twilio/bundle-status",
            &params,
            &signature
        ));
    }
}
