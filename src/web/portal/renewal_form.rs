//! The renewal page's forms, built from the snapshot's latest Evaluation: one section per
//! failing requirement, one input per failing field (labelled, described and constrained by
//! the regulation's `detailed_fields`), "add" sections for a missing End-User or document.
//! The same model reads what the customer posted back, validates it, keeps every value for a
//! re-render, and turns what changed into engine [`Change`]s.

use std::collections::{BTreeMap, HashMap, HashSet};

use regex::Regex;
use serde_json::Value;

use crate::domain::requirements::{AcceptedDocument, FieldSpec, Requirements};
use crate::domain::snapshot::{EvaluationResult, RenewalSnapshot, SnapshotItem};
use crate::lifecycle::{Change, Upload};

/// Largest accepted upload.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Default longest accepted field value.
const MAX_FIELD_CHARS: usize = 255;
/// Document types that only carry Address SIDs (no file).
const ADDRESS_ONLY_TYPES: &[&str] = &["address", "individual_address", "business_address"];

/// One input.
#[derive(Debug, Clone)]
pub struct FormField {
    /// The form key (`eu.IT….business_name`, …).
    pub name: String,
    /// The HTML id (also the error summary's anchor).
    pub id: String,
    /// The field's friendly name.
    pub label: String,
    /// The field's description.
    pub hint: String,
    /// What the input shows: the copy's value, or what was posted.
    pub value: String,
    /// Why the posted value was refused.
    pub error: Option<String>,
    /// `text`, `email`, `tel`, `select` or `sids`.
    pub input_type: &'static str,
    /// Allowed values (enumeration constraints).
    pub choices: Vec<String>,
    /// Whether it must be filled in.
    pub required: bool,
    /// Longest value accepted.
    pub max_len: usize,
    machine_name: String,
    current: String,
    pattern: Option<Regex>,
}

/// A document type the customer may choose for a missing document.
#[derive(Debug, Clone)]
pub struct DocOption {
    /// The type's machine name (the radio value).
    pub value: String,
    /// The regulation's name for it.
    pub label: String,
    /// Its fields.
    pub fields: Vec<FormField>,
    /// Whether this option is the chosen one.
    pub selected: bool,
    /// Whether a file must be uploaded with it.
    pub needs_file: bool,
    /// HTML id of the radio.
    pub id: String,
}

/// The file input of an "add document" section.
#[derive(Debug, Clone)]
pub struct FileInput {
    /// The form key.
    pub name: String,
    /// The HTML id.
    pub id: String,
    /// Why the file was refused, or that it must be chosen again.
    pub error: Option<String>,
}

/// What a section does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionKind {
    /// Correct fields of the copy's End-User.
    EditEndUser(String),
    /// Create the missing End-User.
    AddEndUser(String),
    /// Correct fields of an assigned document.
    EditDocument(String),
    /// Add a missing document (choose a type, fill it, upload the file).
    AddDocument,
    /// Nothing the page can offer (unknown requirement): explain only.
    Explain,
}

/// One failing requirement.
#[derive(Debug, Clone)]
pub struct Section {
    /// The requirement's machine name (also the anchor).
    pub key: String,
    /// The requirement's friendly name.
    pub title: String,
    /// What is wrong, in plain words.
    pub summary: String,
    /// Twilio's own words.
    pub twilio_reason: Option<String>,
    /// The requirement's description (e.g. address rules).
    pub description: String,
    /// What the section does.
    pub kind: SectionKind,
    /// Inputs (edit sections, add End-User).
    pub fields: Vec<FormField>,
    /// Accepted document types (add document).
    pub options: Vec<DocOption>,
    /// The upload (add document).
    pub file: Option<FileInput>,
    /// HTML id of the type choice, and why it was refused.
    pub choice_id: String,
    /// Why the type choice was refused.
    pub choice_error: Option<String>,
    /// Twilio's note on a rejected document of this section.
    pub rejected_document: Option<String>,
    /// The edited document's type (edit sections of documents).
    document_type: Option<String>,
    /// The edited document's current attributes, as text (what a replacement starts from).
    document_fields: BTreeMap<String, String>,
}

impl Section {
    /// Whether the customer picks among several document types.
    pub fn has_choice(&self) -> bool {
        self.options.len() > 1
    }
}

/// A passing requirement.
#[derive(Debug, Clone)]
pub struct DoneRequirement {
    /// The requirement's friendly name.
    pub title: String,
    /// What meets it.
    pub detail: String,
}

/// An error for the summary at the top of the page.
#[derive(Debug, Clone)]
pub struct SummaryError {
    /// The input's HTML id.
    pub anchor: String,
    /// The message.
    pub message: String,
}

/// What the customer posted (text parts and files).
#[derive(Debug, Default)]
pub struct Submission {
    /// Text parts by name.
    pub values: HashMap<String, String>,
    /// File parts by name (only parts where a file was chosen).
    pub files: HashMap<String, Upload>,
}

/// The whole renewal form.
#[derive(Debug, Clone)]
pub struct RenewalForm {
    /// Failing requirements.
    pub sections: Vec<Section>,
    /// Passing requirements.
    pub done: Vec<DoneRequirement>,
    /// Whether the copy may be submitted.
    pub compliant: bool,
    /// Whether an evaluation exists at all.
    pub evaluated: bool,
    /// A form-level problem ("nothing to save", Twilio unavailable).
    pub form_error: Option<String>,
}

impl RenewalForm {
    /// The form for `snapshot`, pre-filled with the copy's current values.
    pub fn build(snapshot: &RenewalSnapshot) -> Self {
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
            let mut section = failing_section(snapshot, requirements, result);
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
        for document in snapshot.documents.iter().filter(|d| is_rejected(d)) {
            let covered = sections.iter_mut().find(
                |s| matches!(&s.kind, SectionKind::EditDocument(sid) if *sid == document.sid),
            );
            match covered {
                Some(section) => section.file = Some(replacement_input(&document.sid)),
                None => sections.push(replace_section(requirements, document, &mut seen_names)),
            }
        }
        let known = known_addresses(snapshot);
        if !known.is_empty() {
            let note = format!(
                "Addresses already on this bundle: {}. Twilio keeps a bundle's address: use the \
                 same one unless your provider tells you otherwise.",
                known.join(", ")
            );
            let sid_fields = sections.iter_mut().flat_map(|s| {
                s.fields
                    .iter_mut()
                    .chain(s.options.iter_mut().flat_map(|o| o.fields.iter_mut()))
            });
            for field in sid_fields.filter(|f| f.input_type == "sids") {
                field.hint = format!("{} {note}", field.hint);
            }
        }
        Self {
            sections,
            done,
            compliant: snapshot.is_compliant(),
            evaluated: snapshot.evaluation.is_some(),
            form_error: None,
        }
    }

    /// Puts the posted values into the inputs (so nothing typed is lost on a re-render).
    pub fn fill(&mut self, submission: &Submission) {
        for section in &mut self.sections {
            for field in section.fields.iter_mut() {
                if let Some(value) = submission.values.get(&field.name) {
                    field.value = value.clone();
                }
            }
            let chosen = submission.values.get(&choice_name(&section.key));
            for option in &mut section.options {
                option.selected = chosen.is_some_and(|c| *c == option.value);
                for field in &mut option.fields {
                    if let Some(value) = submission.values.get(&field.name) {
                        field.value = value.clone();
                    }
                }
            }
            if section.options.len() == 1 {
                section.options[0].selected = true;
            }
        }
    }

    /// Validates what was posted (after [`RenewalForm::fill`]) and returns the changes, or
    /// `None` with messages set beside the bad inputs.
    pub fn changes(&mut self, submission: &Submission) -> Option<Vec<Change>> {
        let mut changes = Vec::new();
        let mut ok = true;
        for section in &mut self.sections {
            match section.kind.clone() {
                SectionKind::EditDocument(sid)
                    if section
                        .file
                        .as_ref()
                        .is_some_and(|f| submission.files.contains_key(&f.name)) =>
                {
                    match replace_document(section, &sid, submission) {
                        Some(change) => changes.push(change),
                        None => ok = false,
                    }
                }
                SectionKind::EditEndUser(sid) | SectionKind::EditDocument(sid) => {
                    let touched: Vec<&mut FormField> = section
                        .fields
                        .iter_mut()
                        .filter(|f| f.value.trim() != f.current.trim())
                        .collect();
                    let mut fields = BTreeMap::new();
                    for field in touched {
                        ok &= field.check();
                        fields.insert(field.machine_name.clone(), field.value.trim().to_owned());
                    }
                    if !fields.is_empty() {
                        let change = match section.kind {
                            SectionKind::EditEndUser(_) => Change::SetEndUserFields {
                                end_user_sid: sid,
                                fields,
                            },
                            _ => Change::SetDocumentFields {
                                document_sid: sid,
                                fields,
                            },
                        };
                        merge_into(&mut changes, change);
                    }
                }
                SectionKind::AddEndUser(end_user_type) => {
                    if section.fields.iter().all(|f| f.value.trim().is_empty()) {
                        continue;
                    }
                    let mut fields = BTreeMap::new();
                    for field in &mut section.fields {
                        ok &= field.check();
                        if !field.value.trim().is_empty() {
                            fields
                                .insert(field.machine_name.clone(), field.value.trim().to_owned());
                        }
                    }
                    changes.push(Change::CreateEndUser {
                        end_user_type,
                        fields,
                    });
                }
                SectionKind::AddDocument => {
                    let file = section
                        .file
                        .as_ref()
                        .and_then(|f| submission.files.get(&f.name));
                    let typed = section.options.iter().any(|o| {
                        o.fields
                            .iter()
                            .any(|f| !f.value.trim().is_empty() && f.value != f.current)
                    });
                    let chosen = section.options.len() > 1
                        && submission.values.contains_key(&choice_name(&section.key));
                    if file.is_none() && !typed && !chosen {
                        continue;
                    }
                    match add_document(section, file) {
                        Some(change) => changes.push(change),
                        None => ok = false,
                    }
                }
                SectionKind::Explain => {}
            }
        }
        if !ok {
            // A browser cannot pre-fill a file input: say so beside every chosen file.
            for section in &mut self.sections {
                if let Some(file) = section.file.as_mut()
                    && file.error.is_none()
                    && submission.files.contains_key(&file.name)
                {
                    file.error = Some(
                        "Please choose the file again: files are not kept when something \
                         else on the page needs correcting."
                            .into(),
                    );
                }
            }
            return None;
        }
        if changes.is_empty() {
            self.form_error = Some(
                "Nothing was changed. Fill in at least one of the sections below, then save."
                    .into(),
            );
            return None;
        }
        Some(changes)
    }

    /// Sets a message beside the input for `machine_name` (an error the engine found).
    pub fn set_field_error(&mut self, machine_name: &str, message: &str) -> bool {
        for section in &mut self.sections {
            let fields = section
                .fields
                .iter_mut()
                .chain(section.options.iter_mut().flat_map(|o| o.fields.iter_mut()));
            for field in fields {
                if field.machine_name == machine_name && field.value != field.current {
                    field.error = Some(message.to_owned());
                    return true;
                }
            }
        }
        false
    }

    /// Every message, in page order, for the error summary.
    pub fn summary(&self) -> Vec<SummaryError> {
        let mut errors = Vec::new();
        if let Some(message) = &self.form_error {
            errors.push(SummaryError {
                anchor: "sections".into(),
                message: message.clone(),
            });
        }
        for section in &self.sections {
            if let Some(message) = &section.choice_error {
                errors.push(SummaryError {
                    anchor: section.choice_id.clone(),
                    message: message.clone(),
                });
            }
            let fields = section
                .fields
                .iter()
                .chain(section.options.iter().flat_map(|o| o.fields.iter()));
            for field in fields {
                if let Some(message) = &field.error {
                    errors.push(SummaryError {
                        anchor: field.id.clone(),
                        message: format!("{}: {message}", field.label),
                    });
                }
            }
            if let Some(file) = &section.file
                && let Some(message) = &file.error
            {
                errors.push(SummaryError {
                    anchor: file.id.clone(),
                    message: format!("{}: {message}", section.title),
                });
            }
        }
        errors
    }
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

/// The Address SIDs on the copy's documents, sorted, without repeats.
fn known_addresses(snapshot: &RenewalSnapshot) -> Vec<String> {
    let mut sids: Vec<String> = snapshot
        .documents
        .iter()
        .filter_map(|d| match d.attributes.get("address_sids") {
            Some(Value::Array(list)) => Some(
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect::<Vec<_>>(),
            ),
            Some(Value::String(one)) => Some(vec![one.clone()]),
            _ => None,
        })
        .flatten()
        .filter(|s| is_address_sid(s))
        .collect();
    sids.sort();
    sids.dedup();
    sids
}

fn choice_name(key: &str) -> String {
    format!("add.{key}.type")
}

/// Whether Twilio rejected this document (review outcome, not evaluation).
fn is_rejected(document: &SnapshotItem) -> bool {
    document.status.as_deref() == Some("rejected") || document.failure_reason.is_some()
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
            )
        })
        .filter(|f| seen_names.insert(f.name.clone()))
        .collect();
    Section {
        key: format!("replace-{}", document.sid),
        title: document.friendly_name.clone(),
        summary: "Twilio did not accept this document. Upload a clearer or more recent copy, \
                  and correct its details if needed."
            .to_owned(),
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
                .unwrap_or_else(|| "Twilio rejected this document.".to_owned()),
        ),
        document_type: Some(document.item_type.clone()),
        document_fields: attribute_texts(document),
    }
}

/// Every attribute of an item as form text.
fn attribute_texts(item: &SnapshotItem) -> BTreeMap<String, String> {
    item.attributes
        .keys()
        .map(|key| (key.clone(), item.field_text(key)))
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

/// A replacement upload for a rejected document: a new document of the same type with the
/// (possibly corrected) details, assigned in place of the old one.
fn replace_document(section: &mut Section, sid: &str, submission: &Submission) -> Option<Change> {
    let input = section.file.as_mut()?;
    let upload = submission.files.get(&input.name)?;
    let mut ok = true;
    let content_type = match check_file(upload) {
        Ok(content_type) => Some(content_type),
        Err(message) => {
            input.error = Some(message);
            ok = false;
            None
        }
    };
    let mut fields = section.document_fields.clone();
    for field in &mut section.fields {
        if field.value.trim() != field.current.trim() {
            ok &= field.check();
            fields.insert(field.machine_name.clone(), field.value.trim().to_owned());
        }
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

/// Validates an "add document" section and builds its change.
fn add_document(section: &mut Section, file: Option<&Upload>) -> Option<Change> {
    let title = section.title.clone();
    let Some(option) = section.options.iter_mut().find(|o| o.selected) else {
        section.choice_error = Some("Choose which document you are adding".into());
        return None;
    };
    let mut ok = true;
    let mut fields = BTreeMap::new();
    for field in &mut option.fields {
        ok &= field.check();
        if !field.value.trim().is_empty() {
            fields.insert(field.machine_name.clone(), field.value.trim().to_owned());
        }
    }
    let file_input = section.file.as_mut();
    let upload = match (option.needs_file, file, file_input) {
        (true, None, Some(input)) => {
            input.error = Some("Choose the file to upload (PDF, JPEG or PNG)".into());
            ok = false;
            None
        }
        (true, Some(upload), Some(input)) => match check_file(upload) {
            Ok(content_type) => Some(Upload {
                content_type: content_type.to_owned(),
                ..upload.clone()
            }),
            Err(message) => {
                input.error = Some(message);
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
        fields,
        file: upload,
        replaces: None,
    })
}

/// The real type of an upload from its first bytes (the name and the browser's claim are
/// not trusted), and its size.
pub fn check_file(upload: &Upload) -> Result<&'static str, String> {
    if upload.bytes.is_empty() {
        return Err("The file is empty. Choose the file again".into());
    }
    if upload.bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "The file is larger than {} MB. Choose a smaller file",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    sniff(&upload.bytes).ok_or_else(|| "The file must be a PDF, JPEG or PNG".to_owned())
}

/// PDF, JPEG or PNG from magic bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

impl FormField {
    /// Checks the value against the field's rules; sets the message and returns false if bad.
    fn check(&mut self) -> bool {
        self.error = self.problem();
        self.error.is_none()
    }

    fn problem(&self) -> Option<String> {
        let value = self.value.trim();
        if value.is_empty() {
            return self.required.then(|| format!("Enter the {}", self.label));
        }
        if value.chars().count() > self.max_len {
            return Some(format!(
                "{} must be {} characters or fewer",
                self.label, self.max_len
            ));
        }
        if self.input_type == "sids" {
            let bad: Vec<&str> = value
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .filter(|s| !is_address_sid(s))
                .collect();
            if !bad.is_empty() {
                return Some(format!(
                    "Enter Address SIDs like AD followed by 32 letters and digits (0-9, a-f); \
                     not valid: {}",
                    bad.join(", ")
                ));
            }
            return None;
        }
        if !self.choices.is_empty() {
            return (!self.choices.iter().any(|c| c == value))
                .then(|| format!("Choose one of the options for {}", self.label));
        }
        if let Some(pattern) = &self.pattern
            && !pattern.is_match(value)
        {
            return Some(match self.input_type {
                "email" => "Enter an email address like name@example.com".to_owned(),
                "tel" => {
                    "Enter a phone number in international format, like +33612345678".to_owned()
                }
                _ => format!("{} is not in the expected format", self.label),
            });
        }
        None
    }
}

fn is_address_sid(text: &str) -> bool {
    text.len() == 34 && text.starts_with("AD") && text[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// An input for `spec` named `name`, showing `current`.
fn form_field(spec: &FieldSpec, name: String, current: String) -> FormField {
    let required = spec.constraint.is_required();
    let choices = spec.constraint.choices();
    let pattern = spec.constraint.pattern().and_then(|p| Regex::new(&p).ok());
    let machine = spec.machine_name.as_str();
    let input_type = if machine == "address_sids" {
        "sids"
    } else if !choices.is_empty() {
        "select"
    } else if machine.contains("email") {
        "email"
    } else if machine.contains("phone") {
        "tel"
    } else {
        "text"
    };
    let mut hint = spec.description.clone();
    if input_type == "sids" {
        let extra = "The SID of each address (AD followed by 32 letters and digits), as shown in \
                     your Twilio Console under Addresses. Separate several with commas.";
        hint = if hint.is_empty() {
            extra.to_owned()
        } else {
            format!("{hint} {extra}")
        };
    }
    FormField {
        id: format!("f-{}", name.replace(['.', ':'], "-")),
        name,
        label: if input_type == "sids" {
            "Address SID(s)".to_owned()
        } else {
            spec.friendly_name.clone()
        },
        hint,
        value: current.clone(),
        error: None,
        input_type,
        choices,
        required,
        max_len: if input_type == "sids" {
            1000
        } else {
            MAX_FIELD_CHARS
        },
        machine_name: spec.machine_name.clone(),
        current,
        pattern,
    }
}

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

/// The section for a failing requirement: edit or add the End-User, edit the assigned
/// document, or add a missing one; explain only when the regulation does not know it.
fn failing_section(
    snapshot: &RenewalSnapshot,
    requirements: &Requirements,
    result: &EvaluationResult,
) -> Section {
    let name = result.requirement_name.as_str();
    let document_name = requirements
        .accepted_in(name, &result.object_type)
        .and_then(|a| a.name.clone())
        .unwrap_or_else(|| result.friendly_name.clone());
    let mut section = Section {
        key: result.requirement_name.clone(),
        title: result.requirement_friendly_name.clone(),
        summary: plain_words(result, &document_name, &snapshot.regulation.end_user_type),
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
            Some(document) if result.error_code != Some(22216) => {
                let specs = requirement
                    .accepted_type(&document.item_type)
                    .map(|a| a.fields.as_slice())
                    .unwrap_or_default();
                edit_document_section(&mut section, result, document, specs);
            }
            _ => add_document_section(&mut section, snapshot, &requirement.accepted),
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
) {
    match snapshot
        .end_users
        .iter()
        .find(|e| e.item_type == end_user_type)
    {
        Some(end_user) => {
            section.kind = SectionKind::EditEndUser(end_user.sid.clone());
            section.fields = failing_fields(specs, result, end_user, "eu");
        }
        None => {
            section.fields = specs
                .iter()
                .map(|s| {
                    let name = format!("new_eu.{end_user_type}.{}", s.machine_name);
                    form_field(s, name, String::new())
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
) {
    section.kind = SectionKind::EditDocument(document.sid.clone());
    section.fields = failing_fields(specs, result, document, "doc");
    section.document_type = Some(document.item_type.clone());
    section.document_fields = attribute_texts(document);
    if is_rejected(document) {
        section.rejected_document = document
            .failure_reason
            .clone()
            .or(Some("Twilio rejected this document.".to_owned()));
    }
}

/// Makes `section` add a missing document: a choice among the `accepted` types, their fields,
/// and the upload (unless every type carries Address SIDs only).
fn add_document_section(
    section: &mut Section,
    snapshot: &RenewalSnapshot,
    accepted: &[AcceptedDocument],
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
                fields: option_fields(&key, a, end_user),
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
            let mut field = form_field(s, name, current);
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
) -> Vec<FormField> {
    let input = |spec: &FieldSpec| {
        let name = format!("{prefix}.{}.{}", item.sid, spec.machine_name);
        form_field(spec, name, item.field_text(&spec.machine_name))
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

/// Twilio's failure, in plain words.
fn plain_words(result: &EvaluationResult, document: &str, end_user_type: &str) -> String {
    let whose = if end_user_type == "individual" {
        "personal"
    } else {
        "business"
    };
    match result.error_code {
        Some(22214) => {
            format!("We don't have your {whose} details yet. Please fill them in below.")
        }
        Some(22215) => format!("Some of your {whose} details are missing or incomplete."),
        Some(22216) => format!("Twilio needs a document: {document}. Please add it below."),
        Some(22217) => format!(
            "Some details from your {document} are missing, or do not match your {whose} \
             details exactly. Enter them exactly as they appear on the document."
        ),
        Some(22218) => format!(
            "Details on your {document} do not match your {whose} details. They must be \
             exactly the same."
        ),
        Some(22219) => format!(
            "Twilio needs the address shown on your {document}, as an address registered in \
             your Twilio account."
        ),
        _ => result
            .failure_reason
            .clone()
            .unwrap_or_else(|| "This requirement is not met yet.".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::requirements::Constraint;

    #[test]
    fn fields_follow_their_constraints() {
        let spec = |constraint: &str, name: &str| FieldSpec {
            friendly_name: "Label".into(),
            constraint: Constraint::new(Some(constraint.into())),
            ..FieldSpec::named(name)
        };
        let mut email = form_field(
            &spec(r"b['email'] =~ '^\S+@\S+\.\S+$'", "email"),
            "e".into(),
            String::new(),
        );
        assert_eq!(email.input_type, "email");
        email.value = "not an address".into();
        assert!(!email.check());
        email.value = "a@b.fr".into();
        assert!(email.check());
        let mut optional = form_field(&spec("", "comments"), "c".into(), String::new());
        assert!(!optional.required && optional.check());
        let mut sids = form_field(
            &spec("d['address_sids'] != null", "address_sids"),
            "s".into(),
            String::new(),
        );
        sids.value =
            "AD0123456789abcdef0123456789abcdef, AD0123456789ABCDEF0123456789ABCDEF".into();
        assert!(sids.check());
        sids.value = "AD0123".into();
        assert!(!sids.check());
    }

    #[test]
    fn uploads_are_recognised_by_their_first_bytes_only() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"GIF89a"), None);
        let upload = |bytes: Vec<u8>| Upload {
            filename: "scan.pdf".into(),
            content_type: "application/pdf".into(),
            bytes,
        };
        assert!(check_file(&upload(b"MZ\x90".to_vec())).is_err());
        assert!(check_file(&upload(Vec::new())).is_err());
        assert_eq!(
            check_file(&upload(b"%PDF-1.4".to_vec())),
            Ok("application/pdf")
        );
    }

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
