//! How requirements are read back from the renewal snapshot (`renewal.snapshot`, jsonb).
//!
//! The stored shape is Twilio's own `requirements` object (`end_user`, `supporting_document`,
//! `detailed_fields`, …): snapshots taken before requirements were typed hold exactly what
//! Twilio sent, and new ones are written with the same key names, so both decode here. Reading
//! is lenient the way Twilio's payload needs: nulls for lists, document groups nested or flat,
//! bare field names when there are no detailed fields, non-text constraints ignored.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{
    AcceptedDocument, Constraint, DocumentRequirement, EndUserRequirement, FieldSpec, Requirements,
    title_case,
};

#[derive(Deserialize)]
pub(super) struct StoredRequirements {
    #[serde(default, deserialize_with = "nullable")]
    end_user: Vec<EndUserRequirement>,
    #[serde(default, deserialize_with = "groups")]
    supporting_document: Vec<DocumentRequirement>,
}

#[derive(Deserialize)]
pub(super) struct StoredEndUser {
    #[serde(default)]
    requirement_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "type", default)]
    end_user_type: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    fields: Vec<Value>,
    #[serde(default, deserialize_with = "nullable")]
    detailed_fields: Vec<StoredField>,
}

#[derive(Deserialize)]
pub(super) struct StoredDocument {
    #[serde(default)]
    requirement_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    accepted_documents: Vec<StoredAccepted>,
}

#[derive(Deserialize)]
pub(super) struct StoredAccepted {
    #[serde(rename = "type", default)]
    document_type: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    fields: Vec<Value>,
    #[serde(default, deserialize_with = "nullable")]
    detailed_fields: Vec<StoredField>,
}

#[derive(Deserialize)]
pub(super) struct StoredField {
    #[serde(default)]
    machine_name: Option<String>,
    #[serde(default)]
    friendly_name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    constraint: Option<Value>,
}

impl From<StoredRequirements> for Requirements {
    fn from(stored: StoredRequirements) -> Self {
        Self {
            end_users: stored.end_user,
            documents: stored.supporting_document,
        }
    }
}

impl From<StoredEndUser> for EndUserRequirement {
    fn from(stored: StoredEndUser) -> Self {
        Self {
            requirement_name: stored.requirement_name,
            name: stored.name,
            end_user_type: stored.end_user_type,
            fields: fields(stored.detailed_fields, &stored.fields),
        }
    }
}

impl From<StoredDocument> for DocumentRequirement {
    fn from(stored: StoredDocument) -> Self {
        Self {
            requirement_name: stored.requirement_name,
            name: stored.name,
            description: stored.description.unwrap_or_default(),
            accepted: stored
                .accepted_documents
                .into_iter()
                .filter_map(|a| AcceptedDocument::try_from(a).ok())
                .collect(),
        }
    }
}

/// An accepted document that names no type is refused: nothing could match it.
impl TryFrom<StoredAccepted> for AcceptedDocument {
    type Error = &'static str;

    fn try_from(stored: StoredAccepted) -> Result<Self, Self::Error> {
        Ok(Self {
            fields: fields(stored.detailed_fields, &stored.fields),
            document_type: stored
                .document_type
                .filter(|t| !t.is_empty())
                .ok_or("an accepted document without a type")?,
            name: stored.name,
        })
    }
}

impl TryFrom<StoredField> for FieldSpec {
    type Error = &'static str;

    fn try_from(stored: StoredField) -> Result<Self, Self::Error> {
        let machine_name = stored
            .machine_name
            .filter(|n| !n.is_empty())
            .ok_or("a field without a machine name")?;
        Ok(Self {
            friendly_name: stored
                .friendly_name
                .unwrap_or_else(|| title_case(&machine_name)),
            description: stored.description.unwrap_or_default(),
            constraint: Constraint::new(match stored.constraint {
                Some(Value::String(text)) => Some(text),
                _ => None,
            }),
            machine_name,
        })
    }
}

/// The detailed fields (those with a machine name), or the bare names when there are none.
fn fields(detailed: Vec<StoredField>, names: &[Value]) -> Vec<FieldSpec> {
    let detailed = detailed
        .into_iter()
        .filter_map(|d| FieldSpec::try_from(d).ok())
        .collect();
    let names: Vec<String> = names
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    FieldSpec::from_lists(detailed, &names)
}

/// A value that may be `null` (read as its default).
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Document requirements as Twilio nests them (an array of arrays), flat, a single object or
/// `null`, flattened in order.
fn groups<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<DocumentRequirement>, D::Error> {
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
        Shape::Single(requirement) => vec![requirement],
        Shape::List(entries) => entries
            .into_iter()
            .flat_map(|entry| match entry {
                Entry::Group(group) => group,
                Entry::Single(requirement) => vec![requirement],
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a snapshot stored before requirements were typed holds: Twilio's JSON as sent.
    const AS_TWILIO_SENT: &str = r#"{
        "end_user": [{"name": "Business", "type": "business", "requirement_name": "business_info",
            "url": "https://example.test/EndUserTypes/business",
            "fields": ["business_name", "website"],
            "detailed_fields": [
                {"machine_name": "business_name", "friendly_name": "Business Name",
                 "description": null, "constraint": "business['business_name'] != null"},
                {"machine_name": "website", "friendly_name": null, "constraint": ""}],
            "constraint": "business != null"}],
        "supporting_document": [[{"name": "Address", "type": "document",
            "requirement_name": "proof_of_address", "description": "A French address.",
            "accepted_documents": [
                {"name": "Utility bill", "type": "utility_bill", "fields": ["address_sids"]},
                {"name": "No type"}]}]]
    }"#;

    #[test]
    fn requirements_stored_as_twilio_sent_them_decode() {
        let requirements: Requirements = serde_json::from_str(AS_TWILIO_SENT).unwrap();
        let business = &requirements.end_users[0];
        assert_eq!(business.end_user_type.as_deref(), Some("business"));
        assert_eq!(business.fields.len(), 2);
        assert_eq!(
            business.fields[0].constraint.text(),
            Some("business['business_name'] != null")
        );
        assert_eq!(business.fields[1].friendly_name, "Website");
        assert!(!business.fields[1].constraint.is_required());
        let address = &requirements.documents[0];
        assert_eq!(address.description, "A French address.");
        assert_eq!(address.accepted.len(), 1, "an untyped document is dropped");
        assert_eq!(address.accepted[0].fields[0].friendly_name, "Address Sids");
    }

    #[test]
    fn written_requirements_read_back_the_same() {
        let requirements: Requirements = serde_json::from_str(AS_TWILIO_SENT).unwrap();
        let written = serde_json::to_value(&requirements).unwrap();
        assert_eq!(
            written["end_user"][0]["detailed_fields"][0]["constraint"],
            "business['business_name'] != null"
        );
        let back: Requirements = serde_json::from_value(written).unwrap();
        assert_eq!(back, requirements);
    }

    #[test]
    fn document_groups_may_be_flat_single_or_null() {
        let one = r#"{"requirement_name": "a", "accepted_documents": null}"#;
        let flat: Requirements =
            serde_json::from_str(&format!(r#"{{"supporting_document": [{one}, {one}]}}"#)).unwrap();
        assert_eq!(flat.documents.len(), 2);
        let single: Requirements =
            serde_json::from_str(&format!(r#"{{"supporting_document": {one}}}"#)).unwrap();
        assert_eq!(single.documents.len(), 1);
        let none: Requirements =
            serde_json::from_str(r#"{"end_user": null, "supporting_document": null}"#).unwrap();
        assert_eq!(none, Requirements::default());
    }
}
