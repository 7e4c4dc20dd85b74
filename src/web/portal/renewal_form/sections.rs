//! The section for one failing requirement: edit or add the End-User, correct the assigned
//! document, or add a missing one, with Twilio's failure in plain words.

use std::collections::BTreeMap;

use super::build::attribute_texts;
use super::field::form_field;
use super::view::{DocOption, FileInput, FormField, Section, SectionKind};
use crate::domain::requirements::{AcceptedDocument, FieldSpec, Requirements};
use crate::domain::snapshot::{EvaluationResult, RenewalSnapshot, SnapshotItem};
use crate::domain::twilio_codes;
use crate::i18n::Tr;
use crate::wording::customer;

/// Document types that only carry Address SIDs (no file).
const ADDRESS_ONLY_TYPES: &[&str] = &["address", "individual_address", "business_address"];

/// The section for a failing requirement: edit or add the End-User, edit the assigned
/// document, or add a missing one; explain only when the regulation does not know it.
pub(super) fn failing_section(
    snapshot: &RenewalSnapshot,
    requirements: &Requirements,
    result: &EvaluationResult,
    tr: &Tr,
) -> Section {
    let name = result.requirement_name.as_str();
    let document_name = requirements
        .accepted_in(name, &result.object_type)
        .and_then(|a| a.name.clone())
        .unwrap_or_else(|| result.friendly_name.clone());
    let mut section = Section {
        key: result.requirement_name.clone(),
        title: result.requirement_friendly_name.clone(),
        summary: customer::requirement_failure(
            tr,
            result,
            &document_name,
            &snapshot.regulation.end_user_type,
        ),
        twilio_reason: result.failure_reason.clone(),
        description: String::new(),
        kind: SectionKind::Explain,
        fields: Vec::new(),
        options: Vec::new(),
        file: None,
        choice_id: format!("f-add-{name}-type"),
        choice_error: None,
        rejected_document: None,
        document_type: None,
        document_fields: BTreeMap::new(),
    };
    if let Some(requirement) = requirements.end_user_for(name, &result.object_type) {
        let end_user_type = requirement
            .end_user_type
            .clone()
            .unwrap_or_else(|| result.object_type.clone());
        end_user_section(
            &mut section,
            snapshot,
            result,
            end_user_type,
            &requirement.fields,
            tr,
        );
    } else if let Some(requirement) = requirements.document(name) {
        section.description = requirement.description.clone();
        let assigned = snapshot
            .documents
            .iter()
            .find(|d| d.item_type == result.object_type)
            .or_else(|| {
                snapshot
                    .documents
                    .iter()
                    .find(|d| requirement.accepts(&d.item_type))
            });
        match assigned {
            Some(document) if result.error_code != Some(twilio_codes::DOCUMENT_MISSING) => {
                let specs = requirement
                    .accepted_type(&document.item_type)
                    .map(|a| a.fields.as_slice())
                    .unwrap_or_default();
                edit_document_section(&mut section, result, document, specs, tr);
            }
            _ => add_document_section(&mut section, snapshot, &requirement.accepted, tr),
        }
    }
    section
}

/// Makes `section` edit the End-User of `end_user_type`, or add it when the copy has none.
fn end_user_section(
    section: &mut Section,
    snapshot: &RenewalSnapshot,
    result: &EvaluationResult,
    end_user_type: String,
    specs: &[FieldSpec],
    tr: &Tr,
) {
    match snapshot
        .end_users
        .iter()
        .find(|e| e.item_type == end_user_type)
    {
        Some(end_user) => {
            section.kind = SectionKind::EditEndUser(end_user.sid.clone());
            section.fields = failing_fields(specs, result, end_user, "eu", tr);
        }
        None => {
            section.fields = specs
                .iter()
                .map(|s| {
                    let name = format!("new_eu.{end_user_type}.{}", s.machine_name);
                    form_field(s, name, String::new(), tr)
                })
                .collect();
            section.kind = SectionKind::AddEndUser(end_user_type);
        }
    }
}

/// Makes `section` correct the failing fields of the assigned `document`.
fn edit_document_section(
    section: &mut Section,
    result: &EvaluationResult,
    document: &SnapshotItem,
    specs: &[FieldSpec],
    tr: &Tr,
) {
    section.kind = SectionKind::EditDocument(document.sid.clone());
    section.fields = failing_fields(specs, result, document, "doc", tr);
    section.document_type = Some(document.item_type.clone());
    section.document_fields = attribute_texts(document);
    if document.is_rejected() {
        section.rejected_document = document
            .failure_reason
            .clone()
            .or_else(|| Some(tr.t("document-rejected")));
    }
}

/// Makes `section` add a missing document: a choice among the `accepted` types, their fields,
/// and the upload (unless every type carries Address SIDs only).
fn add_document_section(
    section: &mut Section,
    snapshot: &RenewalSnapshot,
    accepted: &[AcceptedDocument],
    tr: &Tr,
) {
    let key = section.key.clone();
    let end_user = snapshot.end_users.first();
    section.kind = SectionKind::AddDocument;
    section.options = accepted
        .iter()
        .map(|a| {
            let value = a.document_type.clone();
            DocOption {
                id: format!("f-add-{key}-type-{value}"),
                label: a.name.clone().unwrap_or_else(|| value.clone()),
                needs_file: !ADDRESS_ONLY_TYPES.contains(&value.as_str()),
                selected: accepted.len() == 1,
                fields: option_fields(&key, a, end_user, tr),
                value,
            }
        })
        .collect();
    if section.options.iter().any(|o| o.needs_file) {
        section.file = Some(FileInput {
            name: format!("add.{key}.file"),
            id: format!("f-add-{key}-file"),
            error: None,
        });
    }
}

/// The inputs of one accepted document type of an "add document" section.
fn option_fields(
    key: &str,
    accepted: &AcceptedDocument,
    end_user: Option<&SnapshotItem>,
    tr: &Tr,
) -> Vec<FormField> {
    accepted
        .fields
        .iter()
        .map(|s| {
            // A field that must match the End-User starts with the End-User's value.
            let current = match end_user {
                Some(e) if s.constraint.must_match_end_user() => e.field_text(&s.machine_name),
                _ => String::new(),
            };
            let name = format!("add.{key}.{}.{}", accepted.document_type, s.machine_name);
            let mut field = form_field(s, name, current, tr);
            // Pre-filled from the End-User, so "unchanged" still counts as given.
            field.current = String::new();
            field
        })
        .collect()
}

/// Inputs for the fields `result` reports as failing on `item` (all fields when it names
/// none).
fn failing_fields(
    specs: &[FieldSpec],
    result: &EvaluationResult,
    item: &SnapshotItem,
    prefix: &str,
    tr: &Tr,
) -> Vec<FormField> {
    let input = |spec: &FieldSpec| {
        let name = format!("{prefix}.{}.{}", item.sid, spec.machine_name);
        form_field(spec, name, item.field_text(&spec.machine_name), tr)
    };
    if result.invalid.is_empty() {
        return specs.iter().map(input).collect();
    }
    result
        .invalid
        .iter()
        .map(|failing| {
            let name = failing.object_field.as_str();
            match specs.iter().find(|s| s.machine_name == name) {
                Some(spec) => input(spec),
                None => input(&FieldSpec {
                    friendly_name: failing.friendly_name.clone(),
                    ..FieldSpec::named(name)
                }),
            }
        })
        .collect()
}
