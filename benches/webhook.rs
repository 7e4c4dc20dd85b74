//! Intake of one busy bundle's status callbacks against `/healthz`, in the same run.
//!
//! Serves the app in this process on a fresh database (one tenant, rate limit out of the way),
//! writes distinct signed callbacks about ONE bundle to a file, and points `wrk` (Debian's
//! `wrk` package) at `/healthz` and then at `POST /webhooks/twilio/bundle-status`. A worker
//! re-reads the bundle every `BENCH_WORKER_MS` (default 100; 0 for none) as production would,
//! so the pending re-read job keeps being taken and queued again. Prints requests/s and p99 of
//! both, their ratio, and what the callbacks left behind (stored events, re-read jobs).
//!
//! Run with `scripts/bench-webhook.sh` (or `cargo bench --bench webhook`). Settings:
//! `BENCH_DATABASE_URL` (else `TEST_DATABASE_URL`, else local trust Postgres),
//! `BENCH_SECS` (10), `BENCH_CONNECTIONS` (32), `BENCH_THREADS` (2), `BENCH_CALLBACKS`
//! (signed callbacks written, default 300000; past them wrk repeats, which are duplicates).

use std::io::Write;
use std::process::Command;
use std::time::Duration;

use recomply::config::Config;
use recomply::db::tenants::{self, NewTenant};
use recomply::jobs::{JobContext, runner};
use recomply::lifecycle::LifecycleSettings;
use recomply::secret::SecretString;
use recomply::startup::Application;
use recomply::twilio::{TwilioClient, TwilioConfig, TwilioCredentials, signature};
use sqlx::{Connection, Executor, PgConnection};

const ACCOUNT_SID: &str = "AC00000000000000000000000000000001";
const AUTH_TOKEN: &str = "bench-auth-token";
const BUNDLE_SID: &str = "BU00000000000000000000000000000001";
const PATH: &str = "/webhooks/twilio/bundle-status";

/// One wrk run's figures.
struct Figures {
    requests_per_sec: f64,
    p99_ms: f64,
    errors: String,
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let maintenance = std::env::var("BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("bench_webhook_{}", std::process::id());
    let mut admin = PgConnection::connect(&maintenance).await?;
    admin
        .execute(format!(r#"create database "{name}""#).as_str())
        .await?;
    let url = match maintenance.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => anyhow::bail!("BENCH_DATABASE_URL needs a database name"),
    };
    let outcome = bench(&url).await;
    admin
        .execute(format!(r#"drop database if exists "{name}" with (force)"#).as_str())
        .await?;
    outcome
}

async fn bench(url: &str) -> anyhow::Result<()> {
    let emulator = recomply::emulator::spawn("127.0.0.1:0").await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}", listener.local_addr()?);
    let mut config = Config::for_tests(url);
    config.public_url = url::Url::parse(&address)?;
    config.webhook_callbacks_per_minute = u32::MAX;
    let pool = recomply::db::pool(url)?;
    recomply::db::migrate(&pool).await?;
    let tenant = tenants::create_tenant(
        &pool,
        &NewTenant {
            name: "Bench".into(),
            slug: "bench".into(),
            support_email: None,
        },
    )
    .await?;
    let credentials =
        TwilioCredentials::with_auth_token(ACCOUNT_SID, SecretString::from(AUTH_TOKEN));
    tenants::set_credentials(&pool, &config.secret_key, tenant.tenant_id, &credentials).await?;
    let twilio = TwilioClient::new(TwilioConfig::for_emulator(emulator.base_url()))?;
    let settings = LifecycleSettings::from_config(&config);
    let app = Application::from_parts(config.clone(), pool.clone(), listener, twilio, settings)?;
    let engine = app.state().engine.clone();
    tokio::spawn(app.run_until(std::future::pending()));

    let script = write_callbacks(&format!("{address}{PATH}"))?;
    let worker_ms = setting("BENCH_WORKER_MS", 100);
    if worker_ms > 0 {
        let ctx = JobContext::new(engine, "bench-worker");
        tokio::spawn(async move {
            loop {
                let _ = runner::drain(&ctx).await;
                tokio::time::sleep(Duration::from_millis(worker_ms)).await;
            }
        });
    }

    let health = wrk(&format!("{address}/healthz"), None).await?;
    let hooks = wrk(&format!("{address}{PATH}"), Some(&script)).await?;
    report(&pool, &health, &hooks).await
}

/// Writes `BENCH_CALLBACKS` distinct signed callbacks about one bundle and the wrk script
/// that sends them (each wrk thread takes every n-th, so no two threads send the same one).
fn write_callbacks(full_url: &str) -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("bench-webhook-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let lines = dir.join("callbacks.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&lines)?);
    for n in 0..setting("BENCH_CALLBACKS", 300_000) {
        let params: Vec<(String, String)> = vec![
            ("AccountSid".into(), ACCOUNT_SID.into()),
            ("BundleSid".into(), BUNDLE_SID.into()),
            ("Status".into(), "in-review".into()),
            ("FailureReason".into(), format!("bench {n}")),
        ];
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&params)
            .finish();
        let signed = signature::compute(AUTH_TOKEN, full_url, &params);
        writeln!(out, "{signed}\t{body}")?;
    }
    out.flush()?;
    let script = dir.join("callbacks.lua");
    std::fs::write(
        &script,
        LUA.replace("{LINES}", &lines.display().to_string()),
    )?;
    Ok(script)
}

const LUA: &str = r#"
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
  thread:set("count", 0)
end
function init(args)
  sigs, bodies = {}, {}
  for line in io.lines("{LINES}") do
    local tab = line:find("\t", 1, true)
    sigs[#sigs + 1] = line:sub(1, tab - 1)
    bodies[#bodies + 1] = line:sub(tab + 1)
  end
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
  n = id
end
function request()
  local i = (n % #bodies) + 1
  n = n + step
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Twilio-Signature"] = sigs[i],
  }, bodies[i])
end
"#;

/// Runs wrk against `url` (with `script` for the callbacks) and reads its figures.
async fn wrk(url: &str, script: Option<&std::path::Path>) -> anyhow::Result<Figures> {
    let threads = setting("BENCH_THREADS", 2).to_string();
    let connections = setting("BENCH_CONNECTIONS", 32).to_string();
    let secs = format!("{}s", setting("BENCH_SECS", 10));
    let mut command = Command::new("wrk");
    command.args(["-t", &threads, "-c", &connections, "-d", &secs, "--latency"]);
    command.env("BENCH_THREADS", &threads);
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    command.arg(url);
    let output = tokio::task::spawn_blocking(move || command.output()).await??;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    anyhow::ensure!(output.status.success(), "wrk failed: {text}");
    println!("--- wrk {url}\n{text}");
    let number_after = |label: &str| -> Option<String> {
        text.lines()
            .find_map(|line| line.trim().strip_prefix(label).map(|v| v.trim().to_owned()))
    };
    let p99 = number_after("99%").unwrap_or_default();
    Ok(Figures {
        requests_per_sec: number_after("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        p99_ms: milliseconds(&p99),
        errors: text
            .lines()
            .filter(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// wrk's `850.00us`, `12.34ms` or `1.20s` in milliseconds.
fn milliseconds(value: &str) -> f64 {
    let split = value
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => number / 1000.0,
        "s" => number * 1000.0,
        _ => number,
    }
}

async fn report(pool: &sqlx::PgPool, health: &Figures, hooks: &Figures) -> anyhow::Result<()> {
    let stored: i64 = sqlx::query_scalar("select count(*) from webhook_event")
        .fetch_one(pool)
        .await?;
    let jobs: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from job where kind = 'process_bundle_status'
         group by status order by status",
    )
    .fetch_all(pool)
    .await?;
    println!("route                      req/s      p99");
    println!(
        "/healthz              {:>10.0} {:>8.2} ms",
        health.requests_per_sec, health.p99_ms
    );
    println!(
        "bundle-status (1 BU)  {:>10.0} {:>8.2} ms",
        hooks.requests_per_sec, hooks.p99_ms
    );
    println!(
        "ratio to /healthz: {:.3}x",
        hooks.requests_per_sec / health.requests_per_sec
    );
    println!("callbacks stored: {stored}; re-read jobs by status: {jobs:?}");
    if !health.errors.is_empty() || !hooks.errors.is_empty() {
        println!("wrk errors: {} | {}", health.errors, hooks.errors);
    }
    Ok(())
}
