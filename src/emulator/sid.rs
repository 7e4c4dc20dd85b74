//! Twilio SIDs: a two-letter prefix and 32 lowercase hex digits.

/// A fresh random SID with `prefix` (`BU`, `IT`, `RD`, …).
pub fn new_sid(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

pub use crate::domain::sid::{has_shape, is_any_sid};

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
