//! The application secret key and what is derived from it: an AEAD for secrets at rest
//! (XChaCha20-Poly1305, random 24-byte nonce stored in front of the ciphertext) and keyed
//! hashes for tokens that must never be stored in clear (magic links).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Length of the nonce stored in front of every ciphertext.
const NONCE_LEN: usize = 24;

/// `RECOMPLY_SECRET_KEY`: at least 32 random bytes. Never printed.
#[derive(Clone)]
pub struct SecretKey {
    bytes: Vec<u8>,
}

/// Why a secret key or a sealed value could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the secret key is not valid base64")]
    NotBase64,
    #[error("the secret key must be at least 32 bytes, got {0}")]
    TooShort(usize),
    #[error("the sealed value is damaged or was sealed with another key")]
    Unseal,
}

impl SecretKey {
    /// Parses the base64 text of `RECOMPLY_SECRET_KEY`.
    pub fn from_base64(text: &str) -> Result<Self, CryptoError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| CryptoError::NotBase64)?;
        if bytes.len() < 32 {
            return Err(CryptoError::TooShort(bytes.len()));
        }
        Ok(Self { bytes })
    }

    /// A fresh random key (dev/demo mode and tests).
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self { bytes }
    }

    /// The key as base64, for persisting a generated dev key.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.bytes)
    }

    /// A sub-key for one purpose, so that no two uses share key material.
    fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.bytes)
            .expect("HMAC accepts keys of any length");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Encrypts `plaintext`, binding it to `context` (e.g. the tenant id), which must be given
    /// again to decrypt.
    pub fn seal(&self, context: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(&self.derive("recomply/seal/v1").into());
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            .expect("XChaCha20-Poly1305 encryption cannot fail for in-memory buffers");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        out
    }

    /// Decrypts what [`SecretKey::seal`] produced with the same `context`.
    pub fn open(&self, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < NONCE_LEN {
            return Err(CryptoError::Unseal);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new(&self.derive("recomply/seal/v1").into());
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map_err(|_| CryptoError::Unseal)
    }

    /// A keyed SHA-256 of a token, for storing tokens (magic links) only as a hash.
    pub fn token_hash(&self, token: &str) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.derive("recomply/token/v1"))
            .expect("HMAC accepts keys of any length");
        mac.update(token.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// A keyed SHA-256 of `message` for one `purpose` (its own sub-key), for values the
    /// server hands out and must later recognise as its own (signed form tokens).
    pub fn sign(&self, purpose: &str, message: &[u8]) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.derive(purpose))
            .expect("HMAC accepts keys of any length");
        mac.update(message);
        mac.finalize().into_bytes().to_vec()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

/// A random URL-safe token with `bytes` bytes of entropy (32 → 256 bits).
pub fn random_token(bytes: usize) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_the_same_key_and_context() {
        let key = SecretKey::generate();
        let sealed = key.seal(b"tenant-a", b"auth-token");
        assert_eq!(key.open(b"tenant-a", &sealed).unwrap(), b"auth-token");
        assert!(key.open(b"tenant-b", &sealed).is_err());
        assert!(SecretKey::generate().open(b"tenant-a", &sealed).is_err());
        assert!(!sealed.windows(10).any(|w| w == b"auth-token"));
    }

    #[test]
    fn short_or_malformed_keys_are_refused() {
        assert!(matches!(
            SecretKey::from_base64("c2hvcnQ="),
            Err(CryptoError::TooShort(5))
        ));
        assert!(matches!(
            SecretKey::from_base64("not base64!"),
            Err(CryptoError::NotBase64)
        ));
        let key = SecretKey::generate();
        assert!(SecretKey::from_base64(&key.to_base64()).is_ok());
    }

    #[test]
    fn token_hashes_are_stable_per_key_and_hide_the_token() {
        let key = SecretKey::generate();
        assert_eq!(key.token_hash("abc"), key.token_hash("abc"));
        assert_ne!(key.token_hash("abc"), key.token_hash("abd"));
        assert_ne!(
            key.token_hash("abc"),
            SecretKey::generate().token_hash("abc")
        );
        assert_eq!(random_token(32).len(), 43);
    }
}
