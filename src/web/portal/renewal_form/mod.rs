//! The renewal page's form, built from the snapshot's latest Evaluation: one section per
//! failing requirement, one input per failing field (labelled, described and constrained by
//! the regulation's requirements), "add" sections for a missing End-User or document.
//!
//! The same model reads what the customer posted back, validates it, keeps every value for a
//! re-render, and turns what changed into engine [`Change`](crate::lifecycle::Change)s:
//! [`view`] holds what the page shows, [`build`] and [`sections`] make it from the snapshot,
//! [`field`] makes and checks one input, [`read`] reads a post back.

mod addresses;
mod build;
mod correct;
mod field;
mod read;
mod sections;
#[cfg(test)]
mod tests;
mod view;

use crate::i18n::Tr;

pub use correct::{correction_anchor, item_specs};
pub use view::{
    AddressOption, DocOption, DoneRequirement, FileInput, FormField, Section, SectionKind,
    Submission, SummaryError,
};

/// The whole renewal form.
#[derive(Debug, Clone)]
pub struct RenewalForm {
    /// Failing requirements.
    pub sections: Vec<Section>,
    /// Passing requirements.
    pub done: Vec<DoneRequirement>,
    /// Values that already pass, to correct (a typo in a saved name).
    pub corrections: Vec<Section>,
    /// Whether the copy may be submitted.
    pub compliant: bool,
    /// Whether an evaluation exists at all.
    pub evaluated: bool,
    /// A form-level problem ("nothing to save", Twilio unavailable).
    pub form_error: Option<String>,
    /// The customer's language, for the messages a post back sets.
    pub tr: Tr,
}

impl RenewalForm {
    /// Puts the posted values into the inputs (so nothing typed is lost on a re-render).
    pub fn fill(&mut self, submission: &Submission) {
        for section in self.sections.iter_mut().chain(self.corrections.iter_mut()) {
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

    /// Shows a refusal the engine found: beside the changed input for `machine_name`, or at the
    /// top of the form when no changed input has that name.
    pub fn show_refusal(&mut self, machine_name: &str, message: &str) {
        let changed = self
            .sections
            .iter_mut()
            .chain(self.corrections.iter_mut())
            .flat_map(Section::inputs_mut)
            .find(|f| f.machine_name == machine_name && f.value != f.current);
        match changed {
            Some(field) => field.error = Some(message.to_owned()),
            None => self.form_error = Some(message.to_owned()),
        }
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
        for section in self.sections.iter().chain(&self.corrections) {
            if let Some(message) = &section.choice_error {
                errors.push(SummaryError {
                    anchor: section.choice_id.clone(),
                    message: message.clone(),
                });
            }
            for field in section.inputs() {
                if let Some(message) = field.summary_message() {
                    errors.push(SummaryError {
                        anchor: field.id.clone(),
                        message,
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

/// What the submit card at the end of the page offers, once Twilio's check passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOffer {
    /// Nothing missing and nothing left open: "everything Twilio asks for is here".
    Ready,
    /// Twilio's check passes, but something Twilio rejected is still to be replaced above.
    AfterFixes,
    /// After a rejection, with nothing left to fill in: submit again.
    Again,
}

impl SubmitOffer {
    /// The card's heading (message id).
    pub fn title_id(self) -> &'static str {
        match self {
            Self::Ready => "submit-title",
            Self::AfterFixes => "submit-after-fix-title",
            Self::Again => "submit-again-title",
        }
    }

    /// The card's text (message id).
    pub fn lead_id(self) -> &'static str {
        match self {
            Self::Ready => "submit-lead",
            Self::AfterFixes => "submit-after-fix-lead",
            Self::Again => "submit-again-lead",
        }
    }

    /// The card's class suffix: only `ready` is green.
    pub fn class(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::AfterFixes => "pending",
            Self::Again => "again",
        }
    }
}

impl RenewalForm {
    /// Whether the page has something to fill in, correct or replace.
    pub fn has_fixes(&self) -> bool {
        self.sections.iter().any(|s| s.kind != SectionKind::Explain)
    }

    /// What the submit card offers (none while Twilio's check finds something missing).
    /// `after_rejection`: Twilio's review asked for changes.
    pub fn submit_offer(&self, after_rejection: bool) -> Option<SubmitOffer> {
        if !self.compliant {
            None
        } else if self.has_fixes() {
            Some(SubmitOffer::AfterFixes)
        } else if after_rejection {
            Some(SubmitOffer::Again)
        } else {
            Some(SubmitOffer::Ready)
        }
    }
}

/// The form key of an "add document" section's type choice.
fn choice_name(key: &str) -> String {
    format!("add.{key}.type")
}
