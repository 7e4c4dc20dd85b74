//! What kind of value a regulation field holds (a web address, an email address, a phone
//! number, a date, one of a list, Address SIDs, or free text), read from its machine name,
//! label and constraint, and the check a value of that kind must pass before it is sent to
//! Twilio. Twilio's constraints only say "present" for most fields (`business_website` is
//! `!= null`), so a junk website would pass its check and cost a review round: the kind is
//! what lets the form refuse it.

use regex::Regex;
use time::{Date, Month};
use url::Url;

use super::FieldSpec;
use crate::domain::email_address::EmailAddress;
use crate::domain::sid::AddressSid;

/// Longest free-text value accepted.
pub const MAX_TEXT_CHARS: usize = 255;

/// E.164, as Twilio's phone constraints write it.
const E164: &str = r"^\+[1-9]\d{1,14}$";

/// The kind of one field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Anything storable.
    Text,
    /// `name@example.com`.
    Email,
    /// International format (E.164).
    Phone,
    /// A public web address (a bare domain is given `https://`).
    Url,
    /// A calendar date, `YYYY-MM-DD` (what `<input type=date>` sends).
    Date {
        /// A birth or issue date: today at the latest.
        not_after_today: bool,
    },
    /// One of the constraint's values.
    Choice(Vec<String>),
    /// Twilio Address SIDs, separated by commas or spaces.
    AddressSids,
}

/// Why a value is not of its field's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatProblem {
    /// Not an email address.
    Email,
    /// Not a phone number in international format.
    Phone,
    /// Not a web address.
    Url,
    /// Not a real date.
    Date,
    /// A date after today where that cannot be.
    DateInFuture,
    /// Not one of the choices.
    Choice,
    /// These parts are not Address SIDs.
    AddressSids(Vec<String>),
    /// Does not match the constraint's pattern.
    Pattern,
}

impl FieldKind {
    /// The kind of `spec`'s value: from its constraint (an enumeration, an email or E.164
    /// pattern) and otherwise from the words of its machine name and label.
    pub fn of(spec: &FieldSpec) -> Self {
        let machine = spec.machine_name.to_lowercase();
        let words: Vec<&str> = machine.split('_').collect();
        let label = spec.friendly_name.to_lowercase();
        let pattern = spec.constraint.pattern().unwrap_or_default();
        let choices = spec.constraint.choices();
        if machine == "address_sids" {
            Self::AddressSids
        } else if !choices.is_empty() {
            Self::Choice(choices)
        } else if words.contains(&"email") || pattern.contains('@') {
            Self::Email
        } else if words.contains(&"phone") || pattern.starts_with(r"^\+") {
            Self::Phone
        } else if words.iter().any(|w| ["website", "url", "web"].contains(w))
            || label.contains("website")
        {
            Self::Url
        } else if words.contains(&"date") || words.contains(&"birthdate") {
            Self::Date {
                not_after_today: words
                    .iter()
                    .any(|w| ["birth", "birthdate", "issue"].contains(w)),
            }
        } else {
            Self::Text
        }
    }

    /// The `type` of its `<input>` (`select` for a list).
    pub fn html_type(&self) -> &'static str {
        match self {
            Self::Text | Self::AddressSids => "text",
            Self::Email => "email",
            Self::Phone => "tel",
            Self::Url => "url",
            Self::Date { .. } => "date",
            Self::Choice(_) => "select",
        }
    }

    /// The longest value accepted (also the input's `maxlength`).
    pub fn max_len(&self) -> usize {
        match self {
            Self::Email => crate::domain::email_address::MAX_LEN,
            // E.164 is at most 16 characters; room for the spaces people type in.
            Self::Phone => 24,
            Self::Date { .. } => 10,
            Self::AddressSids => 1000,
            Self::Text | Self::Url | Self::Choice(_) => MAX_TEXT_CHARS,
        }
    }

    /// The value to send to Twilio, or why `value` (trimmed, non-empty) is not of this kind.
    /// `pattern` is the constraint's own pattern; `today` bounds birth and issue dates.
    pub fn check(
        &self,
        value: &str,
        pattern: Option<&Regex>,
        today: Date,
    ) -> Result<String, FormatProblem> {
        let matches = |text: &str| pattern.is_none_or(|p| p.is_match(text));
        match self {
            Self::Text => matches(value)
                .then(|| value.to_owned())
                .ok_or(FormatProblem::Pattern),
            Self::Email => (EmailAddress::parse(value).is_ok() && matches(value))
                .then(|| value.to_owned())
                .ok_or(FormatProblem::Email),
            Self::Phone => {
                let compact: String = value
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
                    .collect();
                let e164 = super::compiled(E164).is_some_and(|r| r.is_match(&compact));
                (e164 && matches(&compact))
                    .then_some(compact)
                    .ok_or(FormatProblem::Phone)
            }
            Self::Url => web_address(value)
                .filter(|url| matches(url))
                .ok_or(FormatProblem::Url),
            Self::Date { not_after_today } => {
                let date = parse_date(value).ok_or(FormatProblem::Date)?;
                if *not_after_today && date > today {
                    return Err(FormatProblem::DateInFuture);
                }
                Ok(value.to_owned())
            }
            Self::Choice(choices) => choices
                .iter()
                .find(|c| *c == value)
                .cloned()
                .ok_or(FormatProblem::Choice),
            Self::AddressSids => {
                let bad: Vec<String> = value
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .filter(|s| AddressSid::parse(s).is_err())
                    .map(str::to_owned)
                    .collect();
                if bad.is_empty() {
                    Ok(value.to_owned())
                } else {
                    Err(FormatProblem::AddressSids(bad))
                }
            }
        }
    }
}

/// `value` as a public `http(s)` address (`acme.fr` becomes `https://acme.fr`): a host name
/// with a dot and a top-level domain of letters; none for anything else (`n/a`, `localhost`,
/// an address with spaces or a user name, `mailto:`…).
fn web_address(value: &str) -> Option<String> {
    if value.chars().any(char::is_whitespace) {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    let text = if lower.starts_with("http://") || lower.starts_with("https://") {
        value.to_owned()
    } else if value.contains("://") {
        return None;
    } else {
        format!("https://{value}")
    };
    let url = Url::parse(&text).ok()?;
    if !url.username().is_empty() || url.password().is_some() {
        // `mailto:a@b.fr` read as a user name at b.fr; no website has one.
        return None;
    }
    let host = url.host_str()?;
    let tld = host.trim_end_matches('.').rsplit('.').next()?;
    let named = host.contains('.')
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_alphabetic() || c == '-')
        && !tld.starts_with('-');
    named.then_some(text)
}

/// `YYYY-MM-DD`, a real calendar date.
fn parse_date(value: &str) -> Option<Date> {
    let mut parts = value.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::requirements::Constraint;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 02);

    fn spec(machine: &str, label: &str, constraint: &str) -> FieldSpec {
        FieldSpec {
            friendly_name: label.into(),
            constraint: Constraint::new(Some(constraint.into())),
            ..FieldSpec::named(machine)
        }
    }

    fn kind(machine: &str) -> FieldKind {
        FieldKind::of(&spec(machine, "", &format!("x['{machine}'] != null")))
    }

    #[test]
    fn the_kind_comes_from_the_constraint_or_the_field_name() {
        assert_eq!(kind("business_website"), FieldKind::Url);
        assert_eq!(kind("email"), FieldKind::Email);
        assert_eq!(kind("phone_number"), FieldKind::Phone);
        assert_eq!(
            kind("birth_date"),
            FieldKind::Date {
                not_after_today: true
            }
        );
        assert_eq!(
            kind("expiration_date"),
            FieldKind::Date {
                not_after_today: false
            }
        );
        assert_eq!(kind("business_name"), FieldKind::Text);
        assert_eq!(kind("address_sids"), FieldKind::AddressSids);
        let contact = spec("contact", "Contact", r"x['contact'] =~ '^\S+@\S+\.\S+$'");
        assert_eq!(FieldKind::of(&contact), FieldKind::Email);
        let site = spec("homepage", "Company Website", "x['homepage'] != null");
        assert_eq!(FieldKind::of(&site), FieldKind::Url);
        let yes_no = spec("is_subassigned", "", "x['is_subassigned'] =~ '^(YES|NO)$'");
        assert_eq!(FieldKind::of(&yes_no).html_type(), "select");
    }

    #[test]
    fn junk_web_addresses_are_refused_and_bare_domains_get_https() {
        for junk in [
            "n/a",
            "none",
            "asdf",
            "http://localhost",
            "acme",
            "www.acme .fr",
            "mailto:a@b.fr",
            "ftp://acme.fr",
            "https://acme.123",
        ] {
            assert_eq!(
                FieldKind::Url.check(junk, None, TODAY),
                Err(FormatProblem::Url),
                "{junk}"
            );
        }
        assert_eq!(
            FieldKind::Url.check("www.acme.fr", None, TODAY).as_deref(),
            Ok("https://www.acme.fr")
        );
        assert_eq!(
            FieldKind::Url
                .check("https://facebook.com/acme", None, TODAY)
                .as_deref(),
            Ok("https://facebook.com/acme")
        );
    }

    #[test]
    fn phone_numbers_must_be_international_and_lose_their_spaces() {
        assert_eq!(
            FieldKind::Phone
                .check("+33 6 12 34 56 78", None, TODAY)
                .as_deref(),
            Ok("+33612345678")
        );
        assert_eq!(
            FieldKind::Phone.check("06 12 34 56 78", None, TODAY),
            Err(FormatProblem::Phone)
        );
    }

    #[test]
    fn emails_must_be_addresses_and_match_the_constraint() {
        let pattern = Regex::new(r"^\S+@\S+\.\S+$").unwrap();
        assert!(
            FieldKind::Email
                .check("a@b.fr", Some(&pattern), TODAY)
                .is_ok()
        );
        assert_eq!(
            FieldKind::Email.check("camille at acme", Some(&pattern), TODAY),
            Err(FormatProblem::Email)
        );
        assert_eq!(
            FieldKind::Email.check("a@localhost", Some(&pattern), TODAY),
            Err(FormatProblem::Email)
        );
    }

    #[test]
    fn dates_must_be_real_and_birth_dates_not_in_the_future() {
        let birth = kind("birth_date");
        assert!(birth.check("1980-02-29", None, TODAY).is_ok());
        assert_eq!(
            birth.check("1981-02-29", None, TODAY),
            Err(FormatProblem::Date)
        );
        assert_eq!(
            birth.check("12/03/1980", None, TODAY),
            Err(FormatProblem::Date)
        );
        assert_eq!(
            birth.check("2030-01-01", None, TODAY),
            Err(FormatProblem::DateInFuture)
        );
        assert!(kind("expiry_date").check("2030-01-01", None, TODAY).is_ok());
    }

    #[test]
    fn choices_and_address_sids_accept_only_their_values() {
        let choice = FieldKind::Choice(vec!["YES".into(), "NO".into()]);
        assert!(choice.check("NO", None, TODAY).is_ok());
        assert_eq!(
            choice.check("MAYBE", None, TODAY),
            Err(FormatProblem::Choice)
        );
        assert_eq!(
            FieldKind::AddressSids.check("AD123, office", None, TODAY),
            Err(FormatProblem::AddressSids(vec![
                "AD123".into(),
                "office".into()
            ]))
        );
    }

    #[test]
    fn each_kind_has_its_input_type_and_length() {
        assert_eq!(FieldKind::Url.html_type(), "url");
        assert_eq!(kind("birth_date").html_type(), "date");
        assert_eq!(FieldKind::Email.max_len(), 254);
        assert_eq!(FieldKind::Text.max_len(), MAX_TEXT_CHARS);
    }
}
