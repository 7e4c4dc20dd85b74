//! One input of the renewal form: made from a regulation field (its label, description and
//! constraint decide the input type, choices and pattern), and checked against those rules.

use regex::Regex;

use super::view::FormField;
use crate::domain::requirements::FieldSpec;
use crate::domain::sid::AddressSid;
use crate::domain::storable_text;
use crate::i18n::Tr;

/// Default longest accepted field value.
const MAX_FIELD_CHARS: usize = 255;

impl FormField {
    /// Checks the value against the field's rules; sets the message and returns false if bad.
    pub(super) fn check(&mut self, tr: &Tr) -> bool {
        self.error = self.problem(tr);
        self.error.is_none()
    }

    /// What is wrong with the value, in words for the customer.
    fn problem(&self, tr: &Tr) -> Option<String> {
        let value = self.value.trim();
        if value.is_empty() {
            return self
                .required
                .then(|| tr.t1("field-error-required", "label", &self.label));
        }
        if !storable_text::is_storable(value) {
            return Some(tr.t("field-error-control-character"));
        }
        if value.chars().count() > self.max_len {
            return Some(tr.t2(
                "field-error-too-long",
                "label",
                &self.label,
                "max",
                self.max_len,
            ));
        }
        if self.input_type == "sids" {
            let bad: Vec<&str> = value
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .filter(|s| AddressSid::parse(s).is_err())
                .collect();
            if !bad.is_empty() {
                return Some(tr.t1("field-error-address-sids", "bad", bad.join(", ")));
            }
            return None;
        }
        if !self.choices.is_empty() {
            return (!self.choices.iter().any(|c| c == value))
                .then(|| tr.t1("field-error-choice", "label", &self.label));
        }
        if let Some(pattern) = &self.pattern
            && !pattern.is_match(value)
        {
            return Some(match self.input_type {
                "email" => tr.t("field-error-email"),
                "tel" => tr.t("field-error-phone"),
                _ => tr.t1("field-error-format", "label", &self.label),
            });
        }
        None
    }
}

/// An input for `spec` named `name`, showing `current`.
pub(super) fn form_field(spec: &FieldSpec, name: String, current: String, tr: &Tr) -> FormField {
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
        let extra = tr.t("field-address-sids-hint");
        hint = if hint.is_empty() {
            extra
        } else {
            format!("{hint} {extra}")
        };
    }
    FormField {
        id: format!("f-{}", name.replace(['.', ':'], "-")),
        name,
        label: if input_type == "sids" {
            tr.t("field-address-sids-label")
        } else {
            spec.friendly_name.clone()
        },
        hint,
        value: current.clone(),
        initial: current.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::requirements::Constraint;

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
        assert!(!email.check(&Tr::english()));
        assert_eq!(
            email.error.as_deref(),
            Some("Enter an email address like name@example.com")
        );
        email.value = "a@b.fr".into();
        assert!(email.check(&Tr::english()) && email.error.is_none());
    }

    #[test]
    fn an_empty_constraint_makes_a_field_optional() {
        let mut optional = form_field(
            &spec("", "comments"),
            "c".into(),
            String::new(),
            &Tr::english(),
        );
        assert!(!optional.required && optional.check(&Tr::english()));
        let mut required = form_field(
            &spec("b['n'] != null", "n"),
            "n".into(),
            String::new(),
            &Tr::english(),
        );
        assert!(!required.check(&Tr::english()));
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
        assert!(!kind.check(&Tr::english()));
        kind.value = "NO".into();
        assert!(kind.check(&Tr::english()));
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
        assert!(sids.check(&Tr::english()));
        sids.value = "AD0123".into();
        assert!(!sids.check(&Tr::english()));
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
        name.value = "x".repeat(MAX_FIELD_CHARS + 1);
        assert!(!name.check(&Tr::english()));
        name.value.pop();
        assert!(name.check(&Tr::english()));
    }
}
