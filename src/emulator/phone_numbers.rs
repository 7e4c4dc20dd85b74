//! Twilio's 2010-04-01 IncomingPhoneNumber records: numbers an account owns, with the bundle and
//! the Address they are registered under. The emulator does not sell numbers; the control API
//! attaches them.

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use super::sid::new_sid;
use super::store::Store;

/// An IncomingPhoneNumber (`PN…`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IncomingPhoneNumber {
    /// Creation order.
    pub seq: u64,
    /// `PN…`.
    pub sid: String,
    /// Owner.
    pub account_sid: String,
    /// E.164 number.
    pub phone_number: String,
    /// Human name (the number, formatted, unless given).
    pub friendly_name: String,
    /// The Regulatory Compliance bundle it is registered under.
    pub bundle_sid: Option<String>,
    /// The Address it is registered under.
    pub address_sid: Option<String>,
    /// Created.
    pub date_created: Timestamp,
    /// Updated.
    pub date_updated: Timestamp,
}

/// A number to attach to an account.
#[derive(Debug, Clone, Default)]
pub struct NewPhoneNumber<'a> {
    /// Owner.
    pub account_sid: &'a str,
    /// E.164 number.
    pub phone_number: &'a str,
    /// Human name.
    pub friendly_name: Option<&'a str>,
    /// Bundle.
    pub bundle_sid: Option<&'a str>,
    /// Address.
    pub address_sid: Option<&'a str>,
}

/// Whether `text` is an E.164 number: `+` and 8 to 15 digits, not starting with 0.
pub fn is_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len())
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Whether `number` matches a `PhoneNumber` list filter: the filter's digits (a `*` stands for
/// any one digit; spaces, `+`, dashes and brackets are ignored) appear somewhere in the number.
pub fn number_matches(filter: &str, number: &str) -> bool {
    let pattern: Vec<u8> = filter
        .bytes()
        .filter(|b| b.is_ascii_digit() || *b == b'*')
        .collect();
    let digits: Vec<u8> = number.bytes().filter(u8::is_ascii_digit).collect();
    if pattern.is_empty() {
        return true;
    }
    digits.windows(pattern.len()).any(|window| {
        window
            .iter()
            .zip(&pattern)
            .all(|(d, p)| *p == b'*' || d == p)
    })
}

impl Store {
    /// Attaches a number to an account and returns its SID.
    pub fn create_phone_number(&mut self, new: NewPhoneNumber<'_>) -> String {
        let sid = new_sid("PN");
        let now = self.now();
        let number = IncomingPhoneNumber {
            seq: self.next_seq(),
            sid: sid.clone(),
            account_sid: new.account_sid.to_owned(),
            phone_number: new.phone_number.to_owned(),
            friendly_name: new
                .friendly_name
                .map_or_else(|| new.phone_number.to_owned(), str::to_owned),
            bundle_sid: new.bundle_sid.map(str::to_owned),
            address_sid: new.address_sid.map(str::to_owned),
            date_created: now,
            date_updated: now,
        };
        self.phone_numbers.insert(sid.clone(), number);
        sid
    }
}

#[cfg(test)]
mod tests {
    use super::{is_e164, number_matches};

    #[test]
    fn the_number_filter_matches_digits_anywhere_with_star_for_any_digit() {
        assert!(number_matches("+447700900123", "+447700900123"));
        assert!(number_matches("7700 900", "+447700900123"));
        assert!(number_matches("900*23", "+447700900123"));
        assert!(!number_matches("900*24", "+447700900123"));
        assert!(!number_matches("+4477009001234", "+447700900123"));
    }

    #[test]
    fn e164_needs_a_plus_and_eight_to_fifteen_digits() {
        assert!(is_e164("+447700900123"));
        assert!(!is_e164("447700900123"));
        assert!(!is_e164("+44 7700 900123"));
        assert!(!is_e164("+0123456789"));
        assert!(!is_e164("+1234567"));
    }
}
