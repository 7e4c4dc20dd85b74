//! Regulations and their requirements, as `GET /Regulations` sends them, and their conversion
//! into the domain's [`requirements`](crate::domain::requirements) model.

use crate::domain::sid::RegulationSid;
use serde::{Deserialize, Deserializer};

use crate::domain::requirements as domain;

/// A Regulation (`RN…`): what one (country, number type, end-user type) requires.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Regulation {
    /// `RN…`.
    pub sid: RegulationSid,
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
    #[serde(default, deserialize_with = "nullable")]
    pub requirements: Requirements,
    /// The resource URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// The `requirements` object.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Requirements {
    /// End-User requirements.
    #[serde(default, deserialize_with = "nullable")]
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
    #[serde(default, deserialize_with = "nullable")]
    pub fields: Vec<String>,
    /// The same fields with labels.
    #[serde(default, deserialize_with = "nullable")]
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
    #[serde(default, deserialize_with = "nullable")]
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
    #[serde(default, deserialize_with = "nullable")]
    pub fields: Vec<String>,
    /// The same fields with labels.
    #[serde(default, deserialize_with = "nullable")]
    pub detailed_fields: Vec<DetailedField>,
}

/// A field with its label and description (and its constraint with `IncludeConstraints`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DetailedField {
    /// e.g. `first_name` (empty when Twilio sent none: such a field is not kept).
    #[serde(default)]
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

impl From<Requirements> for domain::Requirements {
    fn from(requirements: Requirements) -> Self {
        Self {
            end_users: requirements.end_user.into_iter().map(Into::into).collect(),
            documents: requirements
                .supporting_document
                .into_iter()
                .flatten()
                .map(Into::into)
                .collect(),
        }
    }
}

impl From<EndUserRequirement> for domain::EndUserRequirement {
    fn from(requirement: EndUserRequirement) -> Self {
        Self {
            requirement_name: requirement.requirement_name,
            name: requirement.name,
            end_user_type: requirement.end_user_type,
            fields: field_specs(requirement.detailed_fields, &requirement.fields),
        }
    }
}

impl From<DocumentRequirement> for domain::DocumentRequirement {
    fn from(requirement: DocumentRequirement) -> Self {
        Self {
            requirement_name: requirement.requirement_name,
            name: requirement.name,
            description: requirement.description.unwrap_or_default(),
            accepted: requirement
                .accepted_documents
                .into_iter()
                .filter_map(AcceptedDocument::into_domain)
                .collect(),
        }
    }
}

impl AcceptedDocument {
    /// The domain's accepted document; none when it names no type (nothing can match it).
    fn into_domain(self) -> Option<domain::AcceptedDocument> {
        Some(domain::AcceptedDocument {
            fields: field_specs(self.detailed_fields, &self.fields),
            document_type: self.document_type.filter(|t| !t.is_empty())?,
            name: self.name,
        })
    }
}

impl DetailedField {
    /// The domain's field; none without a machine name. Only a text constraint is kept.
    fn into_domain(self) -> Option<domain::FieldSpec> {
        if self.machine_name.is_empty() {
            return None;
        }
        Some(domain::FieldSpec {
            friendly_name: self
                .friendly_name
                .unwrap_or_else(|| domain::title_case(&self.machine_name)),
            description: self.description.unwrap_or_default(),
            constraint: domain::Constraint::new(match self.constraint {
                Some(serde_json::Value::String(text)) => Some(text),
                _ => None,
            }),
            machine_name: self.machine_name,
        })
    }
}

fn field_specs(detailed: Vec<DetailedField>, names: &[String]) -> Vec<domain::FieldSpec> {
    let detailed = detailed
        .into_iter()
        .filter_map(DetailedField::into_domain)
        .collect();
    domain::FieldSpec::from_lists(detailed, names)
}

/// A value that may be `null` (read as its default).
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
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

    #[test]
    fn requirements_convert_to_the_domain_keeping_each_constraint() {
        let json = format!(
            r#"{{"end_user": [{{"type": "business", "requirement_name": "business_info",
                   "fields": ["business_name"], "detailed_fields": null}}],
                 "supporting_document": [[{REQUIREMENT}], [{REQUIREMENT}]]}}"#
        );
        let mut typed: Requirements = serde_json::from_str(&json).unwrap();
        typed.supporting_document[1][0].accepted_documents[0].detailed_fields[0].constraint =
            Some(serde_json::json!("address['address_sids'] != null"));
        let requirements = domain::Requirements::from(typed);
        assert_eq!(
            requirements.end_users[0].fields[0].friendly_name,
            "Business Name"
        );
        assert_eq!(requirements.documents.len(), 2, "groups are flattened");
        let field = &requirements.documents[1].accepted[0].fields[0];
        assert_eq!(field.friendly_name, "Address sid(s)");
        assert_eq!(
            field.constraint.text(),
            Some("address['address_sids'] != null")
        );
        assert_eq!(
            requirements.documents[0].accepted[0].fields[0]
                .constraint
                .text(),
            None
        );
    }
}
