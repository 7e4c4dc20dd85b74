//! The renewal page's forms, built from the snapshot's latest Evaluation: one section per
//! failing requirement, one input per failing field (labelled, described and constrained by
//! the regulation's `detailed_fields`), "add" sections for a missing End-User or document.
//! The same model reads what the customer posted back, validates it, keeps every value for a
//! re-render, and turns what changed into engine [`Change`]s.

use std::collections::{BTreeMap, HashMap, HashSet};

use regex::Regex;
use serde_json::Value;

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

/// A regulation field: machine name, friendly name, description, constraint.
#[derive(Debug, Clone)]
struct FieldSpec {
    machine_name: String,
    friendly_name: String,
    description: String,
    constraint: Option<String>,
}

fn field_specs(requirement: &Value) -> Vec<FieldSpec> {
    if let Some(detailed) = requirement["detailed_fields"].as_array() {
        return detailed
            .iter()
            .filter_map(|d| {
                let machine_name = d["machine_name"].as_str()?.to_owned();
                Some(FieldSpec {
                    friendly_name: d["friendly_name"]
                        .as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| title_case(&machine_name)),
                    description: d["description"].as_str().unwrap_or_default().to_owned(),
                    constraint: d["constraint"].as_str().map(str::to_owned),
                    machine_name,
                })
            })
            .collect();
    }
    requirement["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|name| FieldSpec {
            machine_name: name.to_owned(),
            friendly_name: title_case(name),
            description: String::new(),
            constraint: None,
        })
        .collect()
}

fn title_case(machine_name: &str) -> String {
    machine_name
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An input for `spec` named `name`, showing `current`.
fn form_field(spec: &FieldSpec, name: String, current: String) -> FormField {
    let constraint = spec.constraint.as_deref();
    // An empty constraint marks an optional field; no constraint at all (older regulations)
    // is treated as required, as Twilio reports such fields missing.
    let required = !matches!(constraint, Some(c) if c.trim().is_empty());
    let pattern_text = constraint.and_then(regex_in_constraint);
    let choices = pattern_text.as_deref().map(enumeration).unwrap_or_default();
    let pattern = pattern_text.as_deref().and_then(|p| Regex::new(p).ok());
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

/// The regular expression of an `x['f'] =~ '…'` constraint.
fn regex_in_constraint(constraint: &str) -> Option<String> {
    let start = constraint.find("=~")?;
    let rest = constraint[start + 2..].trim_start();
    let rest = rest.strip_prefix('\'')?;
    let end = rest.rfind('\'')?;
    Some(rest[..end].to_owned())
}

/// `^(A|B|C)$` → [A, B, C]; anything else → none.
fn enumeration(pattern: &str) -> Vec<String> {
    let Some(inner) = pattern
        .strip_prefix("^(")
        .and_then(|p| p.strip_suffix(")$"))
    else {
        return Vec::new();
    };
    let options: Vec<String> = inner.split('|').map(str::to_owned).collect();
    if options.iter().all(|o| {
        !o.is_empty()
            && o.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_: -".contains(c))
    }) {
        options
    } else {
        Vec::new()
    }
}

fn end_user_requirements(requirements: &Value) -> Vec<&Value> {
    requirements["end_user"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn document_requirements(requirements: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    match &requirements["supporting_document"] {
        Value::Array(outer) => {
            for entry in outer {
                match entry {
                    Value::Array(inner) => out.extend(inner.iter()),
                    Value::Object(_) => out.push(entry),
                    _ => {}
                }
            }
        }
        single @ Value::Object(_) => out.push(single),
        _ => {}
    }
    out
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

fn failing_section(
    snapshot: &RenewalSnapshot,
    requirements: &Value,
    result: &EvaluationResult,
) -> Section {
    let mut section = Section {
        key: result.requirement_name.clone(),
        title: result.requirement_friendly_name.clone(),
        summary: String::new(),
        twilio_reason: result.failure_reason.clone(),
        description: String::new(),
        kind: SectionKind::Explain,
        fields: Vec::new(),
        options: Vec::new(),
        file: None,
        choice_id: format!("f-add-{}-type", result.requirement_name),
        choice_error: None,
        rejected_document: None,
    };
    let document_name = document_requirements(requirements)
        .into_iter()
        .filter(|r| r["requirement_name"].as_str() == Some(result.requirement_name.as_str()))
        .flat_map(|r| {
            r["accepted_documents"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|a| a["type"].as_str() == Some(result.object_type.as_str()))
        .and_then(|a| a["name"].as_str().map(str::to_owned))
        .unwrap_or_else(|| result.friendly_name.clone());
    section.summary = plain_words(result, &document_name, &snapshot.regulation.end_user_type);
    let end_user_req = end_user_requirements(requirements).into_iter().find(|r| {
        r["requirement_name"].as_str() == Some(result.requirement_name.as_str())
            || r["type"].as_str() == Some(result.object_type.as_str())
    });
    if let Some(req) = end_user_req {
        let end_user_type = req["type"]
            .as_str()
            .unwrap_or(&result.object_type)
            .to_owned();
        let specs = field_specs(req);
        match snapshot
            .end_users
            .iter()
            .find(|e| e.item_type == end_user_type)
        {
            Some(end_user) => {
                section.kind = SectionKind::EditEndUser(end_user.sid.clone());
                section.fields = failing_fields(&specs, result, end_user, "eu");
            }
            None => {
                section.kind = SectionKind::AddEndUser(end_user_type.clone());
                section.fields = specs
                    .iter()
                    .map(|s| {
                        form_field(
                            s,
                            format!("new_eu.{end_user_type}.{}", s.machine_name),
                            String::new(),
                        )
                    })
                    .collect();
            }
        }
        return section;
    }
    let doc_req = document_requirements(requirements)
        .into_iter()
        .find(|r| r["requirement_name"].as_str() == Some(result.requirement_name.as_str()));
    let Some(req) = doc_req else {
        return section;
    };
    section.description = req["description"].as_str().unwrap_or_default().to_owned();
    let accepted: Vec<&Value> = req["accepted_documents"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let accepted_types: Vec<&str> = accepted.iter().filter_map(|a| a["type"].as_str()).collect();
    let assigned = snapshot
        .documents
        .iter()
        .filter(|d| {
            d.item_type == result.object_type || accepted_types.contains(&d.item_type.as_str())
        })
        .find(|d| d.item_type == result.object_type)
        .or_else(|| {
            snapshot
                .documents
                .iter()
                .find(|d| accepted_types.contains(&d.item_type.as_str()))
        });
    let missing_document = result.error_code == Some(22216) || assigned.is_none();
    if !missing_document && let Some(document) = assigned {
        let specs = accepted
            .iter()
            .find(|a| a["type"].as_str() == Some(document.item_type.as_str()))
            .map(|a| field_specs(a))
            .unwrap_or_default();
        section.kind = SectionKind::EditDocument(document.sid.clone());
        section.fields = failing_fields(&specs, result, document, "doc");
        if document.status.as_deref() == Some("rejected") || document.failure_reason.is_some() {
            section.rejected_document = document
                .failure_reason
                .clone()
                .or(Some("Twilio rejected this document.".to_owned()));
        }
        return section;
    }
    let end_user = snapshot.end_users.first();
    section.kind = SectionKind::AddDocument;
    section.file = Some(FileInput {
        name: format!("add.{}.file", result.requirement_name),
        id: format!("f-add-{}-file", result.requirement_name),
        error: None,
    });
    section.options = accepted
        .iter()
        .filter_map(|a| {
            let value = a["type"].as_str()?.to_owned();
            let fields = field_specs(a)
                .iter()
                .map(|s| {
                    // A field that must match the End-User starts with the End-User's value.
                    let matches_end_user =
                        s.constraint.as_deref().is_some_and(|c| c.contains("=="));
                    let current = match (matches_end_user, end_user) {
                        (true, Some(e)) => e.field_text(&s.machine_name),
                        _ => String::new(),
                    };
                    let mut field = form_field(
                        s,
                        format!("add.{}.{value}.{}", result.requirement_name, s.machine_name),
                        current,
                    );
                    // Pre-filled from the End-User, so "unchanged" still counts as given.
                    field.current = String::new();
                    field
                })
                .collect();
            Some(DocOption {
                id: format!("f-add-{}-type-{value}", result.requirement_name),
                label: a["name"].as_str().unwrap_or(&value).to_owned(),
                needs_file: !ADDRESS_ONLY_TYPES.contains(&value.as_str()),
                selected: accepted.len() == 1,
                fields,
                value,
            })
        })
        .collect();
    if section.options.iter().all(|o| !o.needs_file) {
        section.file = None;
    }
    section
}

/// Inputs for the fields `result` reports as failing on `item` (all fields when it names
/// none).
fn failing_fields(
    specs: &[FieldSpec],
    result: &EvaluationResult,
    item: &SnapshotItem,
    prefix: &str,
) -> Vec<FormField> {
    let wanted: Vec<&str> = result
        .invalid
        .iter()
        .map(|f| f.object_field.as_str())
        .collect();
    let mut fields: Vec<FormField> = Vec::new();
    for name in &wanted {
        let spec = specs
            .iter()
            .find(|s| s.machine_name == *name)
            .cloned()
            .unwrap_or_else(|| FieldSpec {
                machine_name: (*name).to_owned(),
                friendly_name: result
                    .invalid
                    .iter()
                    .find(|f| f.object_field == *name)
                    .map(|f| f.friendly_name.clone())
                    .unwrap_or_else(|| title_case(name)),
                description: String::new(),
                constraint: None,
            });
        fields.push(form_field(
            &spec,
            format!("{prefix}.{}.{name}", item.sid),
            item.field_text(name),
        ));
    }
    if wanted.is_empty() {
        fields = specs
            .iter()
            .map(|s| {
                form_field(
                    s,
                    format!("{prefix}.{}.{}", item.sid, s.machine_name),
                    item.field_text(&s.machine_name),
                )
            })
            .collect();
    }
    fields
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

    #[test]
    fn patterns_come_from_the_constraint_and_enumerations_become_choices() {
        let email = r"business['email'] =~ '^\S+@\S+\.\S+$'";
        assert_eq!(
            regex_in_constraint(email).as_deref(),
            Some(r"^\S+@\S+\.\S+$")
        );
        assert_eq!(regex_in_constraint("business['x'] != null"), None);
        let kinds = "business['is_subassigned'] =~ '^(YES|NO)$'";
        assert_eq!(
            enumeration(&regex_in_constraint(kinds).unwrap()),
            ["YES", "NO"]
        );
        assert!(enumeration(r"^\+[1-9]\d{1,14}$").is_empty());
    }

    #[test]
    fn fields_follow_their_constraints() {
        let spec = |constraint: &str, name: &str| FieldSpec {
            machine_name: name.into(),
            friendly_name: "Label".into(),
            description: String::new(),
            constraint: Some(constraint.into()),
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
