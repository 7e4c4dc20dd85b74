//! Building the renewal form from the snapshot: which sections the page shows, pre-filled
//! with the copy's values. The section for one failing requirement is made in
//! [`super::sections`].

use std::collections::{BTreeMap, HashSet};

use super::RenewalForm;
use super::field::form_field;
use super::sections::failing_section;
use super::view::{DoneRequirement, FileInput, Section, SectionKind};
use crate::domain::requirements::Requirements;
use crate::domain::snapshot::{EvaluationResult, RenewalSnapshot, SnapshotItem};
use crate::i18n::Tr;

impl RenewalForm {
    /// The form for `snapshot`, pre-filled with the copy's current values: a section per
    /// failing requirement (each input asked once), one per rejected document the evaluation
    /// does not flag, and the passing requirements folded away as done.
    pub fn build(snapshot: &RenewalSnapshot, tr: &Tr) -> Self {
        let requirements = &snapshot.regulation.requirements;
        let mut sections = Vec::new();
        let mut done = Vec::new();
        let mut seen_names = HashSet::new();
        let results = snapshot
            .evaluation
            .as_ref()
            .map(|e| e.results.as_slice())
            .unwrap_or_default();
        for result in results {
            if result.passed {
                done.push(done_requirement(snapshot, result));
                continue;
            }
            let mut section = failing_section(snapshot, requirements, result, tr);
            section.fields.retain(|f| seen_names.insert(f.name.clone()));
            if matches!(
                section.kind,
                SectionKind::EditEndUser(_) | SectionKind::EditDocument(_)
            ) && section.fields.is_empty()
            {
                // Every field of this section is already asked for above.
                section.kind = SectionKind::Explain;
            }
            sections.push(section);
        }
        for document in snapshot.documents.iter().filter(|d| d.is_rejected()) {
            let covered = sections.iter_mut().find(
                |s| matches!(&s.kind, SectionKind::EditDocument(sid) if *sid == document.sid),
            );
            match covered {
                Some(section) => section.file = Some(replacement_input(&document.sid)),
                None => sections.push(replace_section(requirements, document, &mut seen_names, tr)),
            }
        }
        Self {
            corrections: super::correct::corrections(snapshot, &seen_names, tr),
            sections,
            done,
            compliant: snapshot.is_compliant(),
            evaluated: snapshot.evaluation.is_some(),
            form_error: None,
            tr: tr.clone(),
        }
    }
}

/// A passing requirement, with what meets it.
fn done_requirement(snapshot: &RenewalSnapshot, result: &EvaluationResult) -> DoneRequirement {
    let item = snapshot
        .end_users
        .iter()
        .chain(snapshot.documents.iter())
        .find(|i| i.item_type == result.object_type);
    DoneRequirement {
        title: result.requirement_friendly_name.clone(),
        detail: item
            .map(|i| i.friendly_name.clone())
            .unwrap_or_else(|| result.friendly_name.clone()),
    }
}

/// The optional "upload a replacement" input of a rejected document.
fn replacement_input(sid: &str) -> FileInput {
    FileInput {
        name: format!("replace.{sid}.file"),
        id: format!("f-replace-{sid}-file"),
        error: None,
    }
}

/// A section for a rejected document that the evaluation does not flag: its fields (to
/// correct) and a replacement upload.
fn replace_section(
    requirements: &Requirements,
    document: &SnapshotItem,
    seen_names: &mut HashSet<String>,
    tr: &Tr,
) -> Section {
    let specs = requirements
        .accepted_anywhere(&document.item_type)
        .map(|a| a.fields.as_slice())
        .unwrap_or_default();
    let fields = specs
        .iter()
        .map(|spec| {
            form_field(
                spec,
                format!("doc.{}.{}", document.sid, spec.machine_name),
                document.field_text(&spec.machine_name),
                tr,
            )
        })
        .filter(|f| seen_names.insert(f.name.clone()))
        .collect();
    Section {
        key: format!("replace-{}", document.sid),
        title: document.friendly_name.clone(),
        summary: tr.t("document-not-accepted"),
        twilio_reason: None,
        description: String::new(),
        kind: SectionKind::EditDocument(document.sid.clone()),
        fields,
        options: Vec::new(),
        file: Some(replacement_input(&document.sid)),
        choice_id: String::new(),
        choice_error: None,
        rejected_document: Some(
            document
                .failure_reason
                .clone()
                .unwrap_or_else(|| tr.t("document-rejected")),
        ),
        document_type: Some(document.item_type.clone()),
        document_fields: attribute_texts(document),
    }
}

/// Every attribute of an item as form text.
pub(super) fn attribute_texts(item: &SnapshotItem) -> BTreeMap<String, String> {
    item.attributes
        .keys()
        .map(|key| (key.clone(), item.field_text(key)))
        .filter(|(_, text)| !text.is_empty())
        .collect()
}
