//! Figures 2 and 3: pages (unloaded server time and throughput), `/healthz` (the reference),
//! and one hot bundle's signed status callbacks under load.

use std::sync::Arc;
use std::time::Duration;

use recomply::twilio::signature;

use crate::load::{self, RequestFn, Run};
use crate::params::Params;
use crate::world::World;

/// A page's unloaded server time and its throughput.
#[derive(Debug, Clone)]
pub struct PageFigures {
    /// Median of sequential requests.
    pub time: Duration,
    /// Database queries per request (`Server-Timing`).
    pub queries: Option<u32>,
    /// Under load.
    pub run: Run,
}

/// Measures `path` as `client` sees it.
pub async fn page(
    world: &World,
    client: &reqwest::Client,
    path: &str,
    params: &Params,
) -> anyhow::Result<PageFigures> {
    let url = format!("{}{path}", world.address);
    let client = client.clone();
    let request: RequestFn = Arc::new(move |_| client.get(&url));
    let (time, queries) = load::server_time(request.clone(), params.samples).await?;
    let run = params.load.run(request, 200).await?;
    println!(
        "  {path}: {:.2} ms unloaded, {} queries; {:.0} req/s ({} answered, {} failed), p99 {:.2} ms",
        time.as_secs_f64() * 1000.0,
        queries.map_or("?".into(), |q| q.to_string()),
        run.per_second,
        run.ok,
        run.failed,
        run.quantile(0.99).as_secs_f64() * 1000.0,
    );
    Ok(PageFigures { time, queries, run })
}

/// `/healthz` under the same load.
pub async fn healthz(world: &World, params: &Params) -> anyhow::Result<Run> {
    let url = format!("{}/healthz", world.address);
    let http = world.http.clone();
    let run = params
        .load
        .run(Arc::new(move |_| http.get(&url)), 200)
        .await?;
    println!(
        "  /healthz: {:.0} req/s ({} answered, {} failed), p99 {:.2} ms",
        run.per_second,
        run.ok,
        run.failed,
        run.quantile(0.99).as_secs_f64() * 1000.0
    );
    Ok(run)
}

/// Signed status callbacks about one bundle, each different (a `Sequence` field counts up, so
/// none is a repeat and every one is verified, stored and queued).
pub async fn hot_bundle_callbacks(
    world: &World,
    bundle_sid: &str,
    params: &Params,
) -> anyhow::Result<Run> {
    let url = format!("{}/webhooks/twilio/bundle-status", world.address);
    let (http, account, token, bundle) = (
        world.http.clone(),
        world.account_sid.clone(),
        world.auth_token.clone(),
        bundle_sid.to_owned(),
    );
    let request: RequestFn = Arc::new(move |n| {
        let fields = vec![
            ("AccountSid".to_owned(), account.clone()),
            ("BundleSid".to_owned(), bundle.clone()),
            ("Status".to_owned(), "twilio-approved".to_owned()),
            ("FailureReason".to_owned(), String::new()),
            ("Sequence".to_owned(), n.to_string()),
        ];
        let signed = signature::compute(&token, &url, &fields);
        http.post(&url)
            .header(signature::SIGNATURE_HEADER, signed)
            .header("I-Twilio-Idempotency-Token", format!("bench-{n}"))
            .form(&fields)
    });
    let run = params.load.run(request, 204).await?;
    println!(
        "  callbacks: {:.0} req/s ({} stored, {} failed), p50 {:.2} ms, p99 {:.2} ms",
        run.per_second,
        run.ok,
        run.failed,
        run.quantile(0.5).as_secs_f64() * 1000.0,
        run.quantile(0.99).as_secs_f64() * 1000.0
    );
    Ok(run)
}

/// Stores webhook events (already processed, spread over the last week) until the tenant has
/// `total`; returns how many were added.
pub async fn store_webhook_events(world: &World, total: usize) -> anyhow::Result<i64> {
    let stored: i64 = sqlx::query_scalar("select count(*) from webhook_event where tenant_id = $1")
        .bind(world.tenant_id)
        .fetch_one(&world.db)
        .await?;
    let missing = (total as i64 - stored).max(0);
    sqlx::query(
        "insert into webhook_event (tenant_id, account_sid, bundle_sid, status, payload,
             dedupe_key, processed_at, received_at)
         select $1::uuid, $2::text, b.sid, 'twilio-approved',
             jsonb_build_object('AccountSid', $2::text, 'BundleSid', b.sid,
                                'Status', 'twilio-approved'),
             'bench:' || n, now(), now() - (n % 10080)::float8 * interval '1 minute'
         from generate_series(1::bigint, $3::bigint) as n
         cross join lateral (select sid from bundle where tenant_id = $1::uuid
                             order by sid offset (n % 100) limit 1) as b",
    )
    .bind(world.tenant_id)
    .bind(&world.account_sid)
    .bind(missing)
    .execute(&world.db)
    .await?;
    Ok(missing)
}
