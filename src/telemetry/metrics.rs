//! This process's metrics, through the `metrics` facade into one Prometheus recorder
//! (`metrics-exporter-prometheus`), installed once per process (`serve`, `worker`, and a test
//! binary that runs many apps: they all share it, so tests assert on increases, never totals).
//!
//! The names are here, with what records them: HTTP responses ([`super::http_metrics`]),
//! Twilio calls ([`record_twilio_request`], [`record_twilio_call`]), status callbacks
//! ([`Metrics::record_webhook`] and friends) and jobs ([`record_job`]). The database gauges
//! read at scrape time are in [`super::db_gauges`].

use std::sync::OnceLock;
use std::time::Duration;

use metrics::{counter, describe_counter, describe_histogram, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// HTTP responses served, by `status_class` (`1xx`..`5xx`).
pub const HTTP_REQUESTS: &str = "recomply_http_requests_total";
/// Seconds from request to response head, by `route` template, `method` and `status_class`.
pub const HTTP_DURATION: &str = "recomply_http_request_duration_seconds";
/// Status callbacks received (verified or not).
pub const WEBHOOKS_RECEIVED: &str = "recomply_webhooks_received_total";
/// Verified status callbacks answered without being stored again, by `reason`
/// (`duplicate`: the same signed URL and body within the window; `rate_limited`).
pub const WEBHOOKS_DROPPED: &str = "recomply_webhooks_dropped_total";
/// HTTP requests sent to Twilio, retries included.
pub const TWILIO_REQUESTS: &str = "recomply_twilio_api_calls_total";
/// Seconds one Twilio call took, retries included, by `operation` (the client method) and
/// `outcome` (`ok` or the error kind).
pub const TWILIO_DURATION: &str = "recomply_twilio_request_duration_seconds";
/// Seconds one job run took, by `kind` and `outcome` ([`JobRunOutcome`]).
pub const JOB_DURATION: &str = "recomply_job_duration_seconds";

/// Histogram bucket bounds in seconds: from a fast page to a slow job.
const BUCKETS: [f64; 14] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0,
];

/// How often histogram samples are folded in when nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// A handle on this process's recorder: renders the exposition. Cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    /// The process's recorder, installed on first use. When some other recorder was installed
    /// first, metrics go there and this handle renders only what it registered (logged).
    pub fn install() -> Self {
        static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
        let handle = HANDLE.get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(&BUCKETS)
                .expect("the bucket list is not empty")
                .build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("another metrics recorder was installed first; /metrics is partial");
            }
            describe();
            let upkeep = handle.clone();
            let _ = std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(UPKEEP_EVERY);
                        upkeep.run_upkeep();
                    }
                });
            handle
        });
        Self {
            handle: handle.clone(),
        }
    }

    /// The text exposition (format 0.0.4) of every metric this process recorded.
    pub fn render(&self) -> String {
        self.handle.render()
    }

    /// Counts one status callback received (before verification).
    pub fn record_webhook(&self) {
        counter!(WEBHOOKS_RECEIVED).increment(1);
    }

    /// Counts one verified callback answered without storing it (`reason`: `duplicate` or
    /// `rate_limited`).
    pub fn record_webhook_dropped(&self, reason: &'static str) {
        counter!(WEBHOOKS_DROPPED, "reason" => reason).increment(1);
    }
}

/// HELP lines, and the counters a scraper expects from the first scrape on (at 0).
fn describe() {
    describe_counter!(
        HTTP_REQUESTS,
        "HTTP responses served by this process, by status class."
    );
    describe_histogram!(
        HTTP_DURATION,
        metrics::Unit::Seconds,
        "Time to the response head, by matched route template, method and status class."
    );
    describe_counter!(
        WEBHOOKS_RECEIVED,
        "Twilio status callbacks received by this process (verified or not)."
    );
    describe_counter!(
        WEBHOOKS_DROPPED,
        "Verified status callbacks not stored: a replay within the window, or over the rate limit."
    );
    describe_counter!(
        TWILIO_REQUESTS,
        "Requests sent to the Twilio API by this process, retries included."
    );
    describe_histogram!(
        TWILIO_DURATION,
        metrics::Unit::Seconds,
        "Time one Twilio API call took, retries included, by operation and outcome."
    );
    describe_histogram!(
        JOB_DURATION,
        metrics::Unit::Seconds,
        "Time one background job run took, by kind and outcome."
    );
    for class in STATUS_CLASSES {
        counter!(HTTP_REQUESTS, "status_class" => class).increment(0);
    }
    counter!(WEBHOOKS_RECEIVED).increment(0);
    counter!(TWILIO_REQUESTS).increment(0);
    for reason in ["duplicate", "rate_limited"] {
        counter!(WEBHOOKS_DROPPED, "reason" => reason).increment(0);
    }
}

/// The status class labels, in order.
pub const STATUS_CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// `"2xx"` for 204, and so on (anything out of range counts in the nearest class).
pub fn status_class(status: u16) -> &'static str {
    STATUS_CLASSES[usize::from(status / 100).clamp(1, 5) - 1]
}

/// Counts one HTTP request sent to Twilio (each attempt).
pub fn record_twilio_request() {
    counter!(TWILIO_REQUESTS).increment(1);
}

/// Records one Twilio call (every attempt of one client method call).
pub fn record_twilio_call(operation: &'static str, outcome: &'static str, took: Duration) {
    histogram!(TWILIO_DURATION, "operation" => operation, "outcome" => outcome)
        .record(took.as_secs_f64());
}

/// How one job run ended, as [`JOB_DURATION`]'s `outcome` label. Not a job status: a failed
/// run may be retried, and a run that lost its lease leaves the job to whoever holds it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobRunOutcome {
    /// The job finished without error.
    Done,
    /// The job returned an error.
    Failed,
    /// The job ran past its timeout and was cancelled.
    TimedOut,
    /// The worker lost the job's lease and cancelled it.
    LeaseLost,
}

impl JobRunOutcome {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Failed => "failed",
            Self::TimedOut => "timed_out",
            Self::LeaseLost => "lease_lost",
        }
    }
}

/// Records one job run.
pub fn record_job(kind: &'static str, outcome: JobRunOutcome, took: Duration) {
    histogram!(JOB_DURATION, "kind" => kind, "outcome" => outcome.as_str())
        .record(took.as_secs_f64());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_run_outcomes_keep_their_label_values() {
        let labels = [
            JobRunOutcome::Done,
            JobRunOutcome::Failed,
            JobRunOutcome::TimedOut,
            JobRunOutcome::LeaseLost,
        ]
        .map(JobRunOutcome::as_str);
        assert_eq!(labels, ["done", "failed", "timed_out", "lease_lost"]);
    }

    #[test]
    fn status_classes_cover_every_status() {
        assert_eq!(status_class(101), "1xx");
        assert_eq!(status_class(204), "2xx");
        assert_eq!(status_class(303), "3xx");
        assert_eq!(status_class(404), "4xx");
        assert_eq!(status_class(503), "5xx");
        assert_eq!(status_class(42), "1xx");
        assert_eq!(status_class(999), "5xx");
    }

    #[test]
    fn the_recorder_is_installed_once_and_renders_histograms_as_buckets() {
        let first = Metrics::install();
        let second = Metrics::install();
        record_job(
            "unit_test_job",
            JobRunOutcome::Done,
            Duration::from_millis(30),
        );
        let text = second.render();
        assert!(first.render().contains("unit_test_job"));
        assert!(
            text.contains(
                "recomply_job_duration_seconds_bucket{kind=\"unit_test_job\",outcome=\"done\",le=\"0.05\"} 1"
            ),
            "{text}"
        );
        assert!(text.contains("# TYPE recomply_http_requests_total counter"));
        assert!(text.contains("recomply_twilio_api_calls_total "));
    }
}
