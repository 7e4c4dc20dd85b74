//! Throughput of the emulator over HTTP on loopback: Bundle creates, and Bundle list pages with
//! few and with many bundles stored, side by side, with their ratio (a list should cost what
//! it returns, not what is stored).
//! Run with `cargo bench --bench emulator` (optionally `-- <stored> <lists> <concurrency>`;
//! defaults 10000 5000 16).

use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use recomply::emulator::model::BundleStatus;
use recomply::emulator::{AccountCredentials, EmulatorHandle, spawn};

const RC: &str = "/v2/RegulatoryCompliance";

/// The few bundles of the small emulator.
const FEW: usize = 50;

/// The lists measured: what they ask for. With 50 stored, `Status=draft` fills only 33 of its
/// 50 places (every third bundle is approved); the others fill the page in both emulators.
const LISTS: [(&str, &str); 4] = [
    ("default order", "PageSize=50"),
    (
        "IsoCountry=GB, SortBy=valid-until",
        "IsoCountry=GB&SortBy=valid-until&PageSize=50",
    ),
    (
        "Status=draft, SortBy=valid-until",
        "Status=draft&SortBy=valid-until&PageSize=50",
    ),
    (
        "HasValidUntilDate, SortBy=valid-until ASC",
        "HasValidUntilDate=true&SortBy=valid-until&SortDirection=ASC&PageSize=50",
    ),
];

struct Context {
    client: reqwest::Client,
    base: String,
    account: AccountCredentials,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let many = args.first().copied().unwrap_or(10_000);
    let lists = args.get(1).copied().unwrap_or(5_000);
    let concurrency = args.get(2).copied().unwrap_or(16);
    println!("emulator bench: {many} vs {FEW} bundles stored, {concurrency} requests in flight");

    let (small, small_context) = emulator().await?;
    let (large, large_context) = emulator().await?;
    create_bundles(&small_context, FEW, concurrency).await;
    let started = Instant::now();
    let failures = create_bundles(&large_context, many, concurrency).await;
    report("create bundle (POST /Bundles)", many, failures, started);
    for handle in [&small, &large] {
        vary(handle);
    }

    for (name, query) in LISTS {
        let few = list_rate(&small_context, query, lists, concurrency).await;
        let lots = list_rate(&large_context, query, lists, concurrency).await;
        println!(
            "list bundles, {name} (GET /Bundles?{query}): {FEW} stored {few:.0} req/s, \
             {many} stored {lots:.0} req/s, ratio {:.2}",
            lots / few
        );
    }
    Ok(())
}

/// A fresh emulator with one account.
async fn emulator() -> anyhow::Result<(EmulatorHandle, Arc<Context>)> {
    let handle = spawn("127.0.0.1:0").await?;
    let context = Arc::new(Context {
        client: reqwest::Client::new(),
        base: handle.base_url().to_owned(),
        account: handle.create_account("Bench"),
    });
    Ok((handle, context))
}

/// Creates `count` bundles over HTTP; returns how many failed.
async fn create_bundles(context: &Arc<Context>, count: usize, concurrency: usize) -> usize {
    run(count, concurrency, |i| {
        let context = context.clone();
        async move {
            let name = format!("Bench bundle {i}");
            let response = context
                .client
                .post(format!("{}{RC}/Bundles", context.base))
                .basic_auth(
                    &context.account.account_sid,
                    Some(&context.account.auth_token),
                )
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
    .await
}

/// Makes the stored bundles differ as real ones do: every third approved, every other one with
/// a valid_until (spread over a year, with ties), through the store's own transitions.
fn vary(handle: &EmulatorHandle) {
    let mut store = handle.state.lock();
    let sids: Vec<String> = store.bundles.values().map(|b| b.sid.clone()).collect();
    let now = store.now();
    for (i, sid) in sids.iter().enumerate() {
        if i % 3 == 0 {
            store.change_status(sid, BundleStatus::TwilioApproved);
        }
        if i % 2 == 0 {
            store.stamp_valid_until(sid, now + (i as i64 % 365) * 86_400);
        }
    }
}

/// Requests per second of `total` list requests (after a warm-up of 200).
async fn list_rate(context: &Arc<Context>, query: &str, total: usize, concurrency: usize) -> f64 {
    let request = |_| {
        let context = context.clone();
        let url = format!("{}{RC}/Bundles?{query}", context.base);
        async move {
            let response = context
                .client
                .get(url)
                .basic_auth(
                    &context.account.account_sid,
                    Some(&context.account.auth_token),
                )
                .send()
                .await;
            match response {
                Ok(r) if r.status() == 200 => r.bytes().await.is_ok(),
                _ => false,
            }
        }
    };
    run(200, concurrency, request).await;
    let started = Instant::now();
    let failures = run(total, concurrency, request).await;
    assert_eq!(failures, 0, "list requests failed");
    total as f64 / started.elapsed().as_secs_f64()
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
