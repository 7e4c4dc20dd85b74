//! Figure 4: with latency added to every emulator call, renewals prepared by one worker with
//! `concurrency` runner loops, against calls per renewal × latency × renewals ÷ concurrency.

use std::time::{Duration, Instant};

use anyhow::bail;
use recomply::emulator::faults::{RequestFault, RequestFaultRule, Trigger};
use tokio::sync::oneshot;

use crate::params::Params;
use crate::report::{Report, Row, Target};
use crate::world::World;

/// Holds back every job but `params.prepare` of the renewals' preparations (and the periodic
/// jobs), adds the latency, runs a worker until they are prepared, and reports.
pub async fn measure(world: &World, params: &Params, report: &mut Report) -> anyhow::Result<()> {
    hold_back_other_jobs(world, params.prepare).await?;
    let before = prepared(world).await?;
    world.emulator.state.lock().requests.clear();
    add_latency(world, params.latency_ms);
    let (stop, stopped) = oneshot::channel::<()>();
    let worker = tokio::spawn(recomply::jobs::worker::run_worker_until_stopped(
        world.engine.clone(),
        params.worker_concurrency,
        async move {
            let _ = stopped.await;
        },
    ));
    let started = Instant::now();
    let target = before + params.prepare as i64;
    let latency = Duration::from_millis(params.latency_ms);
    // Generous: a figure 20 times over its bound is reported as it is after this long.
    let give_up = latency * 40 * params.prepare as u32 / params.worker_concurrency as u32;
    while prepared(world).await? < target {
        if started.elapsed() > give_up + Duration::from_secs(60) {
            bail!("preparation did not finish within {give_up:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took = started.elapsed();
    let _ = stop.send(());
    worker.await??;
    world.emulator.state.lock().faults.clear_requests();
    let calls = crate::sweep::call_counts(world);
    let per_renewal = per_renewal_calls(&calls) as f64 / params.prepare as f64;
    let bound = latency.as_secs_f64() * per_renewal * params.prepare as f64
        / params.worker_concurrency as f64;
    report.row(Row {
        figure: format!(
            "Preparation of {} of the {} renewals (BENCH_PREPARE), +{} ms per call, worker \
             concurrency {}",
            params.prepare, params.stamped, params.latency_ms, params.worker_concurrency
        ),
        measured: format!("{:.2} s", took.as_secs_f64()),
        against: format!(
            "bound {bound:.2} s = {per_renewal:.2} calls/renewal x {:.2} s x {} / {}",
            latency.as_secs_f64(),
            params.prepare,
            params.worker_concurrency
        ),
        ratio: took.as_secs_f64() / bound,
        target: Target::AtMost(1.3),
    });
    report.note(format!(
        "Renewals afterwards by state: {:?}",
        states(world).await?
    ));
    report.note(format!(
        "Preparation calls: {}",
        calls
            .iter()
            .map(|(call, n)| format!("{n} x {call}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(())
}

/// Adds `ms` of latency to every emulator request.
fn add_latency(world: &World, ms: u64) {
    world
        .emulator
        .state
        .lock()
        .faults
        .add_request_rule(RequestFaultRule {
            method: None,
            path: "/**".into(),
            fault: RequestFault::Latency { ms },
            trigger: Trigger {
                probability: None,
                count: None,
            },
        });
}

/// The tenant's renewals counted by state.
async fn states(world: &World) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "select state, count(*) from renewal where tenant_id = $1 group by state order by state",
    )
    .bind(world.tenant_id)
    .fetch_all(&world.db)
    .await?)
}

/// Calls that belong to one renewal: not the account's listings nor the shared regulation.
fn per_renewal_calls(calls: &std::collections::BTreeMap<String, usize>) -> usize {
    calls
        .iter()
        .filter(|(call, _)| {
            call.as_str() != "GET /Bundles"
                && !call.starts_with("GET /Regulations")
                && !call.contains("IncomingPhoneNumbers")
                && !call.contains("/Addresses.json")
        })
        .map(|(_, n)| n)
        .sum()
}

/// Renewals of the tenant past preparation's first two steps.
async fn prepared(world: &World) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "select count(*) from renewal
         where tenant_id = $1 and state not in ('detected', 'copy_created')",
    )
    .bind(world.tenant_id)
    .fetch_one(&world.db)
    .await?)
}

/// Schedules the periodic jobs, then moves every pending job a day ahead except the first
/// `keep` preparations, so the worker runs only what is measured.
async fn hold_back_other_jobs(world: &World, keep: usize) -> anyhow::Result<()> {
    recomply::jobs::schedule::ensure_periodic_jobs(&world.db).await?;
    sqlx::query(
        "update job set run_at = now() + interval '1 day'
         where status = 'pending' and job_id not in (
             select job_id from job where status = 'pending' and kind = 'prepare_renewal'
             order by job_id limit $1)",
    )
    .bind(keep as i64)
    .execute(&world.db)
    .await?;
    Ok(())
}
