//! The load generator: `concurrency` tasks in this process send requests back to back for a
//! fixed time (each waits for its answer, body included), and a sequential sampler for
//! unloaded server times. One generator for every figure, so ratios compare like with like.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;

/// Builds the `n`th request of a run.
pub type RequestFn = Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync>;

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Run {
    /// Answers per second.
    pub per_second: f64,
    /// Requests answered with the expected status.
    pub ok: usize,
    /// Requests answered otherwise (or not at all).
    pub failed: usize,
    /// Latencies of the answered requests, sorted.
    latencies: Vec<Duration>,
}

impl Run {
    /// The `q` quantile (0.0..=1.0) of the latencies.
    pub fn quantile(&self, q: f64) -> Duration {
        quantile(&self.latencies, q)
    }
}

/// How hard and how long to load.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// Requests in flight.
    pub concurrency: usize,
    /// How long each run lasts.
    pub duration: Duration,
}

impl Load {
    /// Runs `request` under this load; an answer with another status than `expected` counts
    /// as failed. More than 1% failed is an error (the figure would mean nothing).
    pub async fn run(&self, request: RequestFn, expected: u16) -> anyhow::Result<Run> {
        let counter = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let deadline = started + self.duration;
        let tasks: Vec<_> = (0..self.concurrency)
            .map(|_| {
                tokio::spawn(client_loop(
                    request.clone(),
                    counter.clone(),
                    deadline,
                    expected,
                ))
            })
            .collect();
        let mut latencies = Vec::new();
        let mut failed = 0;
        for task in tasks {
            let (mut times, failures) = task.await?;
            latencies.append(&mut times);
            failed += failures;
        }
        let elapsed = started.elapsed().as_secs_f64();
        latencies.sort_unstable();
        let ok = latencies.len();
        if failed * 100 > ok + failed {
            bail!("{failed} of {} requests failed", ok + failed);
        }
        Ok(Run {
            per_second: ok as f64 / elapsed,
            ok,
            failed,
            latencies,
        })
    }
}

async fn client_loop(
    request: RequestFn,
    counter: Arc<AtomicUsize>,
    deadline: Instant,
    expected: u16,
) -> (Vec<Duration>, usize) {
    let mut latencies = Vec::new();
    let mut failed = 0;
    while Instant::now() < deadline {
        let n = counter.fetch_add(1, Ordering::Relaxed);
        let sent = Instant::now();
        match request(n).send().await {
            Ok(response) if response.status().as_u16() == expected => {
                if response.bytes().await.is_ok() {
                    latencies.push(sent.elapsed());
                } else {
                    failed += 1;
                }
            }
            _ => failed += 1,
        }
    }
    (latencies, failed)
}

/// Unloaded server time: `samples` requests one after another (after three to warm up).
/// Returns the median time and the query count the last answer's `Server-Timing` reported.
pub async fn server_time(
    request: RequestFn,
    samples: usize,
) -> anyhow::Result<(Duration, Option<u32>)> {
    let mut times = Vec::new();
    let mut queries = None;
    for n in 0..samples + 3 {
        let sent = Instant::now();
        let response = request(n).send().await?;
        let status = response.status();
        queries = response
            .headers()
            .get("server-timing")
            .and_then(|v| v.to_str().ok())
            .and_then(recomply::telemetry::query_count::parse);
        let body = response.text().await?;
        if status != 200 {
            bail!(
                "answered {status}: {}",
                body.chars().take(300).collect::<String>()
            );
        }
        if n >= 3 {
            times.push(sent.elapsed());
        }
    }
    times.sort_unstable();
    Ok((quantile(&times, 0.5), queries))
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}
