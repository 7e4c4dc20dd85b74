//! Twilio SIDs: a two-letter prefix and 32 lowercase hex digits.

/// A fresh random SID with `prefix` (`BU`, `IT`, `RD`, …).
pub fn new_sid(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

/// Whether `sid` is `prefix` followed by 32 hex digits (either case, as Twilio's patterns allow).
pub fn has_shape(sid: &str, prefix: &str) -> bool {
    sid.len() == 34 && sid.starts_with(prefix) && sid[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `sid` is any two letters followed by 32 hex digits (`ObjectSid`'s pattern).
pub fn is_any_sid(sid: &str) -> bool {
    sid.len() == 34
        && sid[..2].bytes().all(|b| b.is_ascii_alphabetic())
        && sid[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_sids_have_the_twilio_shape() {
        let sid = new_sid("BU");
        assert!(has_shape(&sid, "BU"));
        assert_eq!(sid, sid.to_lowercase().replacen("bu", "BU", 1));
        assert!(!has_shape(&sid, "IT"));
        assert!(is_any_sid(&sid));
        assert!(!is_any_sid("BU123"));
    }
}
