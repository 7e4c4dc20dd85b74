//! Killing workers: at random moments (a seeded RNG picks the pauses and the victims), one of
//! the two workers is killed with SIGKILL while it holds jobs, every other kill while it is
//! finishing a renewal (ReplaceItems, deleting the copy). A fresh worker takes its place. For
//! each kill, the jobs the dead worker held are watched in the job table until another runner
//! has taken them up: that delay is the kill's recovery time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;

use super::processes::{Launcher, Process, wait_until};
use super::settings::Settings;

/// The job that finishes a renewal.
const FINISHING: &str = "finish_renewal";
/// How long a kill waits for a finishing job before taking any running job instead.
const FINISHING_WAIT: Duration = Duration::from_secs(30);
/// Recovery longer than this is reported as not recovered.
const WATCH_LIMIT: Duration = Duration::from_secs(90);

/// One kill and what followed.
#[derive(Debug, Clone)]
pub struct Kill {
    /// Seconds into the run.
    pub at: Duration,
    /// The killed process.
    pub victim: String,
    /// The kinds of the jobs it held.
    pub held: Vec<String>,
    /// Whether one of them was finishing a renewal.
    pub during_finishing: bool,
    /// When the last of them was taken up again (`None`: not within [`WATCH_LIMIT`]).
    pub recovery: Option<Duration>,
}

/// A running job and the worker process holding it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Held {
    job_id: i64,
    kind: String,
    attempts: i32,
    pid: i32,
}

/// The two worker processes and how to start replacements.
pub struct Workers<'a> {
    launcher: &'a Launcher,
    /// The live workers.
    pub processes: Vec<Process>,
    started: usize,
}

impl<'a> Workers<'a> {
    /// Starts `count` workers and waits until each has registered.
    pub async fn start(launcher: &'a Launcher, db: &PgPool, count: usize) -> Self {
        let mut workers = Self {
            launcher,
            processes: Vec::new(),
            started: 0,
        };
        for _ in 0..count {
            let process = workers.spawn(db).await;
            workers.processes.push(process);
        }
        workers
    }

    async fn spawn(&mut self, db: &PgPool) -> Process {
        self.started += 1;
        let name = format!("worker-{}", self.started);
        let process = self
            .launcher
            .start(&name, &["worker", "--concurrency", "4"]);
        let pid = process.pid();
        wait_until(
            &format!("{name} registers"),
            Duration::from_secs(30),
            || async move { worker_id(db, pid).await.is_some() },
        )
        .await;
        process
    }
}

/// The registration of the worker process `pid`.
async fn worker_id(db: &PgPool, pid: u32) -> Option<String> {
    sqlx::query_scalar(
        "select worker_id from job_worker where pid = $1 order by started_at desc limit 1",
    )
    .bind(pid as i32)
    .fetch_optional(db)
    .await
    .expect("read job_worker")
}

/// Kills `settings.kills` times (or until `finished` turns true), then waits for every
/// recovery to be measured.
pub async fn kill_workers(
    db: &PgPool,
    workers: &mut Workers<'_>,
    settings: &Settings,
    started: Instant,
    finished: Arc<AtomicBool>,
) -> Vec<Kill> {
    let mut rng = StdRng::seed_from_u64(settings.seed);
    let mut watches = Vec::new();
    for k in 0..settings.kills {
        tokio::time::sleep(Duration::from_millis(rng.random_range(1000..4000))).await;
        let want_finishing = k % 2 == 1;
        let Some(victim) = choose_victim(db, workers, want_finishing, &mut rng, &finished).await
        else {
            break;
        };
        let slot = workers
            .processes
            .iter()
            .position(|p| p.pid() as i32 == victim.pid)
            .expect("the victim is one of ours");
        let worker = worker_id(db, victim.pid as u32)
            .await
            .expect("a registered worker");
        let mut process = workers.processes.remove(slot);
        process.kill();
        let killed_at = Instant::now();
        let held = held_by(db, &worker).await;
        let name = process.name.clone();
        drop(process);
        let watch_db = db.clone();
        let jobs: Vec<(i64, i32)> = held.iter().map(|h| (h.job_id, h.attempts)).collect();
        let record = Kill {
            at: killed_at - started,
            victim: name,
            held: held.iter().map(|h| h.kind.clone()).collect(),
            during_finishing: held.iter().any(|h| h.kind == FINISHING),
            recovery: None,
        };
        watches.push(tokio::spawn(async move {
            let recovery = watch_recovery(&watch_db, &jobs, &worker, killed_at).await;
            Kill { recovery, ..record }
        }));
        tokio::time::sleep(Duration::from_millis(rng.random_range(500..2000))).await;
        let replacement = workers.spawn(db).await;
        workers.processes.push(replacement);
    }
    let mut kills = Vec::new();
    for watch in watches {
        kills.push(watch.await.expect("the recovery watch"));
    }
    kills
}

/// A running job of one of our live workers (a finishing one if `want_finishing`, falling back
/// to any after [`FINISHING_WAIT`]); `None` once every renewal is complete.
async fn choose_victim(
    db: &PgPool,
    workers: &Workers<'_>,
    want_finishing: bool,
    rng: &mut StdRng,
    finished: &AtomicBool,
) -> Option<Held> {
    let asked = Instant::now();
    let pids: Vec<i32> = workers.processes.iter().map(|p| p.pid() as i32).collect();
    loop {
        if finished.load(Ordering::SeqCst) {
            return None;
        }
        let running: Vec<Held> = sqlx::query_as(
            "select j.job_id, j.kind, j.attempts, w.pid from job j
             join job_worker w on j.locked_by like w.worker_id || '/%'
             where j.status = 'running' and j.locked_until > now() and w.pid = any($1)",
        )
        .bind(&pids)
        .fetch_all(db)
        .await
        .expect("read running jobs");
        let finishing_only = want_finishing && asked.elapsed() < FINISHING_WAIT;
        let candidates: Vec<Held> = running
            .into_iter()
            .filter(|h| !finishing_only || h.kind == FINISHING)
            .collect();
        if !candidates.is_empty() {
            return Some(candidates[rng.random_range(0..candidates.len())].clone());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The jobs `worker`'s runners held when it died.
async fn held_by(db: &PgPool, worker: &str) -> Vec<Held> {
    sqlx::query_as(
        "select job_id, kind, attempts, 0 as pid from job
         where status = 'running' and locked_by like $1 || '/%'",
    )
    .bind(worker)
    .fetch_all(db)
    .await
    .expect("read the dead worker's jobs")
}

/// How long after `killed_at` the last of `jobs` (id, attempt when killed) was claimed by
/// another runner (or finished by one).
async fn watch_recovery(
    db: &PgPool,
    jobs: &[(i64, i32)],
    worker: &str,
    killed_at: Instant,
) -> Option<Duration> {
    let ids: Vec<i64> = jobs.iter().map(|(id, _)| *id).collect();
    let mut waiting: Vec<(i64, i32)> = jobs.to_vec();
    let mut last = Duration::ZERO;
    while !waiting.is_empty() {
        if killed_at.elapsed() > WATCH_LIMIT {
            return None;
        }
        let rows: Vec<(i64, String, i32, Option<String>)> = sqlx::query_as(
            "select job_id, status, attempts, locked_by from job where job_id = any($1)",
        )
        .bind(&ids)
        .fetch_all(db)
        .await
        .expect("read the watched jobs");
        let now = killed_at.elapsed();
        waiting.retain(|(id, attempts)| {
            let taken = rows.iter().any(|(job, status, now_attempts, by)| {
                job == id
                    && (now_attempts > attempts
                        || status != "running"
                        || !by.as_deref().unwrap_or("").starts_with(worker))
            });
            if taken {
                last = now;
            }
            !taken
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Some(last)
}
