//! Twilio SIDs: a two-letter prefix naming the kind of resource and 32 hexadecimal digits.
//!
//! One rule for every SID the app reads from people or from configuration: the prefix exactly
//! (`AC`, `BU`, …) and 32 hex digits in either case (Twilio's own request patterns accept both),
//! kept in the canonical lowercase form Twilio issues, so an SID typed in capitals still names
//! the same resource. Values that come back from Twilio are taken as they are (serde is
//! transparent), and the database stores the text.

use std::fmt;

/// Whether `text` is `prefix` followed by 32 hex digits in either case.
pub fn has_shape(text: &str, prefix: &str) -> bool {
    text.len() == 34 && text.starts_with(prefix) && hex_tail(text)
}

/// Whether `text` is any two ASCII letters followed by 32 hex digits (an SID of any kind).
pub fn is_any_sid(text: &str) -> bool {
    text.len() == 34 && text.as_bytes()[..2].iter().all(u8::is_ascii_alphabetic) && hex_tail(text)
}

fn hex_tail(text: &str) -> bool {
    text.as_bytes()[2..].iter().all(u8::is_ascii_hexdigit)
}

/// Text that is not an SID of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not {prefix} followed by 32 hexadecimal digits")]
pub struct InvalidSid {
    /// The prefix that was expected.
    pub prefix: &'static str,
    /// The refused text.
    pub text: String,
}

/// Parses `text` (surrounding spaces ignored) as an SID with `prefix`, in canonical form.
fn canonical(text: &str, prefix: &'static str) -> Result<String, InvalidSid> {
    let text = text.trim();
    if !has_shape(text, prefix) {
        return Err(InvalidSid {
            prefix,
            text: text.to_owned(),
        });
    }
    Ok(format!("{prefix}{}", text[2..].to_ascii_lowercase()))
}

macro_rules! sid_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(String);

        impl $name {
            /// The two letters every SID of this kind starts with.
            pub const PREFIX: &'static str = $prefix;

            /// Parses text typed by a person or read from configuration.
            pub fn parse(text: &str) -> Result<Self, InvalidSid> {
                canonical(text, $prefix).map(Self)
            }

            /// Whether `text` is already this kind of SID in canonical form.
            pub fn is_canonical(text: &str) -> bool {
                Self::parse(text).is_ok_and(|sid| sid.0 == text)
            }

            /// Wraps an SID as Twilio (or our own database) gave it, without checking it.
            pub fn from_trusted(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The SID's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The SID's text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidSid;
            fn from_str(text: &str) -> Result<Self, InvalidSid> {
                Self::parse(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Read-only access to the text (an SID can be used wherever text is read).
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        /// Text as Twilio or our own records give it (see [`$name::from_trusted`]).
        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::from_trusted(text)
            }
        }

        impl From<$name> for String {
            fn from(sid: $name) -> String {
                sid.0
            }
        }
    };
}

sid_type!(
    /// A Twilio account (`AC…`).
    AccountSid,
    "AC"
);
sid_type!(
    /// An API key (`SK…`).
    ApiKeySid,
    "SK"
);
sid_type!(
    /// A Regulatory Compliance Bundle (`BU…`).
    BundleSid,
    "BU"
);
sid_type!(
    /// An End-User (`IT…`).
    EndUserSid,
    "IT"
);
sid_type!(
    /// A Supporting Document (`RD…`).
    SupportingDocumentSid,
    "RD"
);
sid_type!(
    /// An Address (`AD…`).
    AddressSid,
    "AD"
);
sid_type!(
    /// An Item Assignment (`BV…`).
    ItemAssignmentSid,
    "BV"
);
sid_type!(
    /// A bundle Evaluation (`EL…`).
    EvaluationSid,
    "EL"
);
sid_type!(
    /// A Regulation (`RN…`).
    RegulationSid,
    "RN"
);

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn an_sid_is_its_prefix_and_32_hex_digits_kept_in_lowercase() {
        let sid = AccountSid::parse(&format!(" AC{} ", HEX.to_uppercase())).unwrap();
        assert_eq!(sid.as_str(), format!("AC{HEX}"));
        assert!(AccountSid::is_canonical(sid.as_str()));
        assert!(!AccountSid::is_canonical(&format!(
            "AC{}",
            HEX.to_uppercase()
        )));
        for bad in [
            "AC123",
            &format!("SK{HEX}"),
            &format!("ac{HEX}"),
            &format!("AC{HEX}0"),
        ] {
            assert_eq!(AccountSid::parse(bad).unwrap_err().prefix, "AC", "{bad}");
        }
        assert!(AddressSid::parse(&format!("AD{}g", &HEX[1..])).is_err());
    }

    #[test]
    fn shapes_accept_either_case_and_any_kind_needs_two_letters() {
        assert!(has_shape(&format!("BU{}", HEX.to_uppercase()), "BU"));
        assert!(!has_shape(&format!("BU{HEX}"), "IT"));
        assert!(is_any_sid(&format!("ZZ{HEX}")));
        assert!(!is_any_sid(&format!("1Z{HEX}")));
        assert!(!is_any_sid("BU123"));
    }

    #[test]
    fn sids_travel_as_plain_text() {
        let sid = BundleSid::parse(&format!("BU{HEX}")).unwrap();
        let json = serde_json::to_string(&sid).unwrap();
        assert_eq!(json, format!("\"BU{HEX}\""));
        assert_eq!(serde_json::from_str::<BundleSid>(&json).unwrap(), sid);
    }
}
