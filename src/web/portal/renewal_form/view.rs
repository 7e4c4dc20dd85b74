//! What the renewal form shows: its sections, inputs, document choices and uploads, and
//! what the customer posted back. Templates render these; the sibling modules fill them.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use regex::Regex;

use crate::domain::requirements::FieldKind;
use crate::lifecycle::Upload;

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
    /// `text`, `email`, `tel`, `url`, `date`, `select`, `sids` or `address` (a choice among
    /// the account's addresses, see [`super::addresses`]).
    pub input_type: &'static str,
    /// The addresses offered (`address` inputs).
    pub addresses: Vec<AddressOption>,
    /// Whether several addresses may be chosen (checkboxes instead of radios).
    pub multiple: bool,
    /// Where the customer adds a new address for this input (`address` inputs).
    pub add_href: String,
    /// Allowed values (enumeration constraints).
    pub choices: Vec<String>,
    /// Whether it must be filled in.
    pub required: bool,
    /// Longest value accepted.
    pub max_len: usize,
    /// The attribute key it sets.
    pub(super) machine_name: String,
    /// The copy's value (what counts as unchanged).
    pub(super) current: String,
    /// What the input first showed: the copy's value, or one taken from the End-User.
    pub(super) initial: String,
    /// The pattern a value must match, from the field's constraint.
    pub(super) pattern: Option<Arc<Regex>>,
    /// What kind of value it holds (what the server checks).
    pub(super) kind: FieldKind,
}

impl FormField {
    /// The attribute key it sets.
    pub fn machine_name(&self) -> &str {
        &self.machine_name
    }

    /// The ids of what describes the input (`aria-describedby`): its hint and its error;
    /// empty for neither.
    pub fn described_by(&self) -> String {
        let hint = (!self.hint.is_empty()).then(|| format!("{}-hint", self.id));
        let error = self.error.is_some().then(|| format!("{}-error", self.id));
        [hint, error]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One address offered by an `address` input.
#[derive(Debug, Clone)]
pub struct AddressOption {
    /// `AD…` (the radio's value; shown to staff only).
    pub sid: String,
    /// HTML id of the radio.
    pub id: String,
    /// Street (and second line).
    pub street: String,
    /// Postal code, city, region and country.
    pub place: String,
    /// The person or business at the address.
    pub customer_name: String,
    /// "Correct this address" (empty for an address recomply has not read yet).
    pub edit_href: String,
    /// Whether the bundle had this address when the renewal began.
    pub on_bundle: bool,
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
    pub(super) document_type: Option<String>,
    /// The edited document's current attributes, as text (what a replacement starts from).
    pub(super) document_fields: BTreeMap<String, String>,
}

impl Section {
    /// The edited document's type (edit sections of documents).
    pub fn document_type(&self) -> Option<&str> {
        self.document_type.as_deref()
    }

    /// Whether the customer picks among several document types.
    pub fn has_choice(&self) -> bool {
        self.options.len() > 1
    }

    /// Every input of the section: its own and those of each document type it offers.
    pub fn inputs(&self) -> impl Iterator<Item = &FormField> {
        self.fields
            .iter()
            .chain(self.options.iter().flat_map(|o| o.fields.iter()))
    }

    /// [`Section::inputs`], to change them.
    pub(super) fn inputs_mut(&mut self) -> impl Iterator<Item = &mut FormField> {
        self.fields
            .iter_mut()
            .chain(self.options.iter_mut().flat_map(|o| o.fields.iter_mut()))
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
