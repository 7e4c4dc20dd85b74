//! Reading an uploaded CSV file (with the `csv` crate): UTF-8 with or without a byte-order
//! mark, CRLF or LF line ends, a header row of known column names (any case), bounded in size
//! and rows. A problem with the file as a whole is a [`FileProblem`]; rows are checked later.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::web::admin::csv::unneutralise;

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// The most rows (below the header) one file may hold.
pub const MAX_ROWS: usize = 5_000;

/// One column a file may (or must) have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its header, as the export writes it.
    pub name: &'static str,
    /// Whether a file without it is refused.
    pub required: bool,
}

/// One data row: its line in the file and its cells by column name (only the file's columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawRow {
    /// 1-based line number in the file (the header is line 1).
    pub line: u64,
    /// Column name → trimmed cell text.
    pub cells: BTreeMap<String, String>,
}

impl RawRow {
    /// The cell of `column`, `None` when the file has no such column.
    pub fn cell(&self, column: &str) -> Option<&str> {
        self.cells.get(column).map(String::as_str)
    }
}

/// What is wrong with the file as a whole (nothing in it is imported).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    /// No file chosen, or an empty one.
    #[error("Choose a CSV file to upload")]
    Empty,
    /// Over [`MAX_FILE_BYTES`].
    #[error("The file is larger than {} MB: split it into smaller files", MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge,
    /// Not UTF-8 text.
    #[error("The file is not CSV text in UTF-8: save it from your spreadsheet as “CSV UTF-8”")]
    NotText,
    /// The CSV structure is broken (a row with another number of cells than the header, …).
    #[error("The file is not readable as CSV: {0}")]
    NotCsv(String),
    /// A header the import does not know.
    #[error("Unknown column “{0}”: the columns are {1}")]
    UnknownColumn(String, String),
    /// A header given twice.
    #[error("The column “{0}” appears twice in the header")]
    DuplicateColumn(String),
    /// A required column is missing.
    #[error("The file has no “{0}” column (the header row must name the columns: {1})")]
    MissingColumn(&'static str, String),
    /// Only a header.
    #[error("The file has no rows below its header")]
    NoRows,
    /// Over [`MAX_ROWS`].
    #[error("The file has more than {MAX_ROWS} rows: split it into smaller files")]
    TooManyRows,
}

/// The rows of `bytes`, whose header must name only `columns` (and every required one).
pub fn read(bytes: &[u8], columns: &[Column]) -> Result<Vec<RawRow>, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(FileProblem::NotText);
    }
    // CRLF read as LF: the reader's line numbers count LF only (and lag a line after a CR).
    let text = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(not_csv)?.clone();
    let names = header_names(&header, columns)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(not_csv)?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let line = record.position().map_or(0, csv::Position::line);
        let cells = names
            .iter()
            .zip(record.iter())
            .map(|(name, cell)| ((*name).to_owned(), unneutralise(cell.trim()).to_owned()))
            .collect();
        rows.push(RawRow { line, cells });
    }
    if rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(rows)
}

/// `a, b, c`: the names of `columns` (in messages and on the upload page).
pub fn column_names(columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known column of each header cell, in order.
fn header_names(
    header: &csv::StringRecord,
    columns: &[Column],
) -> Result<Vec<&'static str>, FileProblem> {
    let all = column_names(columns);
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for cell in header {
        let wanted = cell.trim().to_lowercase();
        let column = columns
            .iter()
            .find(|c| c.name == wanted)
            .ok_or_else(|| FileProblem::UnknownColumn(cell.trim().to_owned(), all.clone()))?;
        if !seen.insert(column.name) {
            return Err(FileProblem::DuplicateColumn(column.name.to_owned()));
        }
        names.push(column.name);
    }
    if let Some(missing) = columns
        .iter()
        .find(|c| c.required && !seen.contains(c.name))
    {
        return Err(FileProblem::MissingColumn(missing.name, all));
    }
    Ok(names)
}

fn not_csv(error: csv::Error) -> FileProblem {
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "line {} has {len} cells where the header has {expected_len}",
            pos.as_ref().map_or(0, csv::Position::line)
        ),
        _ => "its rows could not be split into cells".to_owned(),
    };
    FileProblem::NotCsv(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 3] = [
        Column {
            name: "slug",
            required: true,
        },
        Column {
            name: "name",
            required: true,
        },
        Column {
            name: "note",
            required: false,
        },
    ];

    #[test]
    fn a_bom_crlf_and_capitalised_headers_are_read_and_blank_lines_skipped() {
        let rows = read(
            "\u{feff}Slug,NAME\r\nacme, Acme Ltd \r\n\r\n,\r\nbeta,\"Beta, Inc\"\r\n".as_bytes(),
            &COLUMNS,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].cell("name"), Some("Acme Ltd"));
        assert_eq!(rows[0].cell("note"), None, "a column the file lacks");
        assert_eq!(rows[1].line, 5);
        assert_eq!(rows[1].cell("name"), Some("Beta, Inc"));
    }

    #[test]
    fn cells_the_export_protected_from_spreadsheets_come_back_as_they_were() {
        let rows = read(b"slug,name\nacme,'-Acme\n", &COLUMNS).unwrap();
        assert_eq!(rows[0].cell("name"), Some("-Acme"));
    }

    #[test]
    fn files_with_unknown_missing_or_twice_named_columns_are_refused() {
        assert!(matches!(
            read(b"slug,colour\na,b\n", &COLUMNS),
            Err(FileProblem::UnknownColumn(c, _)) if c == "colour"
        ));
        assert!(matches!(
            read(b"slug,note\na,b\n", &COLUMNS),
            Err(FileProblem::MissingColumn("name", _))
        ));
        assert_eq!(
            read(b"slug,name,Slug\na,b,c\n", &COLUMNS),
            Err(FileProblem::DuplicateColumn("slug".into()))
        );
    }

    #[test]
    fn empty_binary_ragged_and_header_only_files_are_refused() {
        assert_eq!(read(b"", &COLUMNS), Err(FileProblem::Empty));
        assert_eq!(
            read(&[0x89, b'P', b'N', b'G', 0xff, 0x00], &COLUMNS),
            Err(FileProblem::NotText)
        );
        assert!(matches!(
            read(b"slug,name\na,b,c\n", &COLUMNS),
            Err(FileProblem::NotCsv(m)) if m.contains("line 2 has 3 cells")
        ));
        assert_eq!(read(b"slug,name\r\n", &COLUMNS), Err(FileProblem::NoRows));
    }

    #[test]
    fn too_many_rows_or_bytes_are_refused() {
        let mut text = String::from("slug,name\n");
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("t{i},T\n"));
        }
        assert_eq!(
            read(text.as_bytes(), &COLUMNS),
            Err(FileProblem::TooManyRows)
        );
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert_eq!(read(&big, &COLUMNS), Err(FileProblem::TooLarge));
    }
}
