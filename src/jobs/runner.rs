//! Claiming and running one job at a time: [`run_next`] for workers, [`drain`] for tests.
//! Each run is timed into `recomply_job_duration_seconds` by kind and outcome.

use std::panic::AssertUnwindSafe;

use anyhow::Context;
use futures::FutureExt;
use time::OffsetDateTime;

use super::liveness::{self, Supervised};
use super::{JobContext, RunJob, backoff};
use super::{
    check_reminders, create_subaccount_tenants, deliver_event, discard_copy, discover_subaccounts,
    finish_renewal, forward_callback, offboard_tenant, poll_renewal, prepare_renewal,
    process_bundle_status, prune_jobs, send_action_digest, send_notification, send_sign_in_link,
    send_staff_alert, submit_renewal, sweep_all_tenants, sweep_tenant,
};
use crate::db::jobs::{self as queue, Claim, JobRow};
use crate::telemetry::metrics::{self, JobRunOutcome};

/// Every job kind this binary runs, for the `kind` label of the job duration histogram.
const KINDS: [&str; 19] = [
    sweep_all_tenants::JOB_NAME,
    sweep_tenant::JOB_NAME,
    prepare_renewal::JOB_NAME,
    poll_renewal::JOB_NAME,
    process_bundle_status::JOB_NAME,
    finish_renewal::JOB_NAME,
    send_notification::JOB_NAME,
    send_sign_in_link::JOB_NAME,
    send_action_digest::JOB_NAME,
    send_staff_alert::JOB_NAME,
    check_reminders::JOB_NAME,
    prune_jobs::JOB_NAME,
    forward_callback::JOB_NAME,
    offboard_tenant::JOB_NAME,
    discard_copy::JOB_NAME,
    deliver_event::JOB_NAME,
    discover_subaccounts::JOB_NAME,
    create_subaccount_tenants::JOB_NAME,
    submit_renewal::JOB_NAME,
];

/// The kind as a label: one of [`KINDS`], or `unknown` (a row no binary of ours wrote keeps
/// the label set bounded).
fn kind_label(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|known| **known == kind)
        .copied()
        .unwrap_or("unknown")
}

/// What [`run_next`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A job was claimed and run (successfully or not: failures are recorded on the job).
    Ran,
    /// No job was due.
    Empty,
}

/// Claims the next due job, runs it under its heartbeat and timeout ([`liveness`]), and records
/// the result (done, retry later, or dead). Errors only when the database itself fails.
pub async fn run_next(ctx: &JobContext) -> anyhow::Result<Outcome> {
    let db = &ctx.engine.db;
    let Some(job) = queue::claim_next(db, &ctx.worker_id, ctx.liveness.lease_secs())
        .await
        .context("claiming a job")?
    else {
        return Ok(Outcome::Empty);
    };
    let claim = Claim {
        job_id: job.job_id,
        worker: &ctx.worker_id,
        attempt: job.attempts,
    };
    let started = std::time::Instant::now();
    let supervised = liveness::supervise(db, claim, ctx.liveness, run_claimed(ctx, &job)).await;
    let outcome = match &supervised {
        Supervised::Finished(Ok(())) => JobRunOutcome::Done,
        Supervised::Finished(Err(_)) => JobRunOutcome::Failed,
        Supervised::TimedOut => JobRunOutcome::TimedOut,
        Supervised::LeaseLost => JobRunOutcome::LeaseLost,
    };
    metrics::record_job(kind_label(&job.kind), outcome, started.elapsed());
    let result = match supervised {
        Supervised::Finished(result) => result,
        Supervised::TimedOut => Err(anyhow::anyhow!(
            "the job timed out after {} s and was cancelled",
            ctx.liveness.timeout.as_secs()
        )),
        Supervised::LeaseLost => {
            tracing::warn!(job_id = job.job_id.into_i64(), kind = %job.kind, "job cancelled: its lease was lost");
            return Ok(Outcome::Ran);
        }
    };
    match result {
        Ok(()) => {
            if !queue::mark_done(db, claim).await? {
                tracing::warn!(
                    job_id = job.job_id.into_i64(),
                    "job finished after losing its lease"
                );
            }
        }
        Err(error) => record_failure(db, claim, &job, &error).await?,
    }
    Ok(Outcome::Ran)
}

async fn record_failure(
    db: &sqlx::PgPool,
    claim: Claim<'_>,
    job: &JobRow,
    error: &anyhow::Error,
) -> anyhow::Result<()> {
    let message = format!("{error:#}");
    let retry_at = (job.attempts < job.max_attempts)
        .then(|| OffsetDateTime::now_utc() + backoff::delay_after(job.attempts));
    tracing::warn!(
        job_id = job.job_id.into_i64(),
        kind = %job.kind,
        attempts = job.attempts,
        dead = retry_at.is_none(),
        error = %message,
        "job failed"
    );
    queue::mark_failed(db, claim, &message, retry_at).await?;
    if retry_at.is_none() {
        crate::lifecycle::notifications::staff_alerts::job_died(db, job, &message).await?;
    }
    Ok(())
}

/// Runs every due job until none is left (jobs enqueued meanwhile included). Returns how many
/// ran. Tests call this instead of starting a worker, so each step happens deterministically.
pub async fn drain(ctx: &JobContext) -> anyhow::Result<usize> {
    let mut ran = 0;
    while run_next(ctx).await? == Outcome::Ran {
        ran += 1;
        anyhow::ensure!(
            ran < 100_000,
            "drain: jobs keep re-enqueueing themselves as due"
        );
    }
    Ok(ran)
}

#[tracing::instrument(name = "job", skip_all, fields(job_id = job.job_id.into_i64(), kind = %job.kind, attempt = job.attempts, tenant_id = ?job.tenant_id))]
async fn run_claimed(ctx: &JobContext, job: &JobRow) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let result = AssertUnwindSafe(dispatch(ctx, job))
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| {
            let text = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(anyhow::anyhow!("the job panicked: {text}"))
        });
    if result.is_ok() {
        tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "job done"
        );
    }
    result
}

async fn dispatch(ctx: &JobContext, job: &JobRow) -> anyhow::Result<()> {
    let payload = job.payload.clone();
    match job.kind.as_str() {
        sweep_all_tenants::JOB_NAME => {
            run::<sweep_all_tenants::SweepAllTenants>(ctx, payload).await
        }
        sweep_tenant::JOB_NAME => run::<sweep_tenant::SweepTenant>(ctx, payload).await,
        prepare_renewal::JOB_NAME => run::<prepare_renewal::PrepareRenewal>(ctx, payload).await,
        submit_renewal::JOB_NAME => run::<submit_renewal::SubmitRenewal>(ctx, payload).await,
        poll_renewal::JOB_NAME => run::<poll_renewal::PollRenewal>(ctx, payload).await,
        process_bundle_status::JOB_NAME => {
            run::<process_bundle_status::ProcessBundleStatus>(ctx, payload).await
        }
        finish_renewal::JOB_NAME => run::<finish_renewal::FinishRenewal>(ctx, payload).await,
        send_notification::JOB_NAME => {
            run::<send_notification::SendNotification>(ctx, payload).await
        }
        send_sign_in_link::JOB_NAME => run::<send_sign_in_link::SendSignInLink>(ctx, payload).await,
        send_action_digest::JOB_NAME => {
            run::<send_action_digest::SendActionDigest>(ctx, payload).await
        }
        send_staff_alert::JOB_NAME => run::<send_staff_alert::SendStaffAlert>(ctx, payload).await,
        check_reminders::JOB_NAME => run::<check_reminders::CheckReminders>(ctx, payload).await,
        prune_jobs::JOB_NAME => run::<prune_jobs::PruneJobs>(ctx, payload).await,
        forward_callback::JOB_NAME => run::<forward_callback::ForwardCallback>(ctx, payload).await,
        offboard_tenant::JOB_NAME => run::<offboard_tenant::OffboardTenant>(ctx, payload).await,
        discard_copy::JOB_NAME => run::<discard_copy::DiscardCopy>(ctx, payload).await,
        deliver_event::JOB_NAME => run::<deliver_event::DeliverEvent>(ctx, payload).await,
        discover_subaccounts::JOB_NAME => {
            run::<discover_subaccounts::DiscoverSubaccounts>(ctx, payload).await
        }
        create_subaccount_tenants::JOB_NAME => {
            run::<create_subaccount_tenants::CreateSubaccountTenants>(ctx, payload).await
        }
        other => anyhow::bail!("unknown job kind {other:?}"),
    }
}

async fn run<J: RunJob>(ctx: &JobContext, payload: serde_json::Value) -> anyhow::Result<()> {
    let job: J = serde_json::from_value(payload)
        .with_context(|| format!("decoding the payload of a {} job", J::JOB_NAME))?;
    job.run(ctx).await
}
