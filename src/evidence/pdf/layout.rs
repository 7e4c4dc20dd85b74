//! Flowing content down A4 pages: headings, paragraphs, label/value lists and tables whose
//! rows never run off a page (a table's head is repeated on each new page). The result is a
//! list of pages of drawing operations; [`super::paint`] turns them into the PDF.

use super::fonts::Face;
use super::wrap::wrap;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margin.
pub const MARGIN: f32 = 42.0;
const TOP: f32 = 54.0;
/// Where content stops (the footer is below).
pub const BOTTOM: f32 = PAGE_HEIGHT - 56.0;
/// The width content may use.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const CELL_PAD: f32 = 3.0;
/// A cell longer than this many lines is cut (its full text is in the JSON pack).
const MAX_CELL_LINES: usize = 40;

/// One drawing operation; `y` is the text baseline, from the page's top.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A line of text.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Grey level, 0 (black) to 255.
        grey: u8,
        /// The text.
        text: String,
    },
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Grey level.
        grey: u8,
    },
}

/// A table column: its head, share of the width, and face.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Head text.
    pub head: &'static str,
    /// Share of the content width (the shares of a table add up to 1).
    pub share: f32,
    /// Face of its cells.
    pub face: Face,
}

/// Pages being filled.
#[derive(Debug)]
pub struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Self::new()
    }
}

impl Layout {
    /// One empty page.
    pub fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// The pages laid out so far.
    pub fn into_pages(self) -> Vec<Vec<Op>> {
        self.pages
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a layout always has a page")
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Breaks the page unless `height` more points fit.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.page_break();
        }
    }

    /// Vertical space.
    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Wrapped text at `size` in `face`, indented by `indent`.
    pub fn text(&mut self, text: &str, face: Face, size: f32, indent: f32) {
        let line_height = size * 1.3;
        for line in wrap(text, face, size, CONTENT_WIDTH - indent) {
            self.ensure(line_height);
            self.y += size;
            let y = self.y;
            self.ops().push(Op::Text {
                x: MARGIN + indent,
                y,
                face,
                size,
                grey: 0,
                text: line,
            });
            self.y += line_height - size;
        }
    }

    /// A heading with a rule under it, kept with at least `keep` points of what follows.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) {
        self.ensure(size * 2.0 + keep);
        self.gap(size * 0.6);
        self.text(text, Face::Bold, size, 0.0);
        let y = self.y;
        self.ops().push(Op::Rect {
            x: MARGIN,
            y,
            w: CONTENT_WIDTH,
            h: 0.6,
            grey: 160,
        });
        self.gap(size * 0.5);
    }

    /// Label/value lines: labels in a narrow bold column, values wrapped beside them.
    pub fn pairs(&mut self, pairs: &[(&str, String)]) {
        let size = 9.0;
        let label_width = 118.0;
        for (label, value) in pairs {
            let lines = wrap(value, Face::Regular, size, CONTENT_WIDTH - label_width);
            self.ensure(size * 1.35 * lines.len() as f32);
            let top = self.y;
            self.push_line(MARGIN, top + size, Face::Bold, size, 90, label);
            for (index, line) in lines.iter().enumerate() {
                let y = top + size + index as f32 * size * 1.35;
                self.push_line(MARGIN + label_width, y, Face::Regular, size, 0, line);
            }
            self.y = top + size * 1.35 * lines.len() as f32;
        }
    }

    fn push_line(&mut self, x: f32, y: f32, face: Face, size: f32, grey: u8, text: &str) {
        self.ops().push(Op::Text {
            x,
            y,
            face,
            size,
            grey,
            text: text.to_owned(),
        });
    }

    /// A table; `rows` hold one text per column. Rows stay whole on one page.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let size = 7.5;
        let heads: Vec<String> = columns.iter().map(|c| c.head.to_owned()).collect();
        let head_columns: Vec<Column> = columns
            .iter()
            .map(|c| Column {
                face: Face::Bold,
                ..*c
            })
            .collect();
        let head_height = self.row_height(&head_columns, &heads, size);
        let mut need_head = true;
        for (index, row) in rows.iter().enumerate() {
            let height = self.row_height(columns, row, size);
            if self.y + height + if need_head { head_height } else { 0.0 } > BOTTOM {
                self.page_break();
                need_head = true;
            }
            if need_head {
                self.row(&head_columns, &heads, size, Some(220));
                need_head = false;
            }
            self.row(columns, row, size, (index % 2 == 1).then_some(244));
        }
        if rows.is_empty() {
            self.text("None.", Face::Regular, 8.5, 0.0);
        }
        self.gap(6.0);
    }

    fn cell_lines(column: &Column, text: &str, size: f32) -> Vec<String> {
        let width = column.share * CONTENT_WIDTH - 2.0 * CELL_PAD;
        let mut lines = wrap(text, column.face, size, width);
        if lines.len() > MAX_CELL_LINES {
            lines.truncate(MAX_CELL_LINES);
            lines.push("… (the JSON pack has the rest)".to_owned());
        }
        lines
    }

    fn row_height(&self, columns: &[Column], cells: &[String], size: f32) -> f32 {
        let lines = columns
            .iter()
            .zip(cells)
            .map(|(column, text)| Self::cell_lines(column, text, size).len())
            .max()
            .unwrap_or(1);
        lines as f32 * size * 1.3 + 2.0 * CELL_PAD
    }

    fn row(&mut self, columns: &[Column], cells: &[String], size: f32, shade: Option<u8>) {
        let height = self.row_height(columns, cells, size);
        let top = self.y;
        if let Some(grey) = shade {
            self.ops().push(Op::Rect {
                x: MARGIN,
                y: top,
                w: CONTENT_WIDTH,
                h: height,
                grey,
            });
        }
        let mut x = MARGIN;
        for (column, text) in columns.iter().zip(cells) {
            for (index, line) in Self::cell_lines(column, text, size).iter().enumerate() {
                let y = top + CELL_PAD + size + index as f32 * size * 1.3;
                self.push_line(x + CELL_PAD, y, column.face, size, 0, line);
            }
            x += column.share * CONTENT_WIDTH;
        }
        self.y = top + height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(op: &Op) -> Option<(f32, f32, f32)> {
        match op {
            Op::Text {
                x,
                y,
                face,
                size,
                text,
                ..
            } => Some((*x, *y, x + face.width(*size, text))),
            Op::Rect { .. } => None,
        }
    }

    #[test]
    fn a_long_table_flows_onto_new_pages_and_nothing_leaves_the_page() {
        let columns = [
            Column {
                head: "Time",
                share: 0.2,
                face: Face::Regular,
            },
            Column {
                head: "Details",
                share: 0.5,
                face: Face::Regular,
            },
            Column {
                head: "Hash",
                share: 0.3,
                face: Face::Mono,
            },
        ];
        let long = "word ".repeat(60);
        let rows: Vec<Vec<String>> = (0..80)
            .map(|n| vec![format!("row {n}"), long.clone(), "f".repeat(64)])
            .collect();
        let mut layout = Layout::new();
        layout.table(&columns, &rows);
        let pages = layout.into_pages();
        assert!(pages.len() > 3, "{} pages", pages.len());
        for page in &pages {
            for (x, y, right) in page.iter().filter_map(texts) {
                assert!(
                    x >= MARGIN && right <= PAGE_WIDTH - MARGIN + 0.5,
                    "{x}..{right}"
                );
                assert!(y > 0.0 && y <= BOTTOM, "{y}");
            }
            let heads = page
                .iter()
                .filter(|op| matches!(op, Op::Text { text, .. } if text == "Hash"))
                .count();
            assert_eq!(heads, 1, "each page repeats the table head once");
        }
    }
}
