//! What an import will do, row by row: the preview shows it, "Confirm import" applies its steps.

use crate::db::bulk_imports::{ImportCounts, ImportStep};

/// The planned action for one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAction {
    /// A new tenant or user.
    Create,
    /// An existing one, with the fields that change.
    Update(Vec<&'static str>),
    /// Already as the file says.
    Unchanged,
    /// Left out, for this reason.
    Error(String),
}

impl RowAction {
    /// The word in the preview's action column.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Create => "Create",
            Self::Update(_) => "Update",
            Self::Unchanged => "Unchanged",
            Self::Error(_) => "Error",
        }
    }

    /// The badge class of the action.
    pub fn badge(&self) -> &'static str {
        match self {
            Self::Create => "badge-ok",
            Self::Update(_) => "badge-info",
            Self::Unchanged => "",
            Self::Error(_) => "badge-danger",
        }
    }

    /// What changes, or why the row is left out.
    pub fn detail(&self) -> String {
        match self {
            Self::Update(fields) => format!("Changes {}", fields.join(", ")),
            Self::Error(message) => message.clone(),
            Self::Create | Self::Unchanged => String::new(),
        }
    }

    /// Whether the row is left out.
    pub fn is_error(&self) -> bool {
        matches!(self, Self::Error(_))
    }
}

/// One row of the preview (never holding a secret).
#[derive(Debug, Clone)]
pub struct PreviewRow {
    /// The row's line in the file.
    pub line: u64,
    /// What the row is matched by (the slug; `slug / email` for users).
    pub key: String,
    /// A name to recognise it by.
    pub label: String,
    /// About the credentials or language (`token provided`, …), or empty.
    pub note: String,
    /// What happens to it.
    pub action: RowAction,
}

/// The whole plan: a preview row per file row, and the steps applying it takes.
#[derive(Debug, Default)]
pub struct Plan {
    /// Every row, in file order.
    pub rows: Vec<PreviewRow>,
    /// The changes, in file order.
    pub steps: Vec<ImportStep>,
}

impl Plan {
    /// Adds a row and, when it changes something, its step.
    pub fn push(&mut self, row: PreviewRow, step: Option<ImportStep>) {
        if !row.action.is_error() {
            self.steps.extend(step);
        }
        self.rows.push(row);
    }

    /// A digest of every row's planned action: the confirm sends back the one its preview
    /// showed, and nothing is applied when the plan has changed since.
    pub fn fingerprint(&self) -> String {
        use base64::Engine as _;
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for row in &self.rows {
            let line = format!(
                "{}\u{1f}{}\u{1f}{}\u{1e}",
                row.line,
                row.action.label(),
                row.action.detail()
            );
            hash.update(line.as_bytes());
        }
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hash.finalize())
    }

    /// How many rows each action has.
    pub fn counts(&self) -> ImportCounts {
        let mut counts = ImportCounts::default();
        for row in &self.rows {
            match row.action {
                RowAction::Create => counts.created += 1,
                RowAction::Update(_) => counts.updated += 1,
                RowAction::Unchanged => counts.unchanged += 1,
                RowAction::Error(_) => counts.skipped += 1,
            }
        }
        counts
    }
}

/// Form-style errors as one message: `column: message; column: message`.
pub fn joined(errors: &crate::web::admin::form::FormErrors) -> String {
    errors
        .iter()
        .map(|(field, message)| format!("{field}: {message}"))
        .collect::<Vec<_>>()
        .join("; ")
}
