//! Throughput of the emulator over HTTP on loopback: Bundle creates, and Bundle list pages with
//! few and with many bundles stored, side by side, with their ratio (a list should cost what
//! it returns, not what is stored). With `PRISM_URL` set (a Prism mock of Twilio's
//! `twilio_numbers_v2.json`, started by `scripts/bench-prism.sh`), the same client then runs the
//! same list and create against Prism, and the emulator's figures are printed as a multiple of
//! Prism's.
//! Run with `cargo bench --bench emulator` (optionally `-- <stored> <lists> <concurrency>`;
//! defaults 10000 5000 16).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use recomply::emulator::model::BundleStatus;
use recomply::emulator::{AccountCredentials, EmulatorHandle, spawn};

const RC: &str = "/v2/RegulatoryCompliance";

/// The few bundles of the small emulator.
const FEW: usize = 50;

/// A list at 10,000 stored keeps at least this share of its throughput at 50 stored.
const FLAT: f64 = 0.8;

/// The emulator serves at least this multiple of Prism's list and create throughput.
const OVER_PRISM: f64 = 10.0;

/// The lists measured: what they ask for. With 50 stored, `Status=draft` fills only 33 of its
/// 50 places (every third bundle is approved); the others fill the page in both emulators.
/// The first is the one compared with Prism.
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

/// How long one Prism measurement runs at most (`PRISM_SECONDS`): it stops at the count the
/// emulator ran or at this, whichever comes first.
const PRISM_SECONDS: u64 = 20;

/// Where requests go, as whom, for how long at most, and (for Prism) which of the spec's
/// examples to ask for.
struct Context {
    client: reqwest::Client,
    base: String,
    account: AccountCredentials,
    limit: Option<Duration>,
    prefer: Option<&'static str>,
}

/// How one request ended.
enum Outcome {
    /// A 2xx answer, read to the end.
    Answered,
    /// An answer outside 2xx (a 401 or 422 from Prism, say): not throughput.
    Refused,
    /// No answer (connection or body error).
    Failed,
}

/// A timed run of requests: how they ended and the 2xx answers per second.
struct Measured {
    total: usize,
    answered: usize,
    refused: usize,
    failed: usize,
    seconds: f64,
}

impl Measured {
    fn rate(&self) -> f64 {
        self.answered as f64 / self.seconds
    }
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
    let create = create_bundles(&large_context, many, concurrency).await;
    report("create bundle (POST /Bundles)", &create);
    anyhow::ensure!(create.answered == many, "emulator creates failed");
    for handle in [&small, &large] {
        vary(handle);
    }

    let mut default_list = 0.0;
    for (name, query) in LISTS {
        let few = list_rate(&small_context, query, lists, concurrency).await;
        let lots = list_rate(&large_context, query, lists, concurrency).await;
        anyhow::ensure!(
            few.answered == lists && lots.answered == lists,
            "emulator list requests failed"
        );
        if default_list == 0.0 {
            default_list = lots.rate();
        }
        let ratio = lots.rate() / few.rate();
        println!(
            "list bundles, {name} (GET /Bundles?{query}): {FEW} stored {:.0} req/s, \
             {many} stored {:.0} req/s, ratio {ratio:.2} (target >= {FLAT}): {}",
            few.rate(),
            lots.rate(),
            verdict(ratio >= FLAT)
        );
    }

    if let Ok(url) = std::env::var("PRISM_URL") {
        let seconds = std::env::var("PRISM_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(PRISM_SECONDS);
        let prism = Sides {
            url,
            limit: Duration::from_secs(seconds),
            account: large_context.account.clone(),
            creates: many,
            lists,
            concurrency,
        };
        prism.compare(default_list, create.rate()).await;
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
        limit: None,
        prefer: None,
    });
    Ok((handle, context))
}

/// The same list and create, sent the same way, to Prism.
struct Sides {
    url: String,
    limit: Duration,
    account: AccountCredentials,
    creates: usize,
    lists: usize,
    concurrency: usize,
}

impl Sides {
    /// Measures Prism and prints the emulator's list (10,000 stored, default order) and create
    /// throughput as a multiple of Prism's, against the target.
    async fn compare(&self, emulator_list: f64, emulator_create: f64) {
        println!(
            "Prism at {}, same client and concurrency, each run at most {} s:",
            self.url,
            self.limit.as_secs()
        );
        // Prism answers a list with the spec's first example (`readEmpty`, no results) unless
        // asked for another; `readFull` holds one bundle. The faster of the two is compared.
        let plain = list_rate(
            &self.context(None),
            LISTS[0].1,
            self.lists,
            self.concurrency,
        )
        .await;
        report("Prism list bundles (GET /Bundles?PageSize=50)", &plain);
        let full = self.context(Some("example=readFull"));
        let full = list_rate(&full, LISTS[0].1, self.lists, self.concurrency).await;
        report("Prism list bundles, Prefer: example=readFull", &full);
        let create = create_bundles(&self.context(None), self.creates, self.concurrency).await;
        report("Prism create bundle (POST /Bundles)", &create);

        let prism_list = plain.rate().max(full.rate());
        for (what, ours, theirs) in [
            ("list bundles", emulator_list, prism_list),
            ("create bundle", emulator_create, create.rate()),
        ] {
            let ratio = ours / theirs;
            println!(
                "{what}: emulator {ours:.0} req/s, Prism {theirs:.0} req/s, \
                 ratio {ratio:.1} (target >= {OVER_PRISM}): {}",
                verdict(ratio >= OVER_PRISM)
            );
        }
    }

    fn context(&self, prefer: Option<&'static str>) -> Arc<Context> {
        Arc::new(Context {
            client: reqwest::Client::new(),
            base: self.url.trim_end_matches('/').to_owned(),
            account: self.account.clone(),
            limit: Some(self.limit),
            prefer,
        })
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "MET" } else { "NOT MET" }
}

/// Sends one request as the context's account and reads the answer to the end.
async fn send(context: &Context, request: reqwest::RequestBuilder) -> Outcome {
    let request = request.basic_auth(
        &context.account.account_sid,
        Some(&context.account.auth_token),
    );
    let request = match context.prefer {
        Some(prefer) => request.header("Prefer", prefer),
        None => request,
    };
    match request.send().await {
        Ok(response) if response.status().is_success() => match response.bytes().await {
            Ok(_) => Outcome::Answered,
            Err(_) => Outcome::Failed,
        },
        Ok(_) => Outcome::Refused,
        Err(_) => Outcome::Failed,
    }
}

/// Creates `count` bundles over HTTP.
async fn create_bundles(context: &Arc<Context>, count: usize, concurrency: usize) -> Measured {
    run(count, concurrency, context.limit, |i| {
        let context = context.clone();
        async move {
            let name = format!("Bench bundle {i}");
            let request = context
                .client
                .post(format!("{}{RC}/Bundles", context.base))
                .form(&[
                    ("FriendlyName", name.as_str()),
                    ("Email", "bench@example.com"),
                    ("IsoCountry", "GB"),
                    ("NumberType", "mobile"),
                    ("EndUserType", "business"),
                ]);
            send(&context, request).await
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

/// `total` list requests (after a warm-up of 200).
async fn list_rate(
    context: &Arc<Context>,
    query: &str,
    total: usize,
    concurrency: usize,
) -> Measured {
    let request = |_| {
        let context = context.clone();
        let url = format!("{}{RC}/Bundles?{query}", context.base);
        async move {
            let request = context.client.get(url);
            send(&context, request).await
        }
    };
    run(200, concurrency, context.limit, request).await;
    run(total, concurrency, context.limit, request).await
}

/// Runs `total` requests with `concurrency` in flight, timed; with a limit, no request starts
/// after it.
async fn run<F, Fut>(
    total: usize,
    concurrency: usize,
    limit: Option<Duration>,
    request: F,
) -> Measured
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Outcome>,
{
    let started = Instant::now();
    let within = move |_: &usize| std::future::ready(limit.is_none_or(|l| started.elapsed() < l));
    let mut measured = futures::stream::iter(0..total)
        .take_while(within)
        .map(request)
        .buffer_unordered(concurrency)
        .fold(
            Measured {
                total: 0,
                answered: 0,
                refused: 0,
                failed: 0,
                seconds: 0.0,
            },
            |mut measured, outcome| {
                measured.total += 1;
                match outcome {
                    Outcome::Answered => measured.answered += 1,
                    Outcome::Refused => measured.refused += 1,
                    Outcome::Failed => measured.failed += 1,
                }
                std::future::ready(measured)
            },
        )
        .await;
    measured.seconds = started.elapsed().as_secs_f64();
    measured
}

fn report(what: &str, measured: &Measured) {
    println!(
        "{what}: {} requests in {:.2} s = {:.0} 2xx/s ({} non-2xx, {} failed)",
        measured.total,
        measured.seconds,
        measured.rate(),
        measured.refused,
        measured.failed
    );
}
