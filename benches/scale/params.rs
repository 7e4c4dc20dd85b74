//! Sizes and loads, from `BENCH_*` environment variables (defaults: the full-size run).

use std::time::Duration;

use crate::load::Load;

/// What a run seeds and how hard it loads.
#[derive(Debug, Clone)]
pub struct Params {
    /// `BENCH_BUNDLES`: bundles in the one Twilio account (default 10,000).
    pub bundles: usize,
    /// `BENCH_STAMPED`: how many of them the regulation change stamps (default 2,000).
    pub stamped: usize,
    /// `BENCH_SMALL_BUNDLES`: the small fleet the pages are compared with (default 50).
    pub small_bundles: usize,
    /// `BENCH_WEBHOOK_EVENTS`: webhook events stored before the dashboard is measured
    /// (default 30,000).
    pub webhook_events: usize,
    /// `BENCH_PREPARE`: renewals the worker prepares under latency (default 500, so the run
    /// stays within minutes; at most `stamped`; the bound scales with it).
    pub prepare: usize,
    /// `BENCH_WORKER_CONCURRENCY`: the worker's runner loops (default 16, the
    /// `--concurrency` default).
    pub worker_concurrency: usize,
    /// `BENCH_LATENCY_MS`: latency added to every emulator call during preparation (150).
    pub latency_ms: u64,
    /// `BENCH_SWEEP_CONCURRENCY`: the Twilio calls a sweep keeps in flight, set as the app's
    /// `RECOMPLY_TWILIO_CONCURRENCY` and used in the sweep's bound (default: the app's default).
    pub sweep_concurrency: usize,
    /// `BENCH_CONCURRENCY` (default 8) and `BENCH_SECONDS` (default 5): each throughput run.
    pub load: Load,
    /// `BENCH_SAMPLES`: sequential requests per server time (default 20).
    pub samples: usize,
    /// `BENCH_ANALYZE_SECS`: how often the database is analyzed, as autovacuum would (default
    /// 60, its naptime; 0: never).
    pub analyze_every: Option<Duration>,
}

impl Params {
    /// Reads the environment.
    pub fn from_env() -> Self {
        let bundles = var("BENCH_BUNDLES", 10_000);
        let stamped = var("BENCH_STAMPED", 2_000).min(bundles);
        Self {
            bundles,
            stamped,
            small_bundles: var("BENCH_SMALL_BUNDLES", 50),
            webhook_events: var("BENCH_WEBHOOK_EVENTS", 30_000),
            prepare: var("BENCH_PREPARE", 500).min(stamped),
            worker_concurrency: var("BENCH_WORKER_CONCURRENCY", 16).max(1),
            latency_ms: var("BENCH_LATENCY_MS", 150) as u64,
            sweep_concurrency: var(
                "BENCH_SWEEP_CONCURRENCY",
                recomply::twilio::TwilioConfig::default().concurrency,
            )
            .max(1),
            load: Load {
                concurrency: var("BENCH_CONCURRENCY", 8).max(1),
                duration: Duration::from_secs(var("BENCH_SECONDS", 5).max(1) as u64),
            },
            samples: var("BENCH_SAMPLES", 20).max(1),
            analyze_every: match var("BENCH_ANALYZE_SECS", 60) {
                0 => None,
                secs => Some(Duration::from_secs(secs as u64)),
            },
        }
    }

    /// The stamped share of the small fleet (at least one).
    pub fn small_stamped(&self) -> usize {
        (self.small_bundles * self.stamped / self.bundles.max(1)).max(1)
    }
}

fn var(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}
