//! One input of the renewal form: made from a regulation field (its kind — web address,
//! email, phone, date, list, Address SIDs or text — decides the input type, length and
//! choices), and checked against the same rules on the server.

use time::OffsetDateTime;

use super::view::FormField;
use crate::domain::requirements::{FieldKind, FieldSpec, FormatProblem};
use crate::domain::storable_text;
use crate::i18n::Tr;

impl FormField {
    /// Checks the value against the field's rules: the value to send to Twilio (trimmed,
    /// and normalised for its kind; empty for an optional field left empty), or `None` with
    /// the message set beside the input.
    pub(super) fn check(&mut self, tr: &Tr) -> Option<String> {
        let checked = self.checked(tr);
        self.error = checked.as_ref().err().cloned();
        checked.ok()
    }

    /// The value to send, or what is wrong with it in words for the customer.
    fn checked(&self, tr: &Tr) -> Result<String, String> {
        let value = self.value.trim();
        if value.is_empty() {
            return if self.required {
                Err(tr.t1("field-error-required", "label", &self.label))
            } else {
                Ok(String::new())
            };
        }
        if self.input_type == "address" && !self.offers_all(value) {
            return Err(tr.t("address-error-not-offered"));
        }
        if !storable_text::is_storable(value) {
            return Err(tr.t("field-error-control-character"));
        }
        if value.chars().count() > self.max_len {
            return Err(tr.t2(
                "field-error-too-long",
                "label",
                &self.label,
                "max",
                self.max_len,
            ));
        }
        let today = OffsetDateTime::now_utc().date();
        self.kind
            .check(value, self.pattern.as_deref(), today)
            .map_err(|problem| self.explain(tr, problem))
    }

    /// A [`FormatProblem`] in the customer's words.
    fn explain(&self, tr: &Tr, problem: FormatProblem) -> String {
        let label = &self.label;
        match problem {
            FormatProblem::Email => tr.t("field-error-email"),
            FormatProblem::Phone => tr.t("field-error-phone"),
            FormatProblem::Url => tr.t1("field-error-url", "label", label),
            FormatProblem::Date => tr.t1("field-error-date", "label", label),
            FormatProblem::DateInFuture => tr.t1("field-error-date-future", "label", label),
            FormatProblem::Choice => tr.t1("field-error-choice", "label", label),
            FormatProblem::AddressSids(bad) => {
                tr.t1("field-error-address-sids", "bad", bad.join(", "))
            }
            FormatProblem::Pattern => tr.t1("field-error-format", "label", label),
        }
    }

    /// What the error summary says for this input: its message, with the label in front
    /// only when the message does not already name the field.
    pub(super) fn summary_message(&self) -> Option<String> {
        let message = self.error.as_ref()?;
        Some(if message.contains(&self.label) {
            message.clone()
        } else {
            format!("{}: {message}", self.label)
        })
    }
}

/// An input for `spec` named `name`, showing `current`.
pub(super) fn form_field(spec: &FieldSpec, name: String, current: String, tr: &Tr) -> FormField {
    let kind = spec.kind();
    let input_type = match kind {
        FieldKind::AddressSids => "sids",
        ref other => other.html_type(),
    };
    let mut hint = spec.description.clone();
    let extra = match kind {
        FieldKind::AddressSids => Some(tr.t("field-address-sids-hint")),
        FieldKind::Url if hint.is_empty() => Some(tr.t("field-url-hint")),
        FieldKind::Phone if hint.is_empty() => Some(tr.t("field-phone-hint")),
        _ => None,
    };
    if let Some(extra) = extra {
        hint = if hint.is_empty() {
            extra
        } else {
            format!("{hint} {extra}")
        };
    }
    let choices = match &kind {
        FieldKind::Choice(choices) => choices.clone(),
        _ => Vec::new(),
    };
    FormField {
        id: format!("f-{}", name.replace(['.', ':'], "-")),
        name,
        label: if kind == FieldKind::AddressSids {
            tr.t("field-address-sids-label")
        } else {
            spec.friendly_name.clone()
        },
        hint,
        value: current.clone(),
        initial: current.clone(),
        error: None,
        input_type,
        addresses: Vec::new(),
        multiple: false,
        add_href: String::new(),
        choices,
        required: spec.constraint.is_required(),
        max_len: kind.max_len(),
        machine_name: spec.machine_name.clone(),
        current,
        pattern: spec.constraint.compiled_pattern(),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::requirements::{Constraint, MAX_TEXT_CHARS};

    fn spec(constraint: &str, name: &str) -> FieldSpec {
        FieldSpec {
            friendly_name: "Label".into(),
            constraint: Constraint::new(Some(constraint.into())),
            ..FieldSpec::named(name)
        }
    }

    #[test]
    fn email_fields_take_their_pattern_from_the_constraint() {
        let mut email = form_field(
            &spec(r"b['email'] =~ '^\S+@\S+\.\S+$'", "email"),
            "e".into(),
            String::new(),
            &Tr::english(),
        );
        assert_eq!(email.input_type, "email");
        email.value = "not an address".into();
        assert!(email.check(&Tr::english()).is_none());
        assert_eq!(
            email.error.as_deref(),
            Some("Enter an email address like name@example.com")
        );
        email.value = "a@b.fr".into();
        assert!(email.check(&Tr::english()).is_some() && email.error.is_none());
    }

    #[test]
    fn an_empty_constraint_makes_a_field_optional() {
        let mut optional = form_field(
            &spec("", "comments"),
            "c".into(),
            String::new(),
            &Tr::english(),
        );
        assert!(!optional.required && optional.check(&Tr::english()).is_some());
        let mut required = form_field(
            &spec("b['n'] != null", "n"),
            "n".into(),
            String::new(),
            &Tr::english(),
        );
        assert!(required.check(&Tr::english()).is_none());
        assert_eq!(required.error.as_deref(), Some("Enter the Label"));
    }

    #[test]
    fn enumerations_become_a_select_that_accepts_only_its_choices() {
        let mut kind = form_field(
            &spec("b['is_subassigned'] =~ '^(YES|NO)$'", "is_subassigned"),
            "k".into(),
            String::new(),
            &Tr::english(),
        );
        assert_eq!(
            (kind.input_type, kind.choices.as_slice()),
            ("select", &["YES".to_owned(), "NO".to_owned()][..])
        );
        kind.value = "MAYBE".into();
        assert!(kind.check(&Tr::english()).is_none());
        kind.value = "NO".into();
        assert!(kind.check(&Tr::english()).is_some());
    }

    #[test]
    fn address_sids_accept_a_list_of_sids_in_either_case() {
        let mut sids = form_field(
            &spec("d['address_sids'] != null", "address_sids"),
            "s".into(),
            String::new(),
            &Tr::english(),
        );
        assert_eq!(
            (sids.input_type, sids.label.as_str()),
            ("sids", "Address SID(s)")
        );
        sids.value =
            "AD0123456789abcdef0123456789abcdef, AD0123456789ABCDEF0123456789ABCDEF".into();
        assert!(sids.check(&Tr::english()).is_some());
        sids.value = "AD0123".into();
        assert!(sids.check(&Tr::english()).is_none());
        assert!(sids.error.unwrap().ends_with("not valid: AD0123"));
    }

    #[test]
    fn values_longer_than_the_limit_are_refused() {
        let mut name = form_field(
            &spec("b['n'] != null", "n"),
            "n".into(),
            String::new(),
            &Tr::english(),
        );
        name.value = "x".repeat(MAX_TEXT_CHARS + 1);
        assert!(name.check(&Tr::english()).is_none());
        name.value.pop();
        assert!(name.check(&Tr::english()).is_some());
    }

    #[test]
    fn a_junk_website_is_refused_with_the_fields_name_and_a_bare_domain_gets_https() {
        let mut site = form_field(
            &spec("business['business_website'] != null", "business_website"),
            "w".into(),
            String::new(),
            &Tr::english(),
        );
        assert_eq!((site.input_type, site.max_len), ("url", MAX_TEXT_CHARS));
        site.value = "n/a".into();
        assert!(site.check(&Tr::english()).is_none());
        assert_eq!(
            site.error.as_deref(),
            Some("Enter the Label as a web address, like https://www.example.com")
        );
        // The summary does not repeat the label the message already names.
        assert_eq!(site.summary_message(), site.error);
        site.value = " acme.fr ".into();
        assert_eq!(
            site.check(&Tr::english()).as_deref(),
            Some("https://acme.fr")
        );
    }

    #[test]
    fn a_message_that_does_not_name_its_field_is_labelled_in_the_summary() {
        let mut email = form_field(
            &spec(r"b['email'] =~ '^\S+@\S+\.\S+$'", "email"),
            "e".into(),
            String::new(),
            &Tr::english(),
        );
        email.value = "camille at acme".into();
        assert!(email.check(&Tr::english()).is_none());
        assert_eq!(
            email.summary_message().as_deref(),
            Some("Label: Enter an email address like name@example.com")
        );
    }
}
