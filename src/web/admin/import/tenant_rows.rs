//! The tenants file: its columns (shared by the export and the import, so an exported file
//! imports back unchanged) and one row parsed into the tenant form's fields.

use super::csv_file::{Column, RawRow};
use crate::db::tenants::Tenant;
use crate::secret::SecretString;
use crate::web::admin::tenants::form::TenantForm;

/// The columns, in export order. Auth tokens are never exported: the column is always blank
/// there, and a blank token keeps an existing tenant's stored credentials.
pub const COLUMNS: [Column; 8] = [
    col("slug", true),
    col("name", true),
    col("display_name", false),
    col("support_email", false),
    col("default_locale", false),
    col("time_zone", false),
    col("account_sid", false),
    col("auth_token", false),
];

/// The `auth_token` cell meaning "take the credentials from the parent account".
pub const FROM_PARENT: &str = "parent";

const fn col(name: &'static str, required: bool) -> Column {
    Column { name, required }
}

/// What the `auth_token` cell says about the credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsCell {
    /// Blank: keep the stored credentials (a new tenant gets none unless an account SID asks
    /// for a token).
    Keep,
    /// A token to store with the row's account SID.
    Token(SecretString),
    /// `parent`: fetch the credentials from the parent account.
    FromParent,
}

impl CredentialsCell {
    /// What the preview says about the credentials (never the token itself).
    pub fn note(&self) -> &'static str {
        match self {
            Self::Keep => "",
            Self::Token(_) => "token provided",
            Self::FromParent => "credentials will be fetched from the parent account",
        }
    }
}

/// One parsed tenants row.
#[derive(Debug, Clone)]
pub struct TenantRow {
    /// Line in the file.
    pub line: u64,
    /// The slug it is matched by (lower-cased).
    pub slug: String,
    /// What the credentials cell says.
    pub credentials: CredentialsCell,
    raw: RawRow,
}

impl TenantRow {
    /// Parses `raw`.
    pub fn parse(raw: &RawRow) -> Self {
        let token = raw.cell("auth_token").unwrap_or_default();
        let credentials = if token.is_empty() {
            CredentialsCell::Keep
        } else if token.eq_ignore_ascii_case(FROM_PARENT) {
            CredentialsCell::FromParent
        } else {
            CredentialsCell::Token(SecretString::new(token))
        };
        Self {
            line: raw.line,
            slug: raw.cell("slug").unwrap_or_default().to_lowercase(),
            credentials,
            raw: raw.clone(),
        }
    }

    /// The tenant form this row fills in: `existing`'s values where the file has no such
    /// column, the file's cells where it has (a blank cell clears an optional value).
    pub fn form(&self, existing: Option<&Tenant>) -> TenantForm {
        let mut form = existing.map(TenantForm::from_tenant).unwrap_or_default();
        let fields: [(&str, &mut String); 7] = [
            ("slug", &mut form.slug),
            ("name", &mut form.name),
            ("display_name", &mut form.display_name),
            ("support_email", &mut form.support_email),
            ("default_locale", &mut form.default_locale),
            ("time_zone", &mut form.time_zone),
            ("account_sid", &mut form.account_sid),
        ];
        for (column, field) in fields {
            if let Some(cell) = self.raw.cell(column) {
                cell.clone_into(field);
            }
        }
        if let CredentialsCell::Token(token) = &self.credentials {
            form.auth_token = token.expose().to_owned();
        }
        form
    }
}

/// A tenant as one export row, in [`COLUMNS`] order (the token blank).
pub fn export_row(tenant: &Tenant) -> [String; 8] {
    let form = TenantForm::from_tenant(tenant);
    [
        form.slug,
        form.name,
        form.display_name,
        form.support_email,
        form.default_locale,
        form.time_zone,
        form.account_sid,
        String::new(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(cells: &[(&str, &str)]) -> RawRow {
        RawRow {
            line: 2,
            cells: cells
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn the_token_cell_is_kept_a_token_or_the_parent_account() {
        let keep = TenantRow::parse(&raw(&[("slug", "Acme"), ("auth_token", "")]));
        assert_eq!(keep.slug, "acme");
        assert_eq!(keep.credentials, CredentialsCell::Keep);
        let parent = TenantRow::parse(&raw(&[("slug", "a"), ("auth_token", "Parent")]));
        assert_eq!(parent.credentials, CredentialsCell::FromParent);
        assert!(parent.credentials.note().contains("parent account"));
        let token = TenantRow::parse(&raw(&[("slug", "a"), ("auth_token", "s3cret")]));
        assert_eq!(token.credentials, CredentialsCell::Token("s3cret".into()));
        assert_eq!(token.credentials.note(), "token provided");
        assert_eq!(token.form(None).auth_token, "s3cret");
    }

    fn tenant() -> Tenant {
        let now = time::OffsetDateTime::now_utc();
        Tenant {
            tenant_id: crate::domain::ids::TenantId::random(),
            name: "Acme".into(),
            slug: "acme".into(),
            twilio_account_sid: None,
            has_credentials: false,
            support_email: Some("help@acme.example".into()),
            display_name: Some("Shown".into()),
            default_locale: crate::i18n::Locale::Fr,
            time_zone: crate::i18n::Zone::utc(),
            callbacks_on_every_bundle: false,
            removed_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn columns_the_file_lacks_keep_the_tenants_values_and_blank_cells_clear_them() {
        let row = TenantRow::parse(&raw(&[
            ("slug", "acme"),
            ("name", "Acme New"),
            ("display_name", ""),
        ]));
        let form = row.form(Some(&tenant()));
        assert_eq!(form.name, "Acme New");
        assert_eq!(form.display_name, "", "a blank cell clears");
        assert_eq!(form.support_email, "help@acme.example", "no column: kept");
        assert_eq!(form.default_locale, "fr");
        assert_eq!(row.form(None).support_email, "");
    }

    #[test]
    fn an_exported_row_parses_back_into_the_same_form() {
        let tenant = tenant();
        let cells = COLUMNS
            .iter()
            .zip(export_row(&tenant))
            .map(|(c, v)| (c.name.to_owned(), v))
            .collect();
        let row = TenantRow::parse(&RawRow { line: 2, cells });
        let (form, stored) = (row.form(None), TenantForm::from_tenant(&tenant));
        assert_eq!(
            (form.name, form.slug, form.display_name, form.support_email),
            (
                stored.name,
                stored.slug,
                stored.display_name,
                stored.support_email
            )
        );
        assert_eq!(row.credentials, CredentialsCell::Keep);
    }
}
