//! The brand form: what an admin types, checked field by field.

use serde::Deserialize;

use crate::brand::Brand;
use crate::db::brand::BrandChanges;
use crate::domain::colour::HexColour;
use crate::web::admin::form::{self, FormErrors};

/// Longest product name.
pub const PRODUCT_NAME_MAX: usize = 60;
/// Longest footer line.
pub const FOOTER_MAX: usize = 300;
/// Longest company name.
const COMPANY_NAME_MAX: usize = 200;
/// Longest sender display name.
const SENDER_NAME_MAX: usize = 100;
/// Longest support URL.
const SUPPORT_URL_MAX: usize = 500;

/// The submitted brand form (every field as typed).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct BrandForm {
    /// Required, 1–60 characters.
    #[serde(default)]
    pub product_name: String,
    /// Optional.
    #[serde(default)]
    pub company_name: String,
    /// `#rrggbb`.
    #[serde(default)]
    pub primary_colour: String,
    /// Optional email address.
    #[serde(default)]
    pub support_email: String,
    /// Optional `http(s)://` address.
    #[serde(default)]
    pub support_url: String,
    /// Optional display name of the emails' sender.
    #[serde(default)]
    pub sender_name: String,
    /// Optional sender email address.
    #[serde(default)]
    pub sender_address: String,
    /// Optional, at most 300 characters.
    #[serde(default)]
    pub footer: String,
    /// CSRF token.
    #[serde(default)]
    pub csrf_token: String,
}

impl BrandForm {
    /// A form showing the stored `brand`.
    pub fn from_brand(brand: &Brand) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        Self {
            product_name: brand.product_name.clone(),
            company_name: text(&brand.company_name),
            primary_colour: brand.primary_colour.clone(),
            support_email: text(&brand.support_email),
            support_url: text(&brand.support_url),
            sender_name: text(&brand.sender_name),
            sender_address: text(&brand.sender_address),
            footer: text(&brand.footer),
            csrf_token: String::new(),
        }
    }

    /// The settings to save, with a message for each bad field.
    pub fn changes(&self, errors: &mut FormErrors) -> BrandChanges {
        let product_name = form::required(
            errors,
            "product_name",
            "the product name",
            &self.product_name,
            PRODUCT_NAME_MAX,
        );
        let company_name = optional(errors, "company_name", &self.company_name, COMPANY_NAME_MAX);
        let primary_colour = colour(errors, "primary_colour", &self.primary_colour);
        let support_email = optional_email(errors, "support_email", &self.support_email);
        let support_url = web_address(errors, "support_url", &self.support_url);
        let sender_name = optional(errors, "sender_name", &self.sender_name, SENDER_NAME_MAX);
        let sender_address = optional_email(errors, "sender_address", &self.sender_address);
        let footer = optional(errors, "footer", &self.footer, FOOTER_MAX);
        BrandChanges {
            product_name,
            company_name,
            primary_colour,
            support_email,
            support_url,
            sender_name,
            sender_address,
            footer,
        }
    }
}

/// A trimmed optional text: `None` when blank; a message when too long or when it holds a
/// line break or another control character (these end up in headers and single lines).
fn optional(
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > max {
        errors.add(field, format!("Use at most {max} characters"));
    } else if text.chars().any(char::is_control) {
        errors.add(field, "Keep this on one line, without line breaks or tabs");
    }
    Some(text.to_owned())
}

fn optional_email(errors: &mut FormErrors, field: &'static str, value: &str) -> Option<String> {
    let text = value.trim();
    (!text.is_empty()).then(|| form::email(errors, field, text))
}

/// Lower-case `#rrggbb`, or a message.
fn colour(errors: &mut FormErrors, field: &'static str, value: &str) -> String {
    let text = value.trim();
    if text.is_empty() {
        errors.add(field, "Enter the primary colour, like #1f5fbf");
        return String::new();
    }
    match HexColour::parse(text) {
        Ok(colour) => colour.to_string(),
        Err(_) => {
            errors.add(
                field,
                "Enter the colour as # and six hexadecimal digits, like #1f5fbf",
            );
            text.to_owned()
        }
    }
}

/// An optional `http://` or `https://` address with a host.
fn web_address(errors: &mut FormErrors, field: &'static str, value: &str) -> Option<String> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    let valid = url::Url::parse(text).is_ok_and(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    });
    if text.chars().count() > SUPPORT_URL_MAX {
        errors.add(field, format!("Use at most {SUPPORT_URL_MAX} characters"));
    } else if !valid {
        errors.add(
            field,
            "Enter a web address starting with https:// or http://, like https://help.example.com",
        );
    }
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> BrandForm {
        BrandForm {
            product_name: " Acme Compliance ".into(),
            primary_colour: "#AA0000".into(),
            support_url: "https://help.acme.example/renewals".into(),
            sender_address: "Renewals@Acme.example".into(),
            ..BrandForm::default()
        }
    }

    #[test]
    fn a_bad_sender_address_gets_a_message_beside_it_and_is_kept_as_typed() {
        let mut errors = FormErrors::new();
        let form = BrandForm {
            sender_address: " Renewals@ ".into(),
            ..valid()
        };
        let changes = form.changes(&mut errors);
        assert_eq!(
            errors.get("sender_address"),
            Some("Enter an email address in the correct format, like name@example.com")
        );
        assert_eq!(changes.sender_address.as_deref(), Some("renewals@"));
    }

    #[test]
    fn a_valid_form_is_trimmed_and_normalised() {
        let mut errors = FormErrors::new();
        let changes = valid().changes(&mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(changes.product_name, "Acme Compliance");
        assert_eq!(changes.primary_colour, "#aa0000");
        assert_eq!(
            changes.sender_address.as_deref(),
            Some("renewals@acme.example")
        );
        assert_eq!(
            changes.company_name, None,
            "blank optional fields are unset"
        );
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let mut errors = FormErrors::new();
        BrandForm {
            product_name: "x".repeat(61),
            primary_colour: "blue".into(),
            support_email: "help at acme".into(),
            support_url: "javascript:alert(1)".into(),
            sender_name: "Acme\r\nBcc: everyone@example.com".into(),
            sender_address: "nobody".into(),
            footer: "f".repeat(301),
            ..BrandForm::default()
        }
        .changes(&mut errors);
        for field in [
            "product_name",
            "primary_colour",
            "support_email",
            "support_url",
            "sender_name",
            "sender_address",
            "footer",
        ] {
            assert!(errors.get(field).is_some(), "{field} is flagged");
        }
        let mut errors = FormErrors::new();
        BrandForm {
            support_url: "ftp://files.acme.example".into(),
            ..valid()
        }
        .changes(&mut errors);
        assert!(errors.get("support_url").unwrap().contains("https://"));
    }
}
