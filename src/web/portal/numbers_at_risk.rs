//! The phone numbers a renewal protects, as the customer reads them: "These 12 numbers stop
//! working on 22 December unless this bundle is updated."

use time::OffsetDateTime;

use crate::db::portal::RenewalRow;
use crate::i18n::Tr;

/// The numbers registered under an open renewal's bundle, and what happens to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumbersAtRisk {
    /// "These 12 numbers stop working on 22 December unless this bundle is updated."
    pub sentence: String,
    /// "Show the 12 numbers".
    pub show_label: String,
    /// Each number, with the ISV's name for it when it has one.
    pub numbers: Vec<NumberLine>,
}

/// One number of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberLine {
    /// E.164.
    pub number: String,
    /// The ISV's name for it, when it is not just the number.
    pub name: Option<String>,
}

impl NumbersAtRisk {
    /// What `row`'s numbers risk: `None` once the renewal is closed or done with the
    /// customer's part, without a deadline, or without numbers.
    pub fn of(row: &RenewalRow, deadline: Option<OffsetDateTime>, tr: &Tr) -> Option<Self> {
        let deadline = deadline?;
        if !row.state.is_open() || row.numbers.is_empty() {
            return None;
        }
        let count = row.numbers.len();
        let numbers = row
            .numbers
            .iter()
            .zip(
                row.number_names
                    .iter()
                    .map(Some)
                    .chain(std::iter::repeat(None)),
            )
            .map(|(number, name)| NumberLine {
                number: number.clone(),
                name: name
                    .filter(|name| !name.trim().is_empty() && !is_same_number(name, number))
                    .cloned(),
            })
            .collect();
        Some(Self {
            sentence: tr.n1("numbers-at-risk", count, "date", tr.date(deadline)),
            show_label: tr.n("numbers-show", count),
            numbers,
        })
    }
}

/// Whether `name` is only `number` formatted (Twilio's default name: `(415) 555-0100`).
fn is_same_number(name: &str, number: &str) -> bool {
    let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    let (name, number) = (digits(name), digits(number));
    !name.is_empty() && number.ends_with(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_is_the_formatted_number_is_not_repeated() {
        assert!(is_same_number("(415) 555-0100", "+14155550100"));
        assert!(is_same_number("+44 1632 960001", "+441632960001"));
        assert!(!is_same_number("Support line", "+441632960001"));
    }
}
