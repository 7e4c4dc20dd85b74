//! Figure 1: the sweep of the tenant against its bound, (list pages at PageSize=1000 for the
//! stamped list and the full list) × (one list call alone) + (StatusCallback updates needed ×
//! one update alone ÷ the sweep's concurrency).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use recomply::domain::sid::BundleSid;
use recomply::twilio::{BundleFilter, BundleProperties, BundleSortBy, SortDirection};

use crate::params::Params;
use crate::report::{Report, Row, Target, ms};
use crate::world::World;

/// Measures the two call latencies alone, then sweeps and reports.
pub async fn measure(world: &World, params: &Params, report: &mut Report) -> anyhow::Result<()> {
    let list = list_call_latency(world).await?;
    let update = update_latency(world, 20).await?;
    let pages = params.stamped.div_ceil(1000) + params.bundles.div_ceil(1000);
    let updates = params.stamped;
    let bound =
        list * pages as u32 + update.mul_f64(updates as f64 / params.sweep_concurrency as f64);
    world.emulator.state.lock().requests.clear();
    let started = Instant::now();
    let swept =
        recomply::lifecycle::discovery::sweep_tenant(&world.engine, world.tenant_id).await?;
    let took = started.elapsed();
    let calls = call_counts(world);
    let total: usize = calls.values().sum();
    report.row(Row {
        figure: format!(
            "Sweep of {} bundles ({} stamped)",
            params.bundles, params.stamped
        ),
        measured: format!("{:.2} s", took.as_secs_f64()),
        against: format!(
            "bound {:.2} s = {pages} pages x {} + {updates} updates x {} / {}",
            bound.as_secs_f64(),
            ms(list),
            ms(update),
            params.sweep_concurrency
        ),
        ratio: took.as_secs_f64() / bound.as_secs_f64(),
        target: Target::AtMost(3.0),
    });
    report.note(format!(
        "Sweep: {} bundles seen, {} renewals opened, {total} Twilio API calls: {}",
        swept.bundles_seen,
        swept.renewals_opened,
        calls
            .iter()
            .map(|(call, n)| format!("{n} x {call}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(())
}

/// The mean latency of one `GET /Bundles` page of 1000, walking the stamped list and the full
/// list as the bound counts them (warm: the second walk is the one measured).
async fn list_call_latency(world: &World) -> anyhow::Result<Duration> {
    let twilio = world.engine.twilio_for(world.tenant_id).await?;
    let stamped = BundleFilter {
        has_valid_until_date: Some(true),
        sort_by: Some(BundleSortBy::ValidUntil),
        sort_direction: Some(SortDirection::Asc),
        page_size: Some(1000),
        ..BundleFilter::default()
    };
    let everything = BundleFilter {
        page_size: Some(1000),
        ..BundleFilter::default()
    };
    let mut measured = (Duration::ZERO, 0);
    for _ in 0..2 {
        let before = world.emulator.request_count();
        let started = Instant::now();
        twilio.list_all_bundles(&stamped).await?;
        twilio.list_all_bundles(&everything).await?;
        measured = (started.elapsed(), world.emulator.request_count() - before);
    }
    Ok(measured.0 / measured.1.max(1) as u32)
}

/// The median latency of one StatusCallback update, on bundles the sweep leaves alone (the
/// UK local ones, which carry no deadline).
async fn update_latency(world: &World, samples: usize) -> anyhow::Result<Duration> {
    let twilio = world.engine.twilio_for(world.tenant_id).await?;
    let sids: Vec<String> = {
        let store = world.emulator.state.lock();
        store
            .bundles
            .values()
            .filter(|b| b.friendly_name.starts_with("Bench local"))
            .take(samples)
            .map(|b| b.sid.clone())
            .collect()
    };
    let properties = BundleProperties {
        status_callback: Some("https://isv.example/twilio/bundles".into()),
        ..BundleProperties::default()
    };
    let mut times = Vec::new();
    for sid in &sids {
        let started = Instant::now();
        twilio
            .update_bundle_properties(&BundleSid::from_trusted(sid.as_str()), &properties)
            .await?;
        times.push(started.elapsed());
    }
    times.sort_unstable();
    Ok(times.get(times.len() / 2).copied().unwrap_or_default())
}

/// The logged calls as `METHOD /path` with SIDs reduced to their prefix, counted.
pub fn call_counts(world: &World) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for request in world.emulator.requests() {
        let path = request
            .path
            .trim_start_matches("/v2/RegulatoryCompliance")
            .split('/')
            .map(|seg| if seg.len() == 34 { &seg[..2] } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        *counts
            .entry(format!("{} {path}", request.method))
            .or_insert(0) += 1;
    }
    counts
}
