//! Throughput of the emulator over HTTP on loopback: Bundle creates and Bundle list pages.
//! Run with `cargo bench --bench emulator` (optionally `-- <creates> <lists> <concurrency>`).

use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use recomply::emulator::spawn;

const RC: &str = "/v2/RegulatoryCompliance";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let creates = args.first().copied().unwrap_or(5_000);
    let lists = args.get(1).copied().unwrap_or(5_000);
    let concurrency = args.get(2).copied().unwrap_or(16);

    let emulator = spawn("127.0.0.1:0").await?;
    let account = emulator.create_account("Bench");
    let client = reqwest::Client::new();
    let context = Arc::new((client, emulator.base_url().to_owned(), account));

    let started = Instant::now();
    let failures = run(creates, concurrency, |i| {
        let context = context.clone();
        async move {
            let (client, base, account) = &*context;
            let name = format!("Bench bundle {i}");
            let response = client
                .post(format!("{base}{RC}/Bundles"))
                .basic_auth(&account.account_sid, Some(&account.auth_token))
                .form(&[
                    ("FriendlyName", name.as_str()),
                    ("Email", "bench@example.com"),
                    ("IsoCountry", "GB"),
                    ("NumberType", "mobile"),
                    ("EndUserType", "business"),
                ])
                .send()
                .await;
            response.is_ok_and(|r| r.status() == 201)
        }
    })
    .await;
    report("create bundle (POST /Bundles)", creates, failures, started);

    let started = Instant::now();
    let failures = run(lists, concurrency, |i| {
        let context = context.clone();
        async move {
            let (client, base, account) = &*context;
            let page = i % 20;
            let response = client
                .get(format!(
                    "{base}{RC}/Bundles?Status=draft&PageSize=50&Page={page}"
                ))
                .basic_auth(&account.account_sid, Some(&account.auth_token))
                .send()
                .await;
            match response {
                Ok(r) if r.status() == 200 => r.bytes().await.is_ok(),
                _ => false,
            }
        }
    })
    .await;
    report(
        &format!("list bundles (GET /Bundles, 50 per page, {creates} stored)"),
        lists,
        failures,
        started,
    );
    Ok(())
}

/// Runs `total` requests with `concurrency` in flight; returns how many failed.
async fn run<F, Fut>(total: usize, concurrency: usize, request: F) -> usize
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    futures::stream::iter(0..total)
        .map(request)
        .buffer_unordered(concurrency)
        .filter(|ok| std::future::ready(!ok))
        .count()
        .await
}

fn report(what: &str, total: usize, failures: usize, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{what}: {total} requests in {seconds:.2} s = {:.0} req/s ({failures} failed)",
        total as f64 / seconds
    );
}
