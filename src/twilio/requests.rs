//! What the caller sends: typed inputs for creates and updates, each turned into Twilio's wire
//! parameters by `to_params`. Attribute values are PII: `Debug` redacts them.

use std::fmt;

use super::form::Params;
use super::resources::EndUserType;

/// How a new bundle names its regulation: directly, or by number group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegulationSelector {
    /// `RegulationSid=RN…`.
    Sid(String),
    /// `IsoCountry` + `NumberType` + `EndUserType`.
    NumberGroup {
        /// ISO-3166 alpha-2.
        iso_country: String,
        /// `local`, `mobile`, `national`, `toll-free`.
        number_type: String,
        /// `individual` or `business`.
        end_user_type: EndUserType,
    },
}

/// `POST /Bundles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBundle {
    /// `FriendlyName` (required).
    pub friendly_name: String,
    /// `Email` (required): receives Twilio's status emails.
    pub email: String,
    /// `StatusCallback`.
    pub status_callback: Option<String>,
    /// Which regulation applies.
    pub regulation: RegulationSelector,
    /// `IsTest`: Twilio auto-rejects test bundles.
    pub is_test: Option<bool>,
}

impl NewBundle {
    /// The form parameters.
    pub fn to_params(&self) -> Params {
        let mut params = Params::new();
        params
            .push("FriendlyName", &self.friendly_name)
            .push("Email", &self.email)
            .push_opt("StatusCallback", self.status_callback.clone());
        match &self.regulation {
            RegulationSelector::Sid(sid) => {
                params.push("RegulationSid", sid);
            }
            RegulationSelector::NumberGroup {
                iso_country,
                number_type,
                end_user_type,
            } => {
                params
                    .push("IsoCountry", iso_country)
                    .push("NumberType", number_type)
                    .push("EndUserType", end_user_type.as_str());
            }
        }
        params.push_bool("IsTest", self.is_test);
        params
    }
}

/// `POST /Bundles/{Sid}` without `Status` (Twilio refuses status and properties together,
/// error 22204; status changes go through `submit_bundle`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleProperties {
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `Email`.
    pub email: Option<String>,
    /// `StatusCallback`.
    pub status_callback: Option<String>,
}

impl BundleProperties {
    /// The form parameters (never `Status`).
    pub fn to_params(&self) -> Params {
        let mut params = Params::new();
        params
            .push_opt("FriendlyName", self.friendly_name.clone())
            .push_opt("Email", self.email.clone())
            .push_opt("StatusCallback", self.status_callback.clone());
        params
    }
}

/// `POST /EndUsers`.
#[derive(Clone, PartialEq)]
pub struct NewEndUser {
    /// `FriendlyName` (required).
    pub friendly_name: String,
    /// `Type` (required, immutable afterwards).
    pub end_user_type: EndUserType,
    /// `Attributes`, sent as JSON text.
    pub attributes: serde_json::Value,
}

impl NewEndUser {
    /// The form parameters.
    pub fn to_params(&self) -> Params {
        let mut params = Params::new();
        params
            .push("FriendlyName", &self.friendly_name)
            .push("Type", self.end_user_type.as_str())
            .push_json("Attributes", &self.attributes);
        params
    }
}

/// `POST /EndUsers/{Sid}`. Whether Twilio merges or replaces attributes is unverified: send the
/// complete object.
#[derive(Clone, Default, PartialEq)]
pub struct EndUserUpdate {
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `Attributes` (the full object).
    pub attributes: Option<serde_json::Value>,
}

impl EndUserUpdate {
    /// The form parameters.
    pub fn to_params(&self) -> Params {
        attributes_update(self.friendly_name.as_deref(), self.attributes.as_ref())
    }
}

/// `POST /SupportingDocuments` (metadata only; see [`DocumentUpload`] for a file).
#[derive(Clone, PartialEq)]
pub struct NewSupportingDocument {
    /// `FriendlyName` (required).
    pub friendly_name: String,
    /// `Type` (required): a Supporting Document Type machine name.
    pub document_type: String,
    /// `Attributes`, sent as JSON text.
    pub attributes: serde_json::Value,
}

impl NewSupportingDocument {
    /// The form parameters.
    pub fn to_params(&self) -> Params {
        let mut params = Params::new();
        params
            .push("FriendlyName", &self.friendly_name)
            .push("Type", &self.document_type)
            .push_json("Attributes", &self.attributes);
        params
    }
}

/// `POST /SupportingDocuments/{Sid}` (never `Status`: errors 22208/22209).
#[derive(Clone, Default, PartialEq)]
pub struct SupportingDocumentUpdate {
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `Attributes` (the full object).
    pub attributes: Option<serde_json::Value>,
}

impl SupportingDocumentUpdate {
    /// The form parameters.
    pub fn to_params(&self) -> Params {
        attributes_update(self.friendly_name.as_deref(), self.attributes.as_ref())
    }
}

/// A multipart upload to the upload host: metadata plus the file.
#[derive(Clone, PartialEq)]
pub struct DocumentUpload {
    /// `FriendlyName`.
    pub friendly_name: String,
    /// `Type`.
    pub document_type: String,
    /// `Attributes`, sent as JSON text.
    pub attributes: serde_json::Value,
    /// The file name given to the `File` part.
    pub file_name: String,
    /// The MIME type of the `File` part (e.g. `application/pdf`).
    pub mime_type: String,
    /// The file content.
    pub content: Vec<u8>,
}

fn attributes_update(
    friendly_name: Option<&str>,
    attributes: Option<&serde_json::Value>,
) -> Params {
    let mut params = Params::new();
    params.push_opt("FriendlyName", friendly_name);
    if let Some(attributes) = attributes {
        params.push_json("Attributes", attributes);
    }
    params
}

macro_rules! redacted_debug {
    ($type:ident, $($field:ident),*) => {
        impl fmt::Debug for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($type))
                    $(.field(stringify!($field), &self.$field))*
                    .field("attributes", &"[redacted]")
                    .finish_non_exhaustive()
            }
        }
    };
}

redacted_debug!(NewEndUser, friendly_name, end_user_type);
redacted_debug!(EndUserUpdate, friendly_name);
redacted_debug!(NewSupportingDocument, friendly_name, document_type);
redacted_debug!(SupportingDocumentUpdate, friendly_name);
redacted_debug!(
    DocumentUpload,
    friendly_name,
    document_type,
    file_name,
    mime_type
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_bundle_names_its_regulation_by_sid_or_by_number_group() {
        let mut bundle = NewBundle {
            friendly_name: "Acme".into(),
            email: "ops@example.com".into(),
            status_callback: Some("https://app.example.com/cb".into()),
            regulation: RegulationSelector::Sid("RN1".into()),
            is_test: None,
        };
        assert_eq!(
            bundle.to_params().encode(),
            "FriendlyName=Acme&Email=ops%40example.com&StatusCallback=https%3A%2F%2Fapp.example.com%2Fcb&RegulationSid=RN1"
        );
        bundle.regulation = RegulationSelector::NumberGroup {
            iso_country: "AU".into(),
            number_type: "mobile".into(),
            end_user_type: EndUserType::Business,
        };
        bundle.is_test = Some(false);
        assert!(
            bundle
                .to_params()
                .encode()
                .ends_with("IsoCountry=AU&NumberType=mobile&EndUserType=business&IsTest=false")
        );
    }

    #[test]
    fn bundle_property_updates_never_carry_a_status() {
        let properties = BundleProperties {
            friendly_name: Some("New name".into()),
            email: Some("a@example.com".into()),
            status_callback: Some("https://x".into()),
        };
        let params = properties.to_params();
        assert!(!params.contains("Status"));
        assert_eq!(params.pairs().len(), 3);
    }

    #[test]
    fn end_user_and_document_attributes_are_json_text_and_hidden_from_debug() {
        let end_user = NewEndUser {
            friendly_name: "Jane".into(),
            end_user_type: EndUserType::Individual,
            attributes: json!({"first_name": "Jane", "last_name": "Doe"}),
        };
        assert_eq!(
            end_user.to_params().encode(),
            "FriendlyName=Jane&Type=individual&Attributes=%7B%22first_name%22%3A%22Jane%22%2C%22last_name%22%3A%22Doe%22%7D"
        );
        assert!(!format!("{end_user:?}").contains("Doe"));
        let update = SupportingDocumentUpdate {
            friendly_name: None,
            attributes: Some(json!({"document_number": "X1"})),
        };
        assert_eq!(
            update.to_params().encode(),
            "Attributes=%7B%22document_number%22%3A%22X1%22%7D"
        );
        assert!(!format!("{update:?}").contains("X1"));
    }
}
