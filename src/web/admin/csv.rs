//! A small RFC 4180 CSV writer for the exports, and the `text/csv` download response.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Builds CSV text row by row.
#[derive(Debug, Default)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    /// A writer whose first line is `header`.
    pub fn with_header(header: &[&str]) -> Self {
        let mut writer = Self::default();
        writer.row(header.iter().copied());
        writer
    }

    /// Appends one record, quoting fields as needed.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&quote(field));
        }
        self.out.push_str("\r\n");
    }

    /// The CSV text.
    pub fn finish(self) -> String {
        self.out
    }
}

/// A field, quoted when it holds a comma, a quote or a line break (quotes doubled). A field
/// a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, so a tenant or bundle name can never execute in the reader's
/// spreadsheet.
pub fn quote(field: &str) -> String {
    let field = neutralise(field);
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// `field` with a leading `'` when a spreadsheet would read it as a formula.
fn neutralise(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// A cell as it was before [`quote`] protected it: the leading `'` that an export put before a
/// formula character is dropped again (how an exported file imports back unchanged).
pub fn unneutralise(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => field,
    }
}

/// A `text/csv` attachment named `filename`.
pub fn download(filename: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_separators_quotes_or_newlines_are_quoted() {
        let mut csv = CsvWriter::with_header(&["a", "b", "c", "d"]);
        csv.row(["plain", "has,comma", "say \"hi\"", "two\nlines"]);
        assert_eq!(
            csv.finish(),
            "a,b,c,d\r\nplain,\"has,comma\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote() {
        let mut csv = CsvWriter::with_header(&["a"]);
        for field in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "a=b",
        ] {
            csv.row([field]);
        }
        assert_eq!(
            csv.finish(),
            "a\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'+1\r\n'-2+3\r\n'@SUM(A1)\r\n'\tx\r\na=b\r\n"
        );
    }
}
