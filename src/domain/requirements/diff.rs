//! What changed between two versions of a regulation's requirements: the End-User fields,
//! document requirements and accepted document types that are new (or newly asked of a
//! document) in `after`. Removals are not listed: they ask nothing more of the customer.

use std::collections::BTreeSet;

use super::{DocumentRequirement, EndUserRequirement, Requirements};

/// One difference between two versions, named as Twilio names things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequirementChange {
    /// A field the End-User must now have (e.g. "Business Website").
    NewEndUserField {
        /// The field's label.
        field: String,
    },
    /// A whole new document requirement (e.g. "Power of Attorney").
    NewDocumentRequirement {
        /// The requirement's name.
        requirement: String,
        /// The documents that satisfy it.
        accepted: Vec<String>,
    },
    /// A document requirement that now accepts another document type.
    NewAcceptedDocument {
        /// The requirement's name.
        requirement: String,
        /// The newly accepted document.
        document: String,
    },
    /// A document that must now carry more information.
    ChangedDocument {
        /// The requirement's name.
        requirement: String,
        /// The document's name.
        document: String,
        /// The labels of its new fields.
        new_fields: Vec<String>,
    },
}

/// The changes from `before` to `after`, End-User fields first, then documents in the order
/// `after` lists them.
pub fn changes(before: &Requirements, after: &Requirements) -> Vec<RequirementChange> {
    let mut out = Vec::new();
    for requirement in &after.end_users {
        let old = before
            .end_users
            .iter()
            .find(|old| same_end_user(old, requirement));
        let known: BTreeSet<&str> = old
            .map(|old| old.fields.iter().map(|f| f.machine_name.as_str()).collect())
            .unwrap_or_default();
        for field in &requirement.fields {
            if !known.contains(field.machine_name.as_str()) {
                push(
                    &mut out,
                    RequirementChange::NewEndUserField {
                        field: field.friendly_name.clone(),
                    },
                );
            }
        }
    }
    for requirement in &after.documents {
        let old: Vec<&DocumentRequirement> = before
            .documents
            .iter()
            .filter(|old| old.requirement_name == requirement.requirement_name)
            .collect();
        for change in document_changes(&old, requirement) {
            push(&mut out, change);
        }
    }
    out
}

fn document_changes(
    old: &[&DocumentRequirement],
    requirement: &DocumentRequirement,
) -> Vec<RequirementChange> {
    let name = requirement_label(requirement);
    if old.is_empty() {
        return vec![RequirementChange::NewDocumentRequirement {
            requirement: name,
            accepted: requirement.accepted.iter().map(document_label).collect(),
        }];
    }
    let mut out = Vec::new();
    for accepted in &requirement.accepted {
        let Some(was) = old
            .iter()
            .find_map(|o| o.accepted_type(&accepted.document_type))
        else {
            out.push(RequirementChange::NewAcceptedDocument {
                requirement: name.clone(),
                document: document_label(accepted),
            });
            continue;
        };
        let known: BTreeSet<&str> = was.fields.iter().map(|f| f.machine_name.as_str()).collect();
        let new_fields: Vec<String> = accepted
            .fields
            .iter()
            .filter(|f| !known.contains(f.machine_name.as_str()))
            .map(|f| f.friendly_name.clone())
            .collect();
        if !new_fields.is_empty() {
            out.push(RequirementChange::ChangedDocument {
                requirement: name.clone(),
                document: document_label(accepted),
                new_fields,
            });
        }
    }
    out
}

fn same_end_user(a: &EndUserRequirement, b: &EndUserRequirement) -> bool {
    match (&a.requirement_name, &b.requirement_name) {
        (Some(x), Some(y)) => x == y,
        _ => a.end_user_type == b.end_user_type,
    }
}

fn requirement_label(requirement: &DocumentRequirement) -> String {
    requirement
        .name
        .clone()
        .or_else(|| requirement.requirement_name.clone())
        .unwrap_or_else(|| "A document".into())
}

fn document_label(accepted: &super::AcceptedDocument) -> String {
    accepted
        .name
        .clone()
        .unwrap_or_else(|| super::title_case(&accepted.document_type))
}

/// Twilio repeats a requirement in each alternative set: each change is listed once.
fn push(out: &mut Vec<RequirementChange>, change: RequirementChange) {
    if !out.contains(&change) {
        out.push(change);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::requirements::{AcceptedDocument, FieldSpec};

    fn document(name: &str, accepted: &[(&str, &[&str])]) -> DocumentRequirement {
        DocumentRequirement {
            requirement_name: Some(name.to_lowercase().replace(' ', "_")),
            name: Some(name.into()),
            description: String::new(),
            accepted: accepted
                .iter()
                .map(|(t, fields)| AcceptedDocument {
                    document_type: (*t).into(),
                    name: Some(super::super::title_case(t)),
                    fields: fields.iter().map(|f| FieldSpec::named(f)).collect(),
                })
                .collect(),
        }
    }

    fn version(fields: &[&str], documents: Vec<DocumentRequirement>) -> Requirements {
        Requirements {
            end_users: vec![EndUserRequirement {
                requirement_name: Some("business_info".into()),
                name: Some("Business".into()),
                end_user_type: Some("business".into()),
                fields: fields.iter().map(|f| FieldSpec::named(f)).collect(),
            }],
            documents,
        }
    }

    #[test]
    fn identical_versions_have_no_changes() {
        let a = version(
            &["business_name"],
            vec![document("Address", &[("utility_bill", &[])])],
        );
        assert!(changes(&a, &a.clone()).is_empty());
    }

    #[test]
    fn new_end_user_fields_and_a_new_document_requirement_are_listed() {
        let address = document("Address", &[("utility_bill", &["address_sids"])]);
        let before = version(&["business_name"], vec![address.clone()]);
        let attorney = document("Power of Attorney", &[("power_of_attorney", &[])]);
        let after = version(
            &["business_name", "business_website"],
            vec![address, attorney],
        );
        assert_eq!(
            changes(&before, &after),
            [
                RequirementChange::NewEndUserField {
                    field: "Business Website".into()
                },
                RequirementChange::NewDocumentRequirement {
                    requirement: "Power of Attorney".into(),
                    accepted: vec!["Power Of Attorney".into()],
                },
            ]
        );
    }

    #[test]
    fn newly_accepted_types_and_new_document_fields_are_listed_once() {
        let before = version(
            &[],
            vec![document("Address", &[("utility_bill", &["address_sids"])])],
        );
        let changed = document(
            "Address",
            &[
                ("utility_bill", &["address_sids", "issue_date"]),
                ("lease", &[]),
            ],
        );
        let after = version(&[], vec![changed.clone(), changed]);
        assert_eq!(
            changes(&before, &after),
            [
                RequirementChange::ChangedDocument {
                    requirement: "Address".into(),
                    document: "Utility Bill".into(),
                    new_fields: vec!["Issue Date".into()],
                },
                RequirementChange::NewAcceptedDocument {
                    requirement: "Address".into(),
                    document: "Lease".into(),
                },
            ]
        );
    }

    #[test]
    fn removed_requirements_ask_nothing_new() {
        let before = version(&["business_name", "fax"], vec![document("Address", &[])]);
        let after = version(&["business_name"], Vec::new());
        assert!(changes(&before, &after).is_empty());
    }
}
