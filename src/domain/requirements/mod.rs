//! What a regulation requires, as recomply keeps it: End-User requirements and Supporting
//! Document requirements, each field with its label, description and constraint text.
//!
//! The Twilio layer converts its wire resource into these types; the renewal snapshot stores
//! them (see [`stored`] for the stored shape) and the portal builds its forms from them.

mod compiled_pattern;
mod constraint;
pub mod diff;
mod field_kind;
mod stored;

use serde::{Deserialize, Serialize};

pub use compiled_pattern::compiled;
pub use constraint::Constraint;
pub use field_kind::{FieldKind, FormatProblem, MAX_TEXT_CHARS};

/// Every requirement of a regulation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "stored::StoredRequirements")]
pub struct Requirements {
    /// End-User requirements.
    #[serde(rename = "end_user")]
    pub end_users: Vec<EndUserRequirement>,
    /// Supporting Document requirements (Twilio's groups flattened, in order).
    #[serde(rename = "supporting_document")]
    pub documents: Vec<DocumentRequirement>,
}

/// One End-User requirement (e.g. `business_info`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "stored::StoredEndUser")]
pub struct EndUserRequirement {
    /// The requirement's machine name, e.g. `business_info`.
    pub requirement_name: Option<String>,
    /// The requirement's name, e.g. `Business`.
    pub name: Option<String>,
    /// The End-User type, `individual` or `business`.
    #[serde(rename = "type")]
    pub end_user_type: Option<String>,
    /// The End-User's fields.
    #[serde(rename = "detailed_fields")]
    pub fields: Vec<FieldSpec>,
}

/// One Supporting Document requirement: any of its accepted documents satisfies it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "stored::StoredDocument")]
pub struct DocumentRequirement {
    /// The requirement's machine name, e.g. `proof_of_address`.
    pub requirement_name: Option<String>,
    /// The requirement's name, e.g. `Address`.
    pub name: Option<String>,
    /// What the requirement asks for, in Twilio's words (e.g. address rules); may be empty.
    pub description: String,
    /// The document types that satisfy it.
    #[serde(rename = "accepted_documents")]
    pub accepted: Vec<AcceptedDocument>,
}

/// A document type accepted by a requirement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "stored::StoredAccepted")]
pub struct AcceptedDocument {
    /// The Supporting Document Type's machine name, e.g. `passport`.
    #[serde(rename = "type")]
    pub document_type: String,
    /// The type's name in this regulation, e.g. `Address Validation`.
    pub name: Option<String>,
    /// The document's fields.
    #[serde(rename = "detailed_fields")]
    pub fields: Vec<FieldSpec>,
}

/// One field of an End-User or document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "stored::StoredField")]
pub struct FieldSpec {
    /// The attribute key, e.g. `first_name`.
    pub machine_name: String,
    /// Its label, e.g. `First Name` (made from the machine name when Twilio gives none).
    pub friendly_name: String,
    /// Help text; may be empty.
    pub description: String,
    /// The constraint, as Twilio wrote it.
    #[serde(skip_serializing_if = "is_absent")]
    pub constraint: Constraint,
}

fn is_absent(constraint: &Constraint) -> bool {
    constraint.text().is_none()
}

impl FieldSpec {
    /// A field known only by its machine name: labelled from it, no description, no
    /// constraint.
    pub fn named(machine_name: &str) -> Self {
        Self {
            machine_name: machine_name.to_owned(),
            friendly_name: title_case(machine_name),
            description: String::new(),
            constraint: Constraint::default(),
        }
    }

    /// What kind of value the field holds (web address, email, date…).
    pub fn kind(&self) -> FieldKind {
        FieldKind::of(self)
    }

    /// The fields of a requirement from Twilio's two lists: the detailed fields when there
    /// are any, otherwise the bare machine names.
    pub fn from_lists(detailed: Vec<FieldSpec>, names: &[String]) -> Vec<FieldSpec> {
        if detailed.is_empty() {
            names.iter().map(|name| Self::named(name)).collect()
        } else {
            detailed
        }
    }
}

impl Requirements {
    /// The End-User requirement an evaluation result is about: by requirement name, or by
    /// End-User type.
    pub fn end_user_for(
        &self,
        requirement_name: &str,
        object_type: &str,
    ) -> Option<&EndUserRequirement> {
        self.end_users.iter().find(|r| {
            r.requirement_name.as_deref() == Some(requirement_name)
                || r.end_user_type.as_deref() == Some(object_type)
        })
    }

    /// The document requirement named `requirement_name`.
    pub fn document(&self, requirement_name: &str) -> Option<&DocumentRequirement> {
        self.documents
            .iter()
            .find(|r| r.requirement_name.as_deref() == Some(requirement_name))
    }

    /// The accepted document of type `document_type` among the requirements named
    /// `requirement_name`.
    pub fn accepted_in(
        &self,
        requirement_name: &str,
        document_type: &str,
    ) -> Option<&AcceptedDocument> {
        self.documents
            .iter()
            .filter(|r| r.requirement_name.as_deref() == Some(requirement_name))
            .find_map(|r| r.accepted_type(document_type))
    }

    /// The first accepted document of type `document_type` in any requirement.
    pub fn accepted_anywhere(&self, document_type: &str) -> Option<&AcceptedDocument> {
        self.documents
            .iter()
            .find_map(|r| r.accepted_type(document_type))
    }
}

impl DocumentRequirement {
    /// The accepted document of type `document_type`.
    pub fn accepted_type(&self, document_type: &str) -> Option<&AcceptedDocument> {
        self.accepted
            .iter()
            .find(|a| a.document_type == document_type)
    }

    /// Whether a document of type `document_type` satisfies this requirement.
    pub fn accepts(&self, document_type: &str) -> bool {
        self.accepted_type(document_type).is_some()
    }
}

/// `business_name` → `Business Name`.
pub fn title_case(machine_name: &str) -> String {
    machine_name
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requirements() -> Requirements {
        let field = |name: &str| FieldSpec::named(name);
        Requirements {
            end_users: vec![EndUserRequirement {
                requirement_name: Some("business_info".into()),
                name: Some("Business".into()),
                end_user_type: Some("business".into()),
                fields: vec![field("business_name")],
            }],
            documents: vec![DocumentRequirement {
                requirement_name: Some("proof_of_address".into()),
                name: Some("Address".into()),
                description: String::new(),
                accepted: vec![AcceptedDocument {
                    document_type: "utility_bill".into(),
                    name: Some("Utility bill".into()),
                    fields: vec![field("address_sids")],
                }],
            }],
        }
    }

    #[test]
    fn end_user_requirements_are_found_by_name_or_by_type() {
        let requirements = requirements();
        assert!(requirements.end_user_for("business_info", "x").is_some());
        assert!(requirements.end_user_for("other", "business").is_some());
        assert!(requirements.end_user_for("other", "individual").is_none());
    }

    #[test]
    fn accepted_documents_are_found_by_requirement_and_type() {
        let requirements = requirements();
        let bill = requirements.accepted_in("proof_of_address", "utility_bill");
        assert_eq!(bill.and_then(|a| a.name.as_deref()), Some("Utility bill"));
        assert!(
            requirements
                .accepted_in("business_info", "utility_bill")
                .is_none()
        );
        assert!(requirements.accepted_anywhere("utility_bill").is_some());
        assert!(
            requirements
                .document("proof_of_address")
                .unwrap()
                .accepts("utility_bill")
        );
    }

    #[test]
    fn fields_known_only_by_name_are_labelled_from_it() {
        assert_eq!(
            title_case("business_registration_number"),
            "Business Registration Number"
        );
        let fields = FieldSpec::from_lists(Vec::new(), &["first_name".to_owned()]);
        assert_eq!(fields[0].friendly_name, "First Name");
        assert!(fields[0].constraint.is_required());
    }
}
