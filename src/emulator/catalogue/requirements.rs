//! The `requirements` object of a Regulation, typed. It serialises to
//! exactly the wire shape with `IncludeConstraints=true`; `url` values carry the
//! [`BASE_URL_PLACEHOLDER`] until [`super::Regulation::to_json`] resolves them.

use serde::{Deserialize, Serialize};

/// Stands for the emulator's origin in stored `url` values.
pub const BASE_URL_PLACEHOLDER: &str = "{base}";

/// `requirements`: the End-User requirement(s) and the alternative sets of document requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirements {
    /// One element in every known regulation.
    pub end_user: Vec<EndUserRequirement>,
    /// Outer array: alternative sets (any one suffices); inner array: requirements (all needed).
    pub supporting_document: Vec<Vec<DocumentRequirement>>,
}

/// `requirements.end_user[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndUserRequirement {
    /// `Business` / `Individual`.
    pub name: String,
    /// End-User type machine name.
    #[serde(rename = "type")]
    pub end_user_type: String,
    /// e.g. `business_info`.
    pub requirement_name: String,
    /// End-User Type URL.
    pub url: String,
    /// Field machine names.
    pub fields: Vec<String>,
    /// The fields with names, descriptions and constraints.
    pub detailed_fields: Vec<DetailedField>,
    /// e.g. `business != null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
}

/// `requirements.supporting_document[][]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRequirement {
    /// Requirement friendly name, e.g. `Business Name`.
    pub name: String,
    /// Always `document`.
    #[serde(rename = "type")]
    pub kind: String,
    /// e.g. `business_name_info`.
    pub requirement_name: String,
    /// Prose (address rules live here).
    #[serde(default)]
    pub description: String,
    /// Any one of these satisfies the requirement.
    pub accepted_documents: Vec<AcceptedDocument>,
}

/// `accepted_documents[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptedDocument {
    /// Regulation-specific wording, e.g. `Government-issued ID`.
    pub name: String,
    /// Supporting Document Type machine name.
    #[serde(rename = "type")]
    pub document_type: String,
    /// Supporting Document Type URL.
    pub url: String,
    /// Field machine names (may be empty: the document alone suffices).
    pub fields: Vec<String>,
    /// The fields with names, descriptions and constraints.
    pub detailed_fields: Vec<DetailedField>,
    /// e.g. `business != null && commercial_registrar_excerpt != null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
}

/// `detailed_fields[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetailedField {
    /// Field machine name.
    pub machine_name: String,
    /// Field friendly name.
    pub friendly_name: String,
    /// Absent in older captures, `""` when there is nothing to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Empty = optional field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
}

impl DetailedField {
    /// The constraint text, `""` when absent.
    pub fn constraint_text(&self) -> &str {
        self.constraint.as_deref().unwrap_or("")
    }
}

impl Requirements {
    /// Every constraint text in the requirements, for validation.
    pub fn constraints(&self) -> Vec<&str> {
        fn fields(d: &[DetailedField]) -> impl Iterator<Item = &str> {
            d.iter().filter_map(|f| f.constraint.as_deref())
        }
        let mut all = Vec::new();
        for eu in &self.end_user {
            all.extend(eu.constraint.as_deref());
            all.extend(fields(&eu.detailed_fields));
        }
        for doc in self.accepted_documents() {
            all.extend(doc.constraint.as_deref());
            all.extend(fields(&doc.detailed_fields));
        }
        all
    }

    /// Every accepted document of every requirement of every set.
    pub fn accepted_documents(&self) -> impl Iterator<Item = &AcceptedDocument> {
        self.supporting_document
            .iter()
            .flatten()
            .flat_map(|r| r.accepted_documents.iter())
    }
}

/// The stored `url` of a Supporting Document Type (resolved against the base URL on output).
pub fn document_type_url(machine_name: &str) -> String {
    format!("{BASE_URL_PLACEHOLDER}/v2/RegulatoryCompliance/SupportingDocumentTypes/{machine_name}")
}
