//! Received status callbacks: stored raw once verified, once per signed content within the
//! de-duplication window, within a per-tenant rate limit.

use serde_json::Value;
use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::{TenantId, WebhookEventId};
use crate::twilio::BundleStatus;

use super::PgTx;

/// A stored callback.
#[derive(Debug, Clone, FromRow)]
pub struct WebhookEvent {
    /// Primary key.
    pub webhook_event_id: WebhookEventId,
    /// The tenant whose account sent it.
    pub tenant_id: TenantId,
    /// `AC…`.
    pub account_sid: String,
    /// `BU…`.
    pub bundle_sid: Option<String>,
    /// The Status field.
    pub status: Option<String>,
    /// The FailureReason field.
    pub failure_reason: Option<String>,
    /// Every form field.
    pub payload: Value,
    /// `sha256:` of the signed URL and body (older rows: the idempotency token).
    pub dedupe_key: String,
    /// A repeat of an earlier delivery (only rows stored before repeats were dropped).
    pub duplicate: bool,
    /// When processing finished.
    pub processed_at: Option<OffsetDateTime>,
    /// When it arrived.
    pub received_at: OffsetDateTime,
}

/// A verified callback to store.
#[derive(Debug, Clone)]
pub struct NewWebhookEvent<'a> {
    /// The tenant.
    pub tenant_id: TenantId,
    /// `AC…`.
    pub account_sid: &'a str,
    /// `BU…`.
    pub bundle_sid: Option<&'a str>,
    /// Status field.
    pub status: Option<&'a str>,
    /// FailureReason field.
    pub failure_reason: Option<&'a str>,
    /// Every form field as a JSON object.
    pub payload: Value,
    /// `sha256:` of the signed URL and the sorted body fields.
    pub dedupe_key: &'a str,
}

/// What [`record`] did with a verified callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Stored as a new event with this id: process it.
    Stored(WebhookEventId),
    /// The same signed content arrived within the window: nothing stored.
    Duplicate,
    /// The tenant already sent its allowance of callbacks in the last minute: nothing stored.
    RateLimited,
}

/// How many rows one tenant's callback count is spread over: concurrent callbacks of one
/// tenant mostly count in different rows (the row is picked by the database connection).
const RATE_SHARDS: i32 = 16;

// The advisory lock key of a bundle's intake: callbacks take it shared for their
// transaction, [`wait_for_intake`] exclusively, for an instant.
// (Written out in each statement that uses it: the query macros read whole SQL.)

/// Stores `event` unless its `dedupe_key` was stored for the tenant within `window`
/// ([`Recorded::Duplicate`]) or the tenant's callbacks counted in the last minute already
/// number `per_minute` ([`Recorded::RateLimited`]; duplicates never count).
///
/// Nothing here updates a row every callback shares. Only copies of the same signed content
/// wait for one another (an advisory lock on the tenant and key until `tx` ends), so two
/// concurrent deliveries of one callback, to any process, are stored once. The rate count
/// lives in [`RATE_SHARDS`] rows per tenant, each with the current and the previous minute;
/// the limit reads the current minute plus the previous one weighted by the part of it still
/// inside the last 60 seconds (rounded up). Callbacks in flight at the same instant do not see
/// one another's count, so a burst may pass the limit by as many callbacks as run at once.
/// The callback also holds its bundle's intake lock (shared) until `tx` ends, so a job that
/// called [`wait_for_intake`] sees every callback that did not see the job running.
///
/// `tx` then commits without waiting for its WAL to reach the disk (`synchronous_commit` off
/// for this transaction only), unless [`commit_durably`] is called: a callback is only a hint
/// to re-read the bundle, and one that a Postgres crash loses after its 204 is recovered by
/// the poll of the copy and the periodic sweep (`docs/webhooks.md`, "Commits that do not wait
/// for the disk").
pub async fn record(
    tx: &mut PgTx<'_>,
    event: &NewWebhookEvent<'_>,
    window: time::Duration,
    per_minute: i64,
) -> sqlx::Result<Recorded> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('webhook:' || $1::text || ':' || $3, 0)),
                pg_advisory_xact_lock_shared(hashtextextended('bundle-intake:' || $1::text || ':' || $2, 0)),
                set_config('synchronous_commit', 'off', true)",
        event.tenant_id as _,
        event.bundle_sid.unwrap_or(""),
        event.dedupe_key,
    )
    .fetch_one(&mut **tx)
    .await?;
    let (duplicate, stored): (bool, Option<WebhookEventId>) = sqlx::query!(
        r#"
with clock as (
    select date_trunc('minute', now()) as minute,
           extract(epoch from now() - date_trunc('minute', now())) / 60 as elapsed
), seen as (
    select exists (select 1 from webhook_event
                    where tenant_id = $1 and dedupe_key = $7
                      and received_at > now() - make_interval(secs => $8)) as duplicate
), counted as (
    select coalesce(sum(case when s.minute = c.minute then s.callbacks else 0 end), 0)
             + ceil(coalesce(sum(case when s.minute = c.minute then s.previous
                                      when s.minute = c.minute - interval '1 minute'
                                          then s.callbacks
                                      else 0 end), 0) * (1 - c.elapsed)) as recent
    from clock c left join webhook_rate_shard s on s.tenant_id = $1
    group by c.elapsed
), stored as (
    insert into webhook_event (tenant_id, account_sid, bundle_sid, status, failure_reason,
        payload, dedupe_key)
    select $1, $2, $3, $4, $5, $6, $7 from seen, counted
     where not seen.duplicate and counted.recent < $9::int8
    returning webhook_event_id
), counting as (
    insert into webhook_rate_shard as s (tenant_id, shard, minute, callbacks)
    select $1, pg_backend_pid() % $10, clock.minute, 1 from stored, clock
    on conflict (tenant_id, shard) do update set
        previous = case when s.minute = excluded.minute then s.previous
                        when s.minute = excluded.minute - interval '1 minute' then s.callbacks
                        else 0 end,
        callbacks = case when s.minute = excluded.minute then s.callbacks + 1 else 1 end,
        minute = excluded.minute
)
select seen.duplicate as "duplicate!", (select webhook_event_id from stored) as "stored: WebhookEventId" from seen"#,
        event.tenant_id as _,
        event.account_sid,
        event.bundle_sid,
        event.status,
        event.failure_reason,
        &event.payload,
        event.dedupe_key,
        window.as_seconds_f64(),
        per_minute,
        RATE_SHARDS,
    )
    .map(|row| (row.duplicate, row.stored))
    .fetch_one(&mut **tx)
    .await?;
    Ok(match (duplicate, stored) {
        (true, _) => Recorded::Duplicate,
        (false, Some(id)) => Recorded::Stored(id),
        (false, None) => Recorded::RateLimited,
    })
}

/// Makes `tx` (a callback's intake, see [`record`]) wait at commit until its WAL is on disk
/// again: for a callback that work no poll or sweep repeats hangs on (forwarding it to the
/// bundle's original URL).
pub async fn commit_durably(tx: &mut PgTx<'_>) -> sqlx::Result<()> {
    sqlx::query!("select set_config('synchronous_commit', 'on', true)")
        .fetch_one(&mut **tx)
        .await?;
    Ok(())
}

// One statement: the repeat check, the rate count, the insert and the count's increment.
// (Written out in each statement that uses it: the query macros read whole SQL.)

/// Waits until every callback about `bundle_sid` whose transaction is under way has committed
/// or failed (their intake locks): a job that is already running when it calls this sees
/// every callback that found it pending (and so queued no job of its own).
pub async fn wait_for_intake(
    db: &sqlx::PgPool,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('bundle-intake:' || $1::text || ':' || $2, 0))",
        tenant_id as _,
        bundle_sid,
    )
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A stored callback not yet processed: its id and Status.
#[derive(Debug, Clone, FromRow)]
pub struct Unprocessed {
    /// The callback.
    pub webhook_event_id: WebhookEventId,
    /// Its Status field (`None` without one).
    pub status: Option<BundleStatus>,
}

/// Every callback about `bundle_sid` not yet processed.
pub async fn unprocessed(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> sqlx::Result<Vec<Unprocessed>> {
    sqlx::query_as!(
        Unprocessed,
        r#"select webhook_event_id as "webhook_event_id: WebhookEventId",
             status as "status: BundleStatus" from webhook_event
         where tenant_id = $1 and bundle_sid = $2 and processed_at is null"#,
        tenant_id as _,
        bundle_sid,
    )
    .fetch_all(db)
    .await
}

/// Marks the callbacks `webhook_event_ids` of the tenant processed.
pub async fn mark_processed(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    webhook_event_ids: &[WebhookEventId],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update webhook_event set processed_at = now()
         where tenant_id = $1 and webhook_event_id = any($2) and processed_at is null",
        tenant_id as _,
        webhook_event_ids as _,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// The database's current time (so comparisons with `received_at` use one clock).
pub async fn database_now(db: impl PgExecutor<'_>) -> sqlx::Result<OffsetDateTime> {
    sqlx::query_scalar!(r#"select now() as "value!""#)
        .fetch_one(db)
        .await
}

/// A SQL expression, on a bundle aliased `b`, for Twilio's reason for the bundle's latest
/// rejection while it is rejected (the Bundle resource carries none: only its status callbacks
/// do), the same reason [`latest_failure_reason`] reads.
pub const REJECTION_REASON: &str = "(select w.failure_reason from webhook_event w
         where w.tenant_id = b.tenant_id and w.bundle_sid = b.sid
             and b.status = 'twilio-rejected' and w.status = 'twilio-rejected'
             and coalesce(w.failure_reason, '') <> ''
         order by w.received_at desc limit 1)";

/// The most recent non-empty FailureReason a callback carried for `bundle_sid`.
pub async fn latest_failure_reason(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"select failure_reason as "failure_reason!" from webhook_event
         where tenant_id = $1 and bundle_sid = $2 and status = 'twilio-rejected'
             and coalesce(failure_reason, '') <> ''
         order by received_at desc limit 1"#,
        tenant_id as _,
        bundle_sid,
    )
    .fetch_optional(db)
    .await
}

/// A tenant's callbacks, newest first.
pub async fn list_for_tenant(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    limit: i64,
) -> sqlx::Result<Vec<WebhookEvent>> {
    sqlx::query_as!(
        WebhookEvent,
        r#"select webhook_event_id as "webhook_event_id: WebhookEventId",
            tenant_id as "tenant_id: TenantId", account_sid, bundle_sid, status,
            failure_reason,
                payload, dedupe_key, duplicate, processed_at, received_at
         from webhook_event where tenant_id = $1
         order by received_at desc limit $2"#,
        tenant_id as _,
        limit,
    )
    .fetch_all(db)
    .await
}

/// Deletes callbacks received before `before`, `batch` rows per statement so no single
/// statement holds locks for long; returns how many went.
pub async fn delete_received_before(
    db: &sqlx::PgPool,
    before: time::OffsetDateTime,
    batch: i64,
) -> sqlx::Result<u64> {
    let mut total = 0;
    loop {
        let deleted = sqlx::query!(
            "delete from webhook_event where webhook_event_id in (
                 select webhook_event_id from webhook_event where received_at < $1 limit $2)",
            before,
            batch,
        )
        .execute(db)
        .await?
        .rows_affected();
        total += deleted;
        if deleted < batch.max(1) as u64 {
            return Ok(total);
        }
    }
}

/// A stored callback to forward to its bundle's original status callback URL.
#[derive(Debug, Clone, FromRow)]
pub struct Forwarding {
    /// The callback's fields, as Twilio sent them.
    pub payload: Value,
    /// Where it goes.
    pub forward_url: String,
    /// Set once the original URL answered 2xx.
    pub forwarded_at: Option<OffsetDateTime>,
}

/// Marks the stored callback `webhook_event_id` as one to forward to `url`.
pub async fn set_forward_url(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    webhook_event_id: WebhookEventId,
    url: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_event set forward_url = $3 where tenant_id = $1 and webhook_event_id = $2",
        tenant_id as _,
        webhook_event_id as _,
        url,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The callback to forward, if it is one.
pub async fn forwarding(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    webhook_event_id: WebhookEventId,
) -> sqlx::Result<Option<Forwarding>> {
    sqlx::query_as!(
        Forwarding,
        r#"select payload, forward_url as "forward_url!", forwarded_at from webhook_event
         where tenant_id = $1 and webhook_event_id = $2 and forward_url is not null"#,
        tenant_id as _,
        webhook_event_id as _,
    )
    .fetch_optional(db)
    .await
}

/// Records the original URL's answer to a forward (`forwarded_at` only for a 2xx).
pub async fn record_forward(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    webhook_event_id: WebhookEventId,
    status: Option<u16>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_event
         set forward_status = $3,
             forwarded_at = case when $3 between 200 and 299 then now() else forwarded_at end
         where tenant_id = $1 and webhook_event_id = $2",
        tenant_id as _,
        webhook_event_id as _,
        status.map(i32::from),
    )
    .execute(db)
    .await?;
    Ok(())
}
