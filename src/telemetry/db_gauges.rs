//! The gauges read from Postgres at scrape time (jobs by status, renewals by state), rendered
//! beside the recorder's output. They describe the shared database, not this process, so they
//! are not kept in the process-wide recorder: every instance reports the same values, and two
//! apps of one test process on two databases cannot overwrite each other's.

use std::fmt::Write;

/// What one scrape read from the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DbSample {
    /// Jobs per status.
    pub jobs: Vec<(String, i64)>,
    /// Renewals per state.
    pub renewals: Vec<(String, i64)>,
}

/// Every known label (0 when absent), then any unknown one the database returned.
pub fn with_zeros(known: &[&str], counts: Vec<(String, i64)>) -> Vec<(String, i64)> {
    let mut all: Vec<(String, i64)> = known.iter().map(|k| (k.to_string(), 0)).collect();
    for (label, count) in counts {
        match all.iter_mut().find(|(k, _)| *k == label) {
            Some(entry) => entry.1 = count,
            None => all.push((label, count)),
        }
    }
    all
}

/// The text exposition (format 0.0.4) of `sample`.
pub fn render(sample: &DbSample) -> String {
    let mut out = String::new();
    let mut family = |name: &str, help: &str, key: &str, rows: &[(String, i64)]| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (label, value) in rows {
            let _ = writeln!(out, "{name}{{{key}=\"{}\"}} {value}", escape(label));
        }
    };
    family(
        "recomply_jobs",
        "Background jobs in the database, by status.",
        "status",
        &sample.jobs,
    );
    family(
        "recomply_renewals",
        "Renewals in the database (all tenants), by state.",
        "state",
        &sample.renewals,
    );
    out
}

/// Label values escape backslash, double quote and newline.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::job_status::JobStatus;

    #[test]
    fn every_known_label_is_reported_and_values_are_escaped() {
        let sample = DbSample {
            jobs: with_zeros(
                &JobStatus::ALL
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>(),
                vec![(JobStatus::Dead.as_str().into(), 1)],
            ),
            renewals: vec![("needs_\"x\"".into(), 4)],
        };
        let text = render(&sample);
        assert!(text.contains("# TYPE recomply_jobs gauge\n"));
        assert!(text.contains("recomply_jobs{status=\"pending\"} 0\n"));
        assert!(text.contains("recomply_jobs{status=\"dead\"} 1\n"));
        assert!(text.contains("recomply_renewals{state=\"needs_\\\"x\\\"\"} 4\n"));
        assert!(text.ends_with('\n'));
    }
}
