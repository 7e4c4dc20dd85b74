//! The printed table: each figure as a ratio to its bound (or to a reference measured in the
//! same run), with its target and whether it was met.

/// Which way a target points.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// The ratio must be at most this.
    AtMost(f64),
    /// The ratio must be below this.
    Below(f64),
    /// The ratio must be at least this.
    AtLeast(f64),
}

impl Target {
    fn met(self, ratio: f64) -> bool {
        match self {
            Self::AtMost(limit) => ratio <= limit,
            Self::Below(limit) => ratio < limit,
            Self::AtLeast(limit) => ratio >= limit,
        }
    }

    fn text(self) -> String {
        match self {
            Self::AtMost(limit) => format!("<= {limit}x"),
            Self::Below(limit) => format!("< {limit}x"),
            Self::AtLeast(limit) => format!(">= {limit}x"),
        }
    }
}

/// One figure.
#[derive(Debug, Clone)]
pub struct Row {
    /// What was measured.
    pub figure: String,
    /// The measurement, with its unit.
    pub measured: String,
    /// What it is divided by, with its unit.
    pub against: String,
    /// measured ÷ against.
    pub ratio: f64,
    /// The target for the ratio.
    pub target: Target,
}

/// The rows so far and notes printed under them.
#[derive(Debug, Default)]
pub struct Report {
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Report {
    /// Adds a row (and echoes it at once, so a long run shows progress).
    pub fn row(&mut self, row: Row) {
        println!(
            "  -> {} = {:.3}x ({})",
            row.figure,
            row.ratio,
            verdict(&row)
        );
        self.rows.push(row);
    }

    /// Adds a note (and echoes it).
    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        println!("  .. {note}");
        self.notes.push(note);
    }

    /// Prints the table (Markdown, so it can be pasted into the docs as it is).
    pub fn print(&self) {
        println!();
        println!("| # | Figure | Measured | Against | Ratio | Target | Verdict |");
        println!("|---|---|---|---|---|---|---|");
        for (i, row) in self.rows.iter().enumerate() {
            println!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                row.figure,
                row.measured,
                row.against,
                ratio(row.ratio),
                row.target.text(),
                verdict(row)
            );
        }
        println!();
        for note in &self.notes {
            println!("- {note}");
        }
        let met = self.rows.iter().filter(|r| r.target.met(r.ratio)).count();
        println!();
        println!("{met} of {} targets met.", self.rows.len());
    }
}

/// A ratio with three significant decimals, more when it is small.
fn ratio(value: f64) -> String {
    if value < 0.01 {
        format!("{value:.4}x")
    } else {
        format!("{value:.3}x")
    }
}

fn verdict(row: &Row) -> &'static str {
    if row.target.met(row.ratio) {
        "MET"
    } else {
        "NOT MET"
    }
}

/// Milliseconds with two decimals.
pub fn ms(duration: std::time::Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

/// Requests per second.
pub fn rps(per_second: f64) -> String {
    format!("{per_second:.0} req/s")
}
