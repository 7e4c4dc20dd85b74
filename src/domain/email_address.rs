//! An email address as typed into any form: parsed once, the same way for customers, staff
//! and the brand's sender address.

use std::fmt;

use validator::ValidateEmail;

/// The longest address SMTP allows.
pub const MAX_LEN: usize = 254;

/// A syntactically valid address that mail can be sent to and from, trimmed and lower-cased
/// (the users and staff tables store addresses in lower case and compare them so).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

/// Why text is not an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailAddressError {
    /// Nothing was typed.
    #[error("no email address")]
    Empty,
    /// Longer than [`MAX_LEN`].
    #[error("an email address has at most {MAX_LEN} characters")]
    TooLong,
    /// Not shaped like `name@example.com`.
    #[error("not an email address")]
    Invalid,
}

/// `address` with its local part hidden but for the first character (`j***@example.com`).
pub fn mask(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

impl EmailAddress {
    /// Parses `text`, ignoring surrounding spaces and case.
    pub fn parse(text: &str) -> Result<Self, EmailAddressError> {
        let address = text.trim().to_lowercase();
        if address.is_empty() {
            Err(EmailAddressError::Empty)
        } else if address.len() > MAX_LEN {
            Err(EmailAddressError::TooLong)
        } else if !address.validate_email() || address.parse::<lettre::Address>().is_err() {
            Err(EmailAddressError::Invalid)
        } else {
            Ok(Self(address))
        }
    }

    /// The address with its local part hidden but for the first character
    /// (`j***@example.com`): enough for its owner to recognise it, too little to harvest it.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_address_shows_only_its_first_letter_and_domain() {
        assert_eq!(mask("jane.doe@example.com"), "j***@example.com");
        assert_eq!(mask("@example.com"), "***@example.com");
        assert_eq!(mask("not-an-address"), "***");
    }

    #[test]
    fn every_accepted_address_is_one_the_mailer_takes() {
        for text in [
            "ann@example.com",
            "a.b+tag@mail.example.co.uk",
            "x@localhost",
        ] {
            let address = EmailAddress::parse(text).unwrap();
            assert!(
                address.as_str().parse::<lettre::Address>().is_ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn addresses_are_trimmed_lower_cased_and_checked() {
        assert_eq!(
            EmailAddress::parse("  Ann@Example.COM ").unwrap().as_str(),
            "ann@example.com"
        );
        assert_eq!(EmailAddress::parse("   "), Err(EmailAddressError::Empty));
        assert_eq!(
            EmailAddress::parse("not-an-email"),
            Err(EmailAddressError::Invalid)
        );
        assert_eq!(
            EmailAddress::parse("renewals@"),
            Err(EmailAddressError::Invalid)
        );
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailAddressError::TooLong));
    }
}
