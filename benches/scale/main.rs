//! The scale benchmark: one tenant with 10,000 bundles in one Twilio account (the built-in
//! emulator, in-process), 2,000 of them approved and stamped with `valid_until` by one
//! regulation change, on a fresh Postgres database. Prints every figure as a ratio to its
//! bound, or to `/healthz` measured in the same run, with its target and MET / NOT MET.
//!
//! Run with `scripts/bench-scale.sh` (or `cargo bench --bench scale`); sizes and loads are
//! `BENCH_*` environment variables (see `params.rs` and docs/performance.md), e.g.
//! `BENCH_BUNDLES=1000 BENCH_STAMPED=200` for a quick run.

use recomply::domain::ids::RenewalId;

#[allow(dead_code)] // The shared test mailbox: the bench reads sign-in links only.
#[path = "../../tests/api/mailbox.rs"]
mod mailbox;

mod load;
mod pages;
mod params;
mod preparation;
mod report;
mod sweep;
mod world;

use std::time::Duration;

use recomply::config::{Config, LogFormat};
use recomply::domain::renewal::RenewalState;

use pages::PageFigures;
use params::Params;
use report::{Report, Row, Target, ms, rps};
use world::World;

/// Status callbacks per tenant per minute in the bench: high enough that the load measures the
/// intake rather than the rate limit's 429s.
const WEBHOOK_LIMIT: u32 = 100_000_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // As in production, a subscriber is installed (it also counts each page's queries for
    // `Server-Timing`); its lines go to stderr, errors only unless BENCH_LOG is set.
    let filter = if std::env::var("BENCH_LOG").is_ok() {
        "info,sqlx=warn"
    } else {
        "error"
    };
    recomply::telemetry::init_subscriber(filter, LogFormat::Pretty, std::io::stderr);
    let params = Params::from_env();
    println!("recomply scale benchmark: {params:?}");
    let mut report = Report::default();
    report.note(machine());
    println!("Small fleet ({} bundles)...", params.small_bundles);
    let small = small_fleet(&params).await?;
    println!("Large fleet ({} bundles)...", params.bundles);
    large_fleet(&params, &small, &mut report).await?;
    report.note(format!("Load average at the end: {}", load_average()));
    report.print();
    Ok(())
}

fn configure(config: &mut Config) {
    config.webhook_callbacks_per_minute = WEBHOOK_LIMIT;
    config.twilio.concurrency = Params::from_env().sweep_concurrency;
}

/// The pages of the small fleet: "My bundles", `/admin/bundles` and the dashboard.
struct Small {
    bundles: PageFigures,
    admin_bundles: PageFigures,
    dashboard: PageFigures,
}

async fn small_fleet(params: &Params) -> anyhow::Result<Small> {
    let world = World::spawn(configure).await?;
    let analyzer = params
        .analyze_every
        .map(|period| world.keep_statistics(period));
    let regulation = world
        .seed(params.small_bundles, params.small_stamped())
        .await?;
    world.change_regulation(&regulation).await?;
    recomply::lifecycle::discovery::sweep_tenant(&world.engine, world.tenant_id).await?;
    let small = Small {
        bundles: pages::page(&world, &world.customer, "/bundles", params).await?,
        admin_bundles: pages::page(&world, &world.staff, "/admin/bundles", params).await?,
        dashboard: pages::page(&world, &world.staff, "/admin", params).await?,
    };
    if let Some(analyzer) = &analyzer {
        analyzer.abort();
    }
    world.drop_database().await?;
    Ok(small)
}

async fn large_fleet(params: &Params, small: &Small, report: &mut Report) -> anyhow::Result<()> {
    let world = World::spawn(configure).await?;
    let analyzer = params
        .analyze_every
        .map(|period| world.keep_statistics(period));
    let autovacuum: String = sqlx::query_scalar("show autovacuum")
        .fetch_one(&world.db)
        .await?;
    report.note(format!(
        "Postgres autovacuum: {autovacuum}; the bench runs ANALYZE {}",
        params
            .analyze_every
            .map_or("never".into(), |p| format!("every {} s", p.as_secs()))
    ));
    let regulation = world.seed(params.bundles, params.stamped).await?;
    world.change_regulation(&regulation).await?;
    println!("Seeded; /healthz for reference...");
    let healthz = pages::healthz(&world, params).await?.per_second;
    println!("Sweep...");
    sweep::measure(&world, params, report).await?;
    println!("Pages...");
    let bundles = pages::page(&world, &world.customer, "/bundles", params).await?;
    page_rows(
        report,
        "Customer \"My bundles\" (/bundles)",
        &bundles,
        &small.bundles,
        params,
    );
    let admin = pages::page(&world, &world.staff, "/admin/bundles", params).await?;
    page_rows(
        report,
        "/admin/bundles",
        &admin,
        &small.admin_bundles,
        params,
    );
    println!("Preparation...");
    preparation::measure(&world, params, report).await?;
    let (renewal_id, bundle_sid) = prepared_renewal(&world).await?;
    let renewal = pages::page(
        &world,
        &world.customer,
        &format!("/renewals/{renewal_id}"),
        params,
    )
    .await?;
    versus_healthz(report, "Renewal page", &renewal, healthz, 0.06);
    println!("Webhook...");
    webhook_rows(&world, &bundle_sid, healthz, params, report).await?;
    let added = pages::store_webhook_events(&world, params.webhook_events).await?;
    // The events stand for a week of callbacks, which autovacuum would have analyzed as they
    // came; inserted here in one statement, they get their statistics at once instead of
    // waiting for the next periodic ANALYZE.
    if params.analyze_every.is_some() {
        sqlx::query("analyze webhook_event")
            .execute(&world.db)
            .await?;
    }
    report.note(format!(
        "Dashboard: {} webhook events stored ({added} inserted directly, the rest by the \
         webhook run)",
        params.webhook_events
    ));
    let dashboard = pages::page(&world, &world.staff, "/admin", params).await?;
    throughput_row(
        report,
        &format!("Admin dashboard, {} events", params.webhook_events),
        &dashboard,
        &small.dashboard,
        params,
    );
    report.note(format!("/healthz reference: {}", rps(healthz)));
    if let Some(analyzer) = &analyzer {
        analyzer.abort();
    }
    world.drop_database().await
}

/// Server time against 50 ms, and throughput against the small fleet's.
fn page_rows(
    report: &mut Report,
    name: &str,
    large: &PageFigures,
    small: &PageFigures,
    p: &Params,
) {
    report.row(Row {
        figure: format!("{name} server time, {} bundles", p.bundles),
        measured: format!(
            "{} ({} queries)",
            ms(large.time),
            large.queries.map_or("?".into(), |q| q.to_string())
        ),
        against: "50 ms".into(),
        ratio: large.time.as_secs_f64() / Duration::from_millis(50).as_secs_f64(),
        target: Target::Below(1.0),
    });
    throughput_row(report, name, large, small, p);
}

fn throughput_row(
    report: &mut Report,
    name: &str,
    large: &PageFigures,
    small: &PageFigures,
    p: &Params,
) {
    report.row(Row {
        figure: format!(
            "{name} throughput, {} vs {} bundles",
            p.bundles, p.small_bundles
        ),
        measured: rps(large.run.per_second),
        against: rps(small.run.per_second),
        ratio: large.run.per_second / small.run.per_second,
        target: Target::AtLeast(0.5),
    });
}

fn versus_healthz(
    report: &mut Report,
    name: &str,
    page: &PageFigures,
    healthz: f64,
    at_least: f64,
) {
    report.row(Row {
        figure: format!("{name} throughput vs /healthz"),
        measured: rps(page.run.per_second),
        against: rps(healthz),
        ratio: page.run.per_second / healthz,
        target: Target::AtLeast(at_least),
    });
}

async fn webhook_rows(
    world: &World,
    bundle_sid: &str,
    healthz: f64,
    params: &Params,
    report: &mut Report,
) -> anyhow::Result<()> {
    let run = pages::hot_bundle_callbacks(world, bundle_sid, params).await?;
    report.row(Row {
        figure: "One hot bundle's signed callbacks vs /healthz".into(),
        measured: rps(run.per_second),
        against: rps(healthz),
        ratio: run.per_second / healthz,
        target: Target::AtLeast(0.05),
    });
    let p99 = run.quantile(0.99);
    report.row(Row {
        figure: format!("Callback p99 at {} in flight", params.load.concurrency),
        measured: ms(p99),
        against: "20 ms".into(),
        ratio: p99.as_secs_f64() / 0.020,
        target: Target::Below(1.0),
    });
    Ok(())
}

/// A renewal the worker prepared (its customer page is ready) and its bundle.
async fn prepared_renewal(world: &World) -> anyhow::Result<(RenewalId, String)> {
    let renewals = recomply::db::renewals::list_for_tenant(&world.db, world.tenant_id).await?;
    let renewal = renewals
        .into_iter()
        .find(|r| r.state == RenewalState::Collecting)
        .ok_or_else(|| anyhow::anyhow!("no renewal was prepared"))?;
    Ok((renewal.renewal_id, renewal.bundle_sid.to_string()))
}

/// The machine, as this process sees it.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "Machine: {cores} cores, load average at the start {}",
        load_average()
    )
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
