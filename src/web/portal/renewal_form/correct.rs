//! "Correct a value that is already accepted": every value of the copy's End-Users and
//! documents that no failing section asks for, as inputs pre-filled with the copy's value.
//! They are read back like any edit section, so a correction is checked, sent to Twilio and
//! evaluated again through the same save.

use std::collections::HashSet;

use super::RenewalForm;
use super::build::attribute_texts;
use super::field::form_field;
use super::view::{FormField, Section, SectionKind};
use crate::domain::requirements::{FieldSpec, Requirements};
use crate::domain::snapshot::{RenewalSnapshot, SnapshotItem};
use crate::i18n::Tr;

/// The anchor of the correction section of item `sid` (review page links point at it).
pub fn correction_anchor(sid: &str) -> String {
    format!("correct-{sid}")
}

/// One correction section per End-User and document of the copy with a value to correct;
/// fields already asked for (`asked`) are left to their failing section.
pub(super) fn corrections(
    snapshot: &RenewalSnapshot,
    asked: &HashSet<String>,
    tr: &Tr,
) -> Vec<Section> {
    let requirements = &snapshot.regulation.requirements;
    let end_users = snapshot.end_users.iter().map(|item| {
        let specs = item_specs(requirements, item, false);
        let kind = SectionKind::EditEndUser(item.sid.clone());
        correction(item, kind, fields(item, &specs, "eu", asked, tr), tr)
    });
    let documents = snapshot.documents.iter().map(|item| {
        let specs = item_specs(requirements, item, true);
        let kind = SectionKind::EditDocument(item.sid.clone());
        correction(item, kind, fields(item, &specs, "doc", asked, tr), tr)
    });
    end_users
        .chain(documents)
        .filter(|s| !s.fields.is_empty())
        .collect()
}

impl RenewalForm {
    /// Whether the correction disclosure should open: a correction was typed or refused.
    pub fn correcting(&self) -> bool {
        self.corrections
            .iter()
            .flat_map(|s| s.fields.iter())
            .any(|f| f.error.is_some() || f.value.trim() != f.current.trim())
    }
}

/// The fields of `item` (a document when `document`): the regulation's fields of its type,
/// then any other attribute it carries.
pub fn item_specs(
    requirements: &Requirements,
    item: &SnapshotItem,
    document: bool,
) -> Vec<FieldSpec> {
    let mut specs = if document {
        requirements
            .accepted_anywhere(&item.item_type)
            .map(|a| a.fields.clone())
            .unwrap_or_default()
    } else {
        requirements
            .end_users
            .iter()
            .find(|r| r.end_user_type.as_deref() == Some(item.item_type.as_str()))
            .map(|r| r.fields.clone())
            .unwrap_or_default()
    };
    let extra: Vec<FieldSpec> = item
        .attributes
        .keys()
        .filter(|key| !specs.iter().any(|s| &s.machine_name == *key))
        .map(|key| FieldSpec::named(key))
        .collect();
    specs.extend(extra);
    specs
}

/// Inputs for `specs` of `item`, except those already asked for.
fn fields(
    item: &SnapshotItem,
    specs: &[FieldSpec],
    prefix: &str,
    asked: &HashSet<String>,
    tr: &Tr,
) -> Vec<FormField> {
    specs
        .iter()
        .map(|spec| {
            let name = format!("{prefix}.{}.{}", item.sid, spec.machine_name);
            form_field(spec, name, item.field_text(&spec.machine_name), tr)
        })
        .filter(|f| !asked.contains(&f.name))
        .collect()
}

/// The correction section of `item`.
fn correction(item: &SnapshotItem, kind: SectionKind, fields: Vec<FormField>, tr: &Tr) -> Section {
    let document = matches!(kind, SectionKind::EditDocument(_));
    Section {
        key: correction_anchor(&item.sid),
        title: item.friendly_name.clone(),
        summary: tr.t(if document {
            "correct-document-summary"
        } else {
            "correct-end-user-summary"
        }),
        twilio_reason: None,
        description: String::new(),
        kind,
        fields,
        options: Vec::new(),
        file: None,
        choice_id: String::new(),
        choice_error: None,
        rejected_document: None,
        document_type: document.then(|| item.item_type.clone()),
        document_fields: attribute_texts(item),
    }
}
