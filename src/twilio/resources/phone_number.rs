//! An IncomingPhoneNumber of the 2010-04-01 API: a number the account owns, with the
//! Regulatory Compliance bundle and the Address it is registered under.

use serde::Deserialize;

/// A phone number (`PN…`) as Twilio lists it; only the fields recomply uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IncomingPhoneNumber {
    /// `PN…`.
    pub sid: String,
    /// The number in E.164 (`+441632960001`).
    pub phone_number: String,
    /// The name the ISV gave it (Twilio formats the number when none was given).
    #[serde(default)]
    pub friendly_name: String,
    /// The bundle it is registered under; `None` when it needs none.
    #[serde(default)]
    pub bundle_sid: Option<String>,
    /// The Address it is registered under.
    #[serde(default)]
    pub address_sid: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_number_decodes_with_its_bundle_and_tolerates_unknown_keys() {
        let json = r#"{"sid": "PN0123456789abcdef0123456789abcdef", "phone_number": "+441632960001",
            "friendly_name": "Support line", "bundle_sid": "BU0123456789abcdef0123456789abcdef",
            "address_sid": null, "capabilities": {"voice": true}, "status": "in-use"}"#;
        let number: IncomingPhoneNumber = serde_json::from_str(json).unwrap();
        assert_eq!(number.phone_number, "+441632960001");
        assert_eq!(
            number.bundle_sid.as_deref(),
            Some("BU0123456789abcdef0123456789abcdef")
        );
        assert_eq!(number.address_sid, None);
    }
}
