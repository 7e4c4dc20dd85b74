//! A field's constraint, kept as the text Twilio wrote (`IncludeConstraints=true`), and what a
//! form can learn from it: whether the field is required, the pattern a value must match, and
//! the values to choose from when the pattern is an enumeration.

use serde::{Deserialize, Serialize};

/// The constraint of one regulation field, e.g. `business['email'] =~ '^\S+@\S+\.\S+$'`.
///
/// No constraint at all (regulations read without constraints) is not the same as an empty
/// one: an empty constraint marks an optional field, a missing one is treated as required,
/// as Twilio reports such fields missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Constraint(Option<String>);

impl Constraint {
    /// The constraint with `text`, or none.
    pub fn new(text: Option<String>) -> Self {
        Self(text)
    }

    /// The text as Twilio wrote it, if there was one.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// Whether a value must be given.
    pub fn is_required(&self) -> bool {
        !matches!(self.text(), Some(text) if text.trim().is_empty())
    }

    /// The regular expression of an `x['f'] =~ '…'` constraint.
    pub fn pattern(&self) -> Option<String> {
        let text = self.text()?;
        let start = text.find("=~")?;
        let rest = text[start + 2..].trim_start().strip_prefix('\'')?;
        let end = rest.rfind('\'')?;
        Some(rest[..end].to_owned())
    }

    /// [`Constraint::pattern`] compiled (once per process; `None` also when it does not compile).
    pub fn compiled_pattern(&self) -> Option<std::sync::Arc<regex::Regex>> {
        self.pattern().as_deref().and_then(super::compiled)
    }

    /// The allowed values when the pattern is an enumeration (`^(A|B|C)$`); none otherwise.
    pub fn choices(&self) -> Vec<String> {
        self.pattern()
            .as_deref()
            .map(enumeration)
            .unwrap_or_default()
    }

    /// Whether the value must equal the End-User's (`doc['f'] == business['f']`).
    pub fn must_match_end_user(&self) -> bool {
        self.text().is_some_and(|text| text.contains("=="))
    }
}

/// `^(A|B|C)$` → [A, B, C]; anything else (or an alternative that is not plain words) → none.
fn enumeration(pattern: &str) -> Vec<String> {
    let Some(inner) = pattern
        .strip_prefix("^(")
        .and_then(|p| p.strip_suffix(")$"))
    else {
        return Vec::new();
    };
    let options: Vec<String> = inner.split('|').map(str::to_owned).collect();
    let plain = |option: &String| {
        !option.is_empty()
            && option
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_: -".contains(c))
    };
    if options.iter().all(plain) {
        options
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraint(text: &str) -> Constraint {
        Constraint::new(Some(text.to_owned()))
    }

    #[test]
    fn the_pattern_is_the_quoted_regex_after_the_match_operator() {
        let email = constraint(r"business['email'] =~ '^\S+@\S+\.\S+$'");
        assert_eq!(email.pattern().as_deref(), Some(r"^\S+@\S+\.\S+$"));
        assert_eq!(constraint("business['x'] != null").pattern(), None);
        assert_eq!(Constraint::default().pattern(), None);
    }

    #[test]
    fn enumerations_become_choices_and_other_patterns_do_not() {
        let kinds = constraint("business['is_subassigned'] =~ '^(YES|NO)$'");
        assert_eq!(kinds.choices(), ["YES", "NO"]);
        assert!(
            constraint(r"b['phone'] =~ '^\+[1-9]\d{1,14}$'")
                .choices()
                .is_empty()
        );
        assert!(constraint(r"b['x'] =~ '^(a.b|c)$'").choices().is_empty());
    }

    #[test]
    fn an_empty_constraint_is_optional_and_a_missing_one_required() {
        assert!(!constraint("  ").is_required());
        assert!(Constraint::default().is_required());
        assert!(constraint("b['name'] != null").is_required());
    }

    #[test]
    fn equality_with_the_end_user_is_recognised() {
        let same = constraint("doc['name'] != null && doc['name'] == business['name']");
        assert!(same.must_match_end_user());
        assert!(!constraint("doc['name'] != null").must_match_end_user());
    }
}
