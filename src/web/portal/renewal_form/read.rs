//! Reading a post back: which sections the customer filled in, whether every value keeps
//! the regulation's rules (messages set beside the inputs when not), and the engine
//! [`Change`]s that carry what changed.

use std::collections::BTreeMap;

use super::view::{FormField, Section, SectionKind, Submission};
use super::{RenewalForm, choice_name};
use crate::domain::upload;
use crate::i18n::Tr;
use crate::lifecycle::{Change, Upload};

impl RenewalForm {
    /// Validates what was posted (after [`RenewalForm::fill`]) and returns the changes, or
    /// `None` with messages set beside the bad inputs.
    pub fn changes(&mut self, submission: &Submission) -> Option<Vec<Change>> {
        let mut changes = Vec::new();
        let mut ok = true;
        let tr = self.tr.clone();
        for section in self.sections.iter_mut().chain(self.corrections.iter_mut()) {
            match section_change(section, submission, &tr) {
                Read::Untouched => {}
                Read::Change(change) => merge_into(&mut changes, change),
                Read::Invalid => ok = false,
            }
        }
        if !ok {
            self.ask_for_files_again(submission);
            return None;
        }
        if changes.is_empty() {
            self.form_error = Some(self.tr.t("form-nothing-changed"));
            return None;
        }
        Some(changes)
    }

    /// A browser cannot pre-fill a file input: says so beside every chosen file.
    fn ask_for_files_again(&mut self, submission: &Submission) {
        for section in &mut self.sections {
            if let Some(file) = section.file.as_mut()
                && file.error.is_none()
                && submission.files.contains_key(&file.name)
            {
                file.error = Some(self.tr.t("form-choose-file-again"));
            }
        }
    }
}

/// What one section of a post amounts to.
#[derive(Debug)]
enum Read {
    /// The customer left it alone.
    Untouched,
    /// It is valid and changes the copy.
    Change(Change),
    /// Something in it was refused (messages are set beside the inputs).
    Invalid,
}

impl From<Option<Change>> for Read {
    fn from(change: Option<Change>) -> Self {
        change.map_or(Self::Invalid, Self::Change)
    }
}

/// Reads one section of the post.
fn section_change(section: &mut Section, submission: &Submission, tr: &Tr) -> Read {
    match section.kind.clone() {
        SectionKind::EditDocument(sid) if replacement_chosen(section, submission) => {
            replace_document(section, &sid, submission, tr).into()
        }
        SectionKind::EditEndUser(end_user_sid) => {
            edit(section, tr, |fields| Change::SetEndUserFields {
                end_user_sid,
                fields,
            })
        }
        SectionKind::EditDocument(document_sid) => {
            edit(section, tr, |fields| Change::SetDocumentFields {
                document_sid,
                fields,
            })
        }
        SectionKind::AddEndUser(end_user_type) => {
            if section.fields.iter().all(|f| f.value.trim().is_empty()) {
                return Read::Untouched;
            }
            filled_fields(&mut section.fields, tr)
                .map(|fields| Change::CreateEndUser {
                    end_user_type,
                    fields,
                })
                .into()
        }
        SectionKind::AddDocument => {
            let file = section
                .file
                .as_ref()
                .and_then(|f| submission.files.get(&f.name));
            if file.is_none() && !document_started(section, submission) {
                return Read::Untouched;
            }
            add_document(section, file, tr).into()
        }
        SectionKind::Explain => Read::Untouched,
    }
}

/// An edit section: the change `change` makes of its edited values, if any.
fn edit(
    section: &mut Section,
    tr: &Tr,
    change: impl FnOnce(BTreeMap<String, String>) -> Change,
) -> Read {
    match edited_fields(&mut section.fields, tr) {
        None => Read::Invalid,
        Some(fields) if fields.is_empty() => Read::Untouched,
        Some(fields) => Read::Change(change(fields)),
    }
}

/// The values that differ from the copy's, checked; `None` when one is refused.
fn edited_fields(fields: &mut [FormField], tr: &Tr) -> Option<BTreeMap<String, String>> {
    let mut ok = true;
    let mut edited = BTreeMap::new();
    for field in fields
        .iter_mut()
        .filter(|f| f.value.trim() != f.current.trim())
    {
        match field.check(tr) {
            Some(value) => {
                edited.insert(field.machine_name.clone(), value);
            }
            None => ok = false,
        }
    }
    ok.then_some(edited)
}

/// Every input checked, and the values given; `None` when one is refused.
fn filled_fields(fields: &mut [FormField], tr: &Tr) -> Option<BTreeMap<String, String>> {
    let mut ok = true;
    let mut filled = BTreeMap::new();
    for field in fields {
        match field.check(tr) {
            Some(value) if !value.is_empty() => {
                filled.insert(field.machine_name.clone(), value);
            }
            Some(_) => {}
            None => ok = false,
        }
    }
    ok.then_some(filled)
}

/// Whether a replacement file was chosen for the document this section edits.
fn replacement_chosen(section: &Section, submission: &Submission) -> bool {
    section
        .file
        .as_ref()
        .is_some_and(|f| submission.files.contains_key(&f.name))
}

/// Whether the customer began an "add document" section: typed a detail or picked a type.
/// A value pre-filled from the End-User and left as it is does not count.
fn document_started(section: &Section, submission: &Submission) -> bool {
    let typed = section.options.iter().any(|o| {
        o.fields
            .iter()
            .any(|f| !f.value.trim().is_empty() && f.value.trim() != f.initial.trim())
    });
    let chosen =
        section.options.len() > 1 && submission.values.contains_key(&choice_name(&section.key));
    typed || chosen
}

/// A replacement upload for a rejected document: a new document of the same type with the
/// (possibly corrected) details, assigned in place of the old one.
fn replace_document(
    section: &mut Section,
    sid: &str,
    submission: &Submission,
    tr: &Tr,
) -> Option<Change> {
    let input = section.file.as_mut()?;
    let upload = submission.files.get(&input.name)?;
    let mut ok = true;
    let content_type = match upload::check(&upload.bytes) {
        Ok(content_type) => Some(content_type),
        Err(problem) => {
            input.error = Some(upload_problem(tr, problem));
            ok = false;
            None
        }
    };
    let mut fields = section.document_fields.clone();
    match edited_fields(&mut section.fields, tr) {
        Some(edited) => fields.extend(edited),
        None => ok = false,
    }
    let content_type = content_type.filter(|_| ok)?;
    Some(Change::AddDocument {
        document_type: section.document_type.clone()?,
        friendly_name: section.title.clone(),
        fields,
        file: Some(Upload {
            content_type: content_type.to_owned(),
            ..upload.clone()
        }),
        replaces: Some(sid.to_owned()),
    })
}

/// Why an upload is refused, in the customer's words.
fn upload_problem(tr: &Tr, problem: upload::UploadProblem) -> String {
    match problem {
        upload::UploadProblem::Empty => tr.t("upload-empty"),
        upload::UploadProblem::TooLarge => {
            tr.n("upload-too-large", upload::MAX_FILE_BYTES / (1024 * 1024))
        }
        upload::UploadProblem::UnknownType => tr.t("upload-unknown-type"),
    }
}

/// Validates an "add document" section and builds its change.
fn add_document(section: &mut Section, file: Option<&Upload>, tr: &Tr) -> Option<Change> {
    let title = section.title.clone();
    let Some(option) = section.options.iter_mut().find(|o| o.selected) else {
        section.choice_error = Some(tr.t("form-choose-document"));
        return None;
    };
    let filled = filled_fields(&mut option.fields, tr);
    let mut ok = filled.is_some();
    let file_input = section.file.as_mut();
    let upload = match (option.needs_file, file, file_input) {
        (true, None, Some(input)) => {
            input.error = Some(tr.t("form-choose-file"));
            ok = false;
            None
        }
        (true, Some(upload), Some(input)) => match upload::check(&upload.bytes) {
            Ok(content_type) => Some(Upload {
                content_type: content_type.to_owned(),
                ..upload.clone()
            }),
            Err(problem) => {
                input.error = Some(upload_problem(tr, problem));
                ok = false;
                None
            }
        },
        _ => None,
    };
    if !ok {
        return None;
    }
    Some(Change::AddDocument {
        document_type: option.value.clone(),
        friendly_name: format!("{title} ({})", option.label),
        fields: filled?,
        file: upload,
        replaces: None,
    })
}

/// Adds `change`, folding edits of an item that is already edited into one change: Twilio
/// replaces attributes whole, so two edits of one item must travel together.
fn merge_into(changes: &mut Vec<Change>, change: Change) {
    for existing in changes.iter_mut() {
        match (existing, &change) {
            (
                Change::SetEndUserFields {
                    end_user_sid: a,
                    fields,
                },
                Change::SetEndUserFields {
                    end_user_sid: b,
                    fields: more,
                },
            )
            | (
                Change::SetDocumentFields {
                    document_sid: a,
                    fields,
                },
                Change::SetDocumentFields {
                    document_sid: b,
                    fields: more,
                },
            ) if a == b => {
                fields.extend(more.clone());
                return;
            }
            _ => {}
        }
    }
    changes.push(change);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_edits_of_one_item_travel_as_one_change() {
        let edit = |field: &str| Change::SetDocumentFields {
            document_sid: "RD1".into(),
            fields: BTreeMap::from([(field.to_owned(), "v".to_owned())]),
        };
        let mut changes = Vec::new();
        merge_into(&mut changes, edit("address_sids"));
        merge_into(&mut changes, edit("document_number"));
        assert_eq!(changes.len(), 1);
        let Change::SetDocumentFields { fields, .. } = &changes[0] else {
            panic!("a document edit")
        };
        assert_eq!(fields.len(), 2);
    }
}
