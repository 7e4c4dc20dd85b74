//! Deterministic SIDs for catalogue entries whose real SID is unknown.

use sha2::{Digest, Sha256};

/// `prefix` + the first 32 hex digits of SHA-256(`seed`), e.g. `RN…` from a friendly name.
pub fn synthesize(prefix: &str, seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{}", &hex[..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthesized_sids_are_stable_and_well_formed() {
        let a = synthesize("RN", "France: Mobile - Business");
        assert_eq!(a, synthesize("RN", "France: Mobile - Business"));
        assert_ne!(a, synthesize("RN", "France: Local - Business"));
        assert_eq!(a.len(), 34);
        assert!(a.starts_with("RN"));
        assert!(a[2..].chars().all(|c| c.is_ascii_hexdigit()));
    }
}
