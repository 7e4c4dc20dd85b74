//! Typed Twilio Regulatory Compliance resources, as the API returns them (snake_case JSON).
//!
//! Every struct tolerates unknown keys and missing nullable ones, so that Twilio adding a field
//! never breaks decoding. Attribute values are PII: the types that carry them redact them from
//! `Debug`.

mod account;
mod address;
mod bundle;
mod evaluation;
mod items;
mod page;
mod phone_number;
mod regulation;

pub use account::{Account, AccountStatus};
pub use address::Address;
pub use bundle::{Bundle, BundleCopy, BundleStatus, EndUserType};
pub use evaluation::{Evaluation, EvaluationResult, EvaluationStatus, FieldResult};
pub use items::{DocumentStatus, EndUser, ItemAssignment, ItemKind, SupportingDocument};
pub use page::{Page, PageMeta};
pub use phone_number::IncomingPhoneNumber;
pub use regulation::{
    AcceptedDocument, DetailedField, DocumentRequirement, EndUserRequirement, Regulation,
    Requirements,
};

/// Twilio's ISO 8601 timestamps (`2019-07-30T22:29:24Z`), nullable or absent.
pub(crate) mod timestamp {
    use serde::{Deserialize, Deserializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    /// Decodes `null`, an absent key (with `#[serde(default)]`) or an RFC 3339 string.
    pub fn option<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.is_empty() => Ok(None),
            Some(text) => OffsetDateTime::parse(&text, &Rfc3339)
                .map(Some)
                .map_err(|_| serde::de::Error::custom("a timestamp is not ISO 8601 / RFC 3339")),
        }
    }
}
