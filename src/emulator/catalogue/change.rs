//! Regulation changes (the emulator's control API): each edits the requirements so that bundles
//! evaluated against the new version fail until the new data is provided.

use serde::Deserialize;

use super::constraint;
use super::item_type::ItemType;
use super::requirements::{
    AcceptedDocument, DetailedField, DocumentRequirement, Requirements, document_type_url,
};

/// A change to a regulation requested through the control API.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegulationChange {
    /// A new required End-User field.
    AddEndUserField {
        /// Machine name.
        machine_name: String,
        /// Human name.
        friendly_name: String,
        /// Description.
        #[serde(default)]
        description: String,
        /// Constraint text; default `<type>['<field>'] != null`.
        #[serde(default)]
        constraint: Option<String>,
    },
    /// A new field on an existing document requirement's accepted documents.
    AddDocumentField {
        /// Which requirement.
        requirement_name: String,
        /// Machine name.
        machine_name: String,
        /// Human name.
        friendly_name: String,
        /// Description.
        #[serde(default)]
        description: String,
        /// Whether it must equal the End-User's field of the same name.
        #[serde(default)]
        must_match_end_user: bool,
    },
    /// A whole new document requirement (appended to every alternative set).
    AddDocumentRequirement {
        /// Requirement machine name.
        requirement_name: String,
        /// Requirement friendly name.
        name: String,
        /// Description.
        #[serde(default)]
        description: String,
        /// Accepted documents.
        accepted_documents: Vec<NewAcceptedDocument>,
    },
}

/// An accepted document of a new requirement.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAcceptedDocument {
    /// Regulation-specific wording.
    pub name: String,
    /// Supporting Document Type machine name.
    pub r#type: String,
    /// Field machine names (presence required).
    #[serde(default)]
    pub fields: Vec<String>,
}

/// The item types a change may extend.
pub(super) struct ItemTypesMut<'c> {
    pub end_user_types: &'c mut [ItemType],
    pub document_types: &'c mut [ItemType],
}

/// Applies `change` to a copy of `requirements` and returns it; item types gain any new field.
/// Nothing is modified when the change is refused.
pub(super) fn apply(
    requirements: &Requirements,
    types: ItemTypesMut<'_>,
    change: &RegulationChange,
) -> Result<Requirements, String> {
    let mut next = requirements.clone();
    match change {
        RegulationChange::AddEndUserField {
            machine_name,
            friendly_name,
            description,
            constraint,
        } => {
            let field = NewField {
                machine_name,
                friendly_name,
                description,
            };
            add_end_user_field(&mut next, types, field, constraint.as_deref())?;
        }
        RegulationChange::AddDocumentField {
            requirement_name,
            machine_name,
            friendly_name,
            description,
            must_match_end_user,
        } => {
            let field = NewField {
                machine_name,
                friendly_name,
                description,
            };
            add_document_field_to(
                &mut next,
                types,
                requirement_name,
                field,
                *must_match_end_user,
            )?;
        }
        RegulationChange::AddDocumentRequirement {
            requirement_name,
            name,
            description,
            accepted_documents,
        } => {
            let requirement = NewRequirement {
                requirement_name,
                name,
                description,
                accepted_documents,
            };
            add_document_requirement(&mut next, types, requirement)?;
        }
    }
    Ok(next)
}

/// A new field's names, as a change gives them.
#[derive(Clone, Copy)]
struct NewField<'a> {
    machine_name: &'a str,
    friendly_name: &'a str,
    description: &'a str,
}

/// A new document requirement, as a change gives it.
#[derive(Clone, Copy)]
struct NewRequirement<'a> {
    requirement_name: &'a str,
    name: &'a str,
    description: &'a str,
    accepted_documents: &'a [NewAcceptedDocument],
}

fn add_end_user_field(
    next: &mut Requirements,
    types: ItemTypesMut<'_>,
    field: NewField<'_>,
    constraint: Option<&str>,
) -> Result<(), String> {
    let NewField {
        machine_name,
        friendly_name,
        description,
    } = field;
    check_name(machine_name)?;
    for eu in &mut next.end_user {
        if eu.fields.iter().any(|f| f == machine_name) {
            return Err(format!(
                "the End-User requirement already has field {machine_name}"
            ));
        }
        let text = constraint
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{}['{machine_name}'] != null", eu.end_user_type));
        constraint::compile(&text).map_err(|e| format!("invalid constraint: {e}"))?;
        eu.fields.push(machine_name.to_owned());
        eu.detailed_fields.push(DetailedField {
            machine_name: machine_name.to_owned(),
            friendly_name: friendly_name.to_owned(),
            description: Some(description.to_owned()),
            constraint: Some(text),
        });
    }
    for eu in &next.end_user {
        if let Some(t) = types
            .end_user_types
            .iter_mut()
            .find(|t| t.machine_name == eu.end_user_type)
        {
            t.ensure_field(machine_name, friendly_name);
        }
    }
    Ok(())
}

fn add_document_field_to(
    next: &mut Requirements,
    types: ItemTypesMut<'_>,
    requirement_name: &str,
    field: NewField<'_>,
    must_match_end_user: bool,
) -> Result<(), String> {
    let NewField {
        machine_name,
        friendly_name,
        description,
    } = field;
    check_name(machine_name)?;
    let end_user_type = match (must_match_end_user, next.end_user.first()) {
        (false, _) => None,
        (true, Some(eu)) if eu.fields.iter().any(|f| f == machine_name) => {
            Some(eu.end_user_type.clone())
        }
        (true, _) => {
            return Err(format!(
                "the End-User requirement has no field {machine_name} to match"
            ));
        }
    };
    let mut found = false;
    let mut added = false;
    for req in next.supporting_document.iter_mut().flatten() {
        if req.requirement_name != requirement_name {
            continue;
        }
        found = true;
        for doc in &mut req.accepted_documents {
            if doc.fields.iter().any(|f| f == machine_name) {
                continue;
            }
            add_document_field(
                doc,
                machine_name,
                friendly_name,
                description,
                end_user_type.as_deref(),
            );
            added = true;
            if let Some(t) = find_type(types.document_types, &doc.document_type) {
                t.ensure_field(machine_name, friendly_name);
            }
        }
    }
    if !found {
        return Err(format!("no document requirement {requirement_name}"));
    }
    if !added {
        return Err(format!(
            "every accepted document of {requirement_name} already has field {machine_name}"
        ));
    }
    Ok(())
}

fn add_document_requirement(
    next: &mut Requirements,
    types: ItemTypesMut<'_>,
    new: NewRequirement<'_>,
) -> Result<(), String> {
    let requirement_name = new.requirement_name;
    check_name(requirement_name)?;
    if new.accepted_documents.is_empty() {
        return Err("a requirement needs at least one accepted document".into());
    }
    let taken = next
        .supporting_document
        .iter()
        .flatten()
        .any(|r| r.requirement_name == requirement_name)
        || next
            .end_user
            .iter()
            .any(|r| r.requirement_name == requirement_name);
    if taken {
        return Err(format!("requirement {requirement_name} already exists"));
    }
    for accepted in new.accepted_documents {
        find_type(types.document_types, &accepted.r#type)
            .ok_or_else(|| format!("unknown document type {}", accepted.r#type))?;
        accepted.fields.iter().try_for_each(|f| check_name(f))?;
    }
    let accepted = new
        .accepted_documents
        .iter()
        .filter_map(|accepted| {
            find_type(types.document_types, &accepted.r#type)
                .map(|doc_type| new_accepted_document(accepted, doc_type))
        })
        .collect();
    let requirement = DocumentRequirement {
        name: new.name.to_owned(),
        kind: "document".into(),
        requirement_name: requirement_name.to_owned(),
        description: new.description.to_owned(),
        accepted_documents: accepted,
    };
    if next.supporting_document.is_empty() {
        next.supporting_document.push(Vec::new());
    }
    for set in &mut next.supporting_document {
        set.push(requirement.clone());
    }
    Ok(())
}

fn find_type<'t>(types: &'t mut [ItemType], machine_name: &str) -> Option<&'t mut ItemType> {
    types.iter_mut().find(|t| t.machine_name == machine_name)
}

/// Machine names are written into constraint text: keep them to identifier characters.
fn check_name(machine_name: &str) -> Result<(), String> {
    let valid = !machine_name.is_empty()
        && machine_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!("invalid machine name {machine_name:?}"))
    }
}

fn add_document_field(
    doc: &mut AcceptedDocument,
    machine_name: &str,
    friendly_name: &str,
    description: &str,
    match_end_user: Option<&str>,
) {
    let t = doc.document_type.clone();
    let text = match match_end_user {
        Some(eu) => {
            let doc_level = doc.constraint.get_or_insert_with(|| format!("{t} != null"));
            if !constraint::compile(doc_level).is_ok_and(|e| e.references_item(eu)) {
                *doc_level = format!("{eu} != null && {doc_level}");
            }
            format!(
                "{t}['{machine_name}'] != null && {t}['{machine_name}'] == {eu}['{machine_name}']"
            )
        }
        None => format!("{t}['{machine_name}'] != null"),
    };
    doc.fields.push(machine_name.to_owned());
    doc.detailed_fields.push(DetailedField {
        machine_name: machine_name.to_owned(),
        friendly_name: friendly_name.to_owned(),
        description: Some(description.to_owned()),
        constraint: Some(text),
    });
}

/// Builds the accepted document (names already checked); the type gains any new field.
fn new_accepted_document(new: &NewAcceptedDocument, doc_type: &mut ItemType) -> AcceptedDocument {
    let t = &new.r#type;
    let mut detailed = Vec::new();
    for field in &new.fields {
        let friendly = doc_type
            .fields
            .iter()
            .find(|f| f.machine_name == *field)
            .map(|f| f.friendly_name.clone())
            .unwrap_or_else(|| humanize(field));
        doc_type.ensure_field(field, &friendly);
        detailed.push(DetailedField {
            machine_name: field.clone(),
            friendly_name: friendly,
            description: Some(String::new()),
            constraint: Some(format!("{t}['{field}'] != null")),
        });
    }
    AcceptedDocument {
        name: new.name.clone(),
        document_type: t.clone(),
        url: document_type_url(t),
        fields: new.fields.clone(),
        detailed_fields: detailed,
        constraint: Some(format!("{t} != null")),
    }
}

/// `vat_number` → `Vat Number`.
fn humanize(machine_name: &str) -> String {
    machine_name
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
