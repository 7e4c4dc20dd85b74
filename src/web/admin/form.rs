//! Server-side form validation for the admin forms: messages keyed by field name, rendered
//! beside the field (and in an error summary) on a 422 re-render that keeps what was typed.

use std::collections::BTreeMap;

use crate::domain::email_address::{EmailAddress, EmailAddressError};

/// Field name → message.
#[derive(Debug, Default, Clone)]
pub struct FormErrors(BTreeMap<&'static str, String>);

impl FormErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` for `field` (the first message per field wins).
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    /// The message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// Whether there is no error at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(field, message)` pairs, for the error summary.
    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &String)> {
        self.0.iter()
    }

    /// ` field-invalid` when `field` has an error (for the wrapper's class).
    pub fn class(&self, field: &str) -> &'static str {
        if self.0.contains_key(field) {
            " field-invalid"
        } else {
            ""
        }
    }
}

/// Trims and lower-cases an email address, recording a message when it is missing or invalid.
pub fn email(errors: &mut FormErrors, field: &'static str, value: &str) -> String {
    match EmailAddress::parse(value) {
        Ok(address) => return address.to_string(),
        Err(EmailAddressError::Empty) => errors.add(field, "Enter an email address"),
        Err(EmailAddressError::TooLong | EmailAddressError::Invalid) => errors.add(
            field,
            "Enter an email address in the correct format, like name@example.com",
        ),
    }
    value.trim().to_lowercase()
}

/// Trims a required text value, recording a message when it is empty or longer than `max`.
pub fn required(
    errors: &mut FormErrors,
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> String {
    let text = value.trim().to_owned();
    if text.is_empty() {
        errors.add(field, format!("Enter {label}"));
    } else if text.chars().count() > max {
        errors.add(field, format!("Use at most {max} characters"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let mut errors = FormErrors::new();
        assert_eq!(
            email(&mut errors, "email", "  Ann@Example.COM "),
            "ann@example.com"
        );
        assert!(errors.is_empty());
        email(&mut errors, "email", "not-an-email");
        assert!(errors.get("email").unwrap().contains("correct format"));
        assert_eq!(errors.class("email"), " field-invalid");
    }
}
