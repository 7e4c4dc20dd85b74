//! The users file: its columns (shared by the users export and the import) and one row
//! checked with the "add a user" form's rules.

use super::csv_file::{Column, RawRow};
use crate::db::users::UserRecord;
use crate::i18n::Locale;
use crate::web::admin::form::{self, FormErrors};

/// The columns, in export order.
pub const COLUMNS: [Column; 4] = [
    Column {
        name: "tenant",
        required: true,
    },
    Column {
        name: "email",
        required: true,
    },
    Column {
        name: "name",
        required: false,
    },
    Column {
        name: "language",
        required: false,
    },
];

/// One checked users row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// Line in the file.
    pub line: u64,
    /// The tenant's slug (lower-cased).
    pub tenant: String,
    /// The normalised address.
    pub email: String,
    /// The display name; `None` when the file has no name column.
    pub name: Option<String>,
    /// The chosen language; `None` when blank (an existing user's choice is kept).
    pub locale: Option<Locale>,
}

impl UserRow {
    /// Parses and checks `raw`, with messages keyed by column.
    pub fn parse(raw: &RawRow, errors: &mut FormErrors) -> Self {
        let tenant = raw.cell("tenant").unwrap_or_default().to_lowercase();
        if tenant.is_empty() {
            errors.add("tenant", "Enter the tenant's slug");
        }
        let email = form::email(errors, "email", raw.cell("email").unwrap_or_default());
        let name = raw.cell("name").map(str::to_owned);
        if name.as_ref().is_some_and(|n| n.chars().count() > 200) {
            errors.add("name", "Use at most 200 characters");
        }
        let code = raw.cell("language").unwrap_or_default();
        let locale = if code.is_empty() {
            None
        } else {
            code.to_lowercase().parse().map(Some).unwrap_or_else(|_| {
                let codes: Vec<_> = Locale::ALL.iter().map(|l| l.code()).collect();
                errors.add("language", format!("Use one of {}", codes.join(", ")));
                None
            })
        };
        Self {
            line: raw.line,
            tenant,
            email,
            name,
            locale,
        }
    }
}

/// A user as one export row, in [`COLUMNS`] order.
pub fn export_row(user: &UserRecord) -> [String; 4] {
    [
        user.tenant_slug.clone(),
        user.email.clone(),
        user.name.clone(),
        user.locale.map(|l| l.code().to_owned()).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(cells: &[(&str, &str)]) -> (UserRow, FormErrors) {
        let raw = RawRow {
            line: 3,
            cells: cells
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        };
        let mut errors = FormErrors::new();
        (UserRow::parse(&raw, &mut errors), errors)
    }

    #[test]
    fn a_good_row_is_normalised() {
        let (row, errors) = parse(&[
            ("tenant", "Acme"),
            ("email", " Ann@Acme.Example "),
            ("name", "Ann"),
            ("language", "FR"),
        ]);
        assert!(errors.is_empty());
        assert_eq!(row.tenant, "acme");
        assert_eq!(row.email, "ann@acme.example");
        assert_eq!(row.name.as_deref(), Some("Ann"));
        assert_eq!(row.locale, Some(Locale::Fr));
    }

    #[test]
    fn bad_cells_get_messages_by_column_and_a_blank_language_is_none() {
        let (row, errors) = parse(&[
            ("tenant", ""),
            ("email", "not-an-address"),
            ("language", "xx"),
        ]);
        assert!(errors.get("tenant").is_some());
        assert!(errors.get("email").unwrap().contains("correct format"));
        assert!(errors.get("language").unwrap().contains("en"));
        assert_eq!(row.name, None, "no name column");
        let (row, _) = parse(&[("tenant", "a"), ("email", "a@b.example"), ("language", "")]);
        assert_eq!(row.locale, None);
    }
}
