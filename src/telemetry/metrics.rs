//! This process's metrics: counters kept in memory ([`Metrics`]: HTTP responses by status
//! class, status callbacks received), the middleware that counts responses, and the
//! Prometheus text exposition (format 0.0.4) of one [`Sample`]. The `/metrics` route that reads
//! the database gauges and serves the text is in the web layer.

use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// This process's counters. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    inner: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    /// Responses by status class: index 0 is 1xx … index 4 is 5xx.
    responses: [AtomicU64; 5],
    webhooks: AtomicU64,
}

impl Metrics {
    /// Counts one HTTP response.
    pub fn record_response(&self, status: StatusCode) {
        let class = usize::from(status.as_u16() / 100).clamp(1, 5) - 1;
        self.inner.responses[class].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one status callback received (before verification).
    pub fn record_webhook(&self) {
        self.inner.webhooks.fetch_add(1, Ordering::Relaxed);
    }

    /// Responses served so far in `class` (1 to 5, as in "2xx").
    pub fn responses(&self, class: usize) -> u64 {
        self.inner.responses[class.clamp(1, 5) - 1].load(Ordering::Relaxed)
    }

    /// Status callbacks received so far.
    pub fn webhooks(&self) -> u64 {
        self.inner.webhooks.load(Ordering::Relaxed)
    }
}

/// Middleware: counts every response by status class.
pub async fn count_responses(
    State(metrics): State<Metrics>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    metrics.record_response(response.status());
    response
}

/// What one scrape reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sample {
    /// HTTP responses per class, 1xx..5xx.
    pub responses: [u64; 5],
    /// Status callbacks received.
    pub webhooks: u64,
    /// Twilio API requests sent (retries included).
    pub twilio_calls: u64,
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

/// The text exposition of `sample`.
pub fn render(sample: &Sample) -> String {
    let mut out = String::new();
    let mut family = |name: &str, kind: &str, help: &str, rows: Vec<(String, String)>| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} {kind}");
        for (labels, value) in rows {
            let _ = writeln!(out, "{name}{labels} {value}");
        }
    };
    let label = |key: &str, value: &str| format!("{{{key}=\"{}\"}}", escape(value));
    family(
        "recomply_http_requests_total",
        "counter",
        "HTTP responses served by this process, by status class.",
        (1..=5)
            .map(|c| {
                (
                    label("status_class", &format!("{c}xx")),
                    sample.responses[c - 1].to_string(),
                )
            })
            .collect(),
    );
    family(
        "recomply_webhooks_received_total",
        "counter",
        "Twilio status callbacks received by this process (verified or not).",
        vec![(String::new(), sample.webhooks.to_string())],
    );
    family(
        "recomply_twilio_api_calls_total",
        "counter",
        "Requests sent to the Twilio API by this process, retries included.",
        vec![(String::new(), sample.twilio_calls.to_string())],
    );
    family(
        "recomply_jobs",
        "gauge",
        "Background jobs in the database, by status.",
        sample
            .jobs
            .iter()
            .map(|(s, n)| (label("status", s), n.to_string()))
            .collect(),
    );
    family(
        "recomply_renewals",
        "gauge",
        "Renewals in the database (all tenants), by state.",
        sample
            .renewals
            .iter()
            .map(|(s, n)| (label("state", s), n.to_string()))
            .collect(),
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

    #[test]
    fn responses_are_counted_by_status_class() {
        let metrics = Metrics::default();
        metrics.record_response(StatusCode::OK);
        metrics.record_response(StatusCode::NO_CONTENT);
        metrics.record_response(StatusCode::SEE_OTHER);
        metrics.record_response(StatusCode::NOT_FOUND);
        assert_eq!(
            [1, 2, 3, 4, 5].map(|c| metrics.responses(c)),
            [0, 2, 1, 1, 0]
        );
    }

    #[test]
    fn the_exposition_has_help_type_and_one_line_per_label() {
        let sample = Sample {
            responses: [0, 3, 0, 1, 0],
            webhooks: 2,
            twilio_calls: 7,
            jobs: with_zeros(
                &["pending", "running", "done", "dead"],
                vec![("dead".into(), 1)],
            ),
            renewals: vec![("needs_\"x\"".into(), 4)],
        };
        let text = render(&sample);
        assert!(text.contains(
            "# TYPE recomply_http_requests_total counter\n\
             recomply_http_requests_total{status_class=\"1xx\"} 0\n\
             recomply_http_requests_total{status_class=\"2xx\"} 3\n"
        ));
        assert!(text.contains("recomply_webhooks_received_total 2\n"));
        assert!(text.contains("recomply_twilio_api_calls_total 7\n"));
        assert!(text.contains("# TYPE recomply_jobs gauge\n"));
        assert!(text.contains("recomply_jobs{status=\"pending\"} 0\n"));
        assert!(text.contains("recomply_jobs{status=\"dead\"} 1\n"));
        assert!(text.contains("recomply_renewals{state=\"needs_\\\"x\\\"\"} 4\n"));
        assert!(text.ends_with('\n'));
    }
}
