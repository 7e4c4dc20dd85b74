//! Regulations and their requirements (rows 24 and 25 of docs/emulator-fidelity.md).

use serde::{Deserialize, Deserializer};

/// A Regulation (`RN…`): what one (country, number type, end-user type) requires.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Regulation {
    /// `RN…`.
    pub sid: String,
    /// e.g. `Australia: Local - Individual`.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// ISO country.
    #[serde(default)]
    pub iso_country: Option<String>,
    /// `local`, `mobile`, `national`, `toll-free`.
    #[serde(default)]
    pub number_type: Option<String>,
    /// `individual` or `business`.
    #[serde(default)]
    pub end_user_type: Option<String>,
    /// What must be provided.
    #[serde(default)]
    pub requirements: Requirements,
    /// The resource URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// The `requirements` object.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Requirements {
    /// End-User requirements.
    #[serde(default)]
    pub end_user: Vec<EndUserRequirement>,
    /// Document requirements: Twilio sends an array of arrays (meaning of the nesting is
    /// unverified); a flat array or a single object is accepted too and becomes one group.
    #[serde(default, deserialize_with = "nested_groups")]
    pub supporting_document: Vec<Vec<DocumentRequirement>>,
}

/// One End-User requirement.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EndUserRequirement {
    /// e.g. `Individual`.
    #[serde(default)]
    pub name: Option<String>,
    /// `individual` or `business`.
    #[serde(rename = "type", default)]
    pub end_user_type: Option<String>,
    /// e.g. `individual_info`.
    #[serde(default)]
    pub requirement_name: Option<String>,
    /// Opaque.
    #[serde(default)]
    pub url: Option<String>,
    /// Required attribute machine names.
    #[serde(default)]
    pub fields: Vec<String>,
    /// The same fields with labels.
    #[serde(default)]
    pub detailed_fields: Vec<DetailedField>,
}

/// One Supporting Document requirement: any accepted document satisfies it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DocumentRequirement {
    /// e.g. `Address`.
    #[serde(default)]
    pub name: Option<String>,
    /// e.g. `document`.
    #[serde(rename = "type", default)]
    pub requirement_type: Option<String>,
    /// e.g. `proof_of_address`.
    #[serde(default)]
    pub requirement_name: Option<String>,
    /// Human explanation.
    #[serde(default)]
    pub description: Option<String>,
    /// Document types that satisfy it.
    #[serde(default)]
    pub accepted_documents: Vec<AcceptedDocument>,
}

/// A document type accepted by a requirement.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AcceptedDocument {
    /// e.g. `Address Validation`.
    #[serde(default)]
    pub name: Option<String>,
    /// Supporting Document Type machine name (e.g. `address`, `passport`).
    #[serde(rename = "type", default)]
    pub document_type: Option<String>,
    /// Opaque.
    #[serde(default)]
    pub url: Option<String>,
    /// Required attribute machine names.
    #[serde(default)]
    pub fields: Vec<String>,
    /// The same fields with labels.
    #[serde(default)]
    pub detailed_fields: Vec<DetailedField>,
}

/// A field with its label and description (and its constraint with `IncludeConstraints`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DetailedField {
    /// e.g. `first_name`.
    pub machine_name: String,
    /// e.g. `First Name`.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Help text.
    #[serde(default)]
    pub description: Option<String>,
    /// Constraint, present only with `IncludeConstraints=true` (shape unverified: kept raw).
    #[serde(default)]
    pub constraint: Option<serde_json::Value>,
}

fn nested_groups<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Vec<DocumentRequirement>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Group(Vec<DocumentRequirement>),
        Single(DocumentRequirement),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        List(Vec<Entry>),
        Single(DocumentRequirement),
        Null(()),
    }
    Ok(match Shape::deserialize(deserializer)? {
        Shape::Null(()) => Vec::new(),
        Shape::Single(requirement) => vec![vec![requirement]],
        Shape::List(entries) => {
            let mut groups = Vec::new();
            let mut flat = Vec::new();
            for entry in entries {
                match entry {
                    Entry::Group(group) => groups.push(group),
                    Entry::Single(requirement) => flat.push(requirement),
                }
            }
            if !flat.is_empty() {
                groups.push(flat);
            }
            groups
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIREMENT: &str = r#"{"name": "Address", "type": "document", "requirement_name": "proof_of_address",
        "accepted_documents": [{"name": "Address Validation", "type": "address", "fields": ["address_sids"],
          "detailed_fields": [{"machine_name": "address_sids", "friendly_name": "Address sid(s)"}]}]}"#;

    #[test]
    fn the_documented_regulation_shape_decodes() {
        let json = format!(
            r#"{{"sid": "RN1", "friendly_name": "Australia: Local - Individual", "iso_country": "AU",
                "number_type": "local", "end_user_type": "individual",
                "requirements": {{"end_user": [{{"name": "Individual", "type": "individual",
                   "requirement_name": "individual_info", "fields": ["first_name", "last_name"],
                   "detailed_fields": [{{"machine_name": "first_name", "friendly_name": "First Name",
                                         "constraint": "String"}}]}}],
                  "supporting_document": [[{REQUIREMENT}]]}}}}"#
        );
        let regulation: Regulation = serde_json::from_str(&json).unwrap();
        let requirements = &regulation.requirements;
        assert_eq!(
            requirements.end_user[0].fields,
            vec!["first_name", "last_name"]
        );
        assert_eq!(
            requirements.end_user[0].detailed_fields[0].constraint,
            Some(serde_json::json!("String"))
        );
        let accepted = &requirements.supporting_document[0][0].accepted_documents[0];
        assert_eq!(accepted.document_type.as_deref(), Some("address"));
    }

    #[test]
    fn flat_or_single_document_requirements_are_accepted_defensively() {
        let flat: Requirements =
            serde_json::from_str(&format!(r#"{{"supporting_document": [{REQUIREMENT}]}}"#))
                .unwrap();
        assert_eq!(flat.supporting_document.len(), 1);
        let single: Requirements =
            serde_json::from_str(&format!(r#"{{"supporting_document": {REQUIREMENT}}}"#)).unwrap();
        assert_eq!(single.supporting_document[0].len(), 1);
        let none: Requirements = serde_json::from_str(r#"{"supporting_document": null}"#).unwrap();
        assert!(none.supporting_document.is_empty());
    }
}
