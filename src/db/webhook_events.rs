//! Received status callbacks: stored raw once verified, once per signed content within the
//! de-duplication window, within a per-tenant rate limit.

use serde_json::Value;
use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::PgTx;

/// A stored callback.
#[derive(Debug, Clone, FromRow)]
pub struct WebhookEvent {
    /// Primary key.
    pub webhook_event_id: Uuid,
    /// The tenant whose account sent it.
    pub tenant_id: Uuid,
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
    pub tenant_id: Uuid,
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
    Stored(Uuid),
    /// The same signed content arrived within the window: nothing stored.
    Duplicate,
    /// The tenant already sent its allowance of callbacks in the last minute: nothing stored.
    RateLimited,
}

/// Stores `event` unless its `dedupe_key` was stored for the tenant within `window`
/// ([`Recorded::Duplicate`]) or the tenant's callbacks stored in the last minute already
/// number `per_minute` ([`Recorded::RateLimited`]; duplicates never count). One tenant's
/// callbacks are serialised by an advisory lock until `tx` ends, so concurrent deliveries, to
/// any process, neither both pass as new nor slip past the limit together.
pub async fn record(
    tx: &mut PgTx<'_>,
    event: &NewWebhookEvent<'_>,
    window: time::Duration,
    per_minute: i64,
) -> sqlx::Result<Recorded> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('webhook:' || $1::text, 0))")
        .bind(event.tenant_id)
        .execute(&mut **tx)
        .await?;
    let seen: bool = sqlx::query_scalar(
        "select exists (select 1 from webhook_event
             where tenant_id = $1 and dedupe_key = $2
                 and received_at > now() - make_interval(secs => $3))",
    )
    .bind(event.tenant_id)
    .bind(event.dedupe_key)
    .bind(window.as_seconds_f64())
    .fetch_one(&mut **tx)
    .await?;
    if seen {
        return Ok(Recorded::Duplicate);
    }
    let last_minute: i64 = sqlx::query_scalar(
        "select count(*) from webhook_event
         where tenant_id = $1 and received_at > now() - interval '1 minute'",
    )
    .bind(event.tenant_id)
    .fetch_one(&mut **tx)
    .await?;
    if last_minute >= per_minute {
        return Ok(Recorded::RateLimited);
    }
    let id: Uuid = sqlx::query_scalar(
        "insert into webhook_event (tenant_id, account_sid, bundle_sid, status, failure_reason,
             payload, dedupe_key)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning webhook_event_id",
    )
    .bind(event.tenant_id)
    .bind(event.account_sid)
    .bind(event.bundle_sid)
    .bind(event.status)
    .bind(event.failure_reason)
    .bind(&event.payload)
    .bind(event.dedupe_key)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Recorded::Stored(id))
}

/// Marks every callback about `bundle_sid` received up to `received_by` processed (callbacks
/// arriving while a bundle is being processed collapse into that processing).
pub async fn mark_processed(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    bundle_sid: &str,
    received_by: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "update webhook_event set processed_at = now()
         where tenant_id = $1 and bundle_sid = $2 and processed_at is null
             and received_at <= $3",
    )
    .bind(tenant_id)
    .bind(bundle_sid)
    .bind(received_by)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// The Status of every callback about `bundle_sid` not yet processed, received up to
/// `received_by` (a callback without Status reads as empty).
pub async fn unprocessed_statuses(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    bundle_sid: &str,
    received_by: OffsetDateTime,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select coalesce(status, '') from webhook_event
         where tenant_id = $1 and bundle_sid = $2 and processed_at is null
             and received_at <= $3",
    )
    .bind(tenant_id)
    .bind(bundle_sid)
    .bind(received_by)
    .fetch_all(db)
    .await
}

/// The database's current time (so comparisons with `received_at` use one clock).
pub async fn database_now(db: impl PgExecutor<'_>) -> sqlx::Result<OffsetDateTime> {
    sqlx::query_scalar("select now()").fetch_one(db).await
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
    tenant_id: Uuid,
    bundle_sid: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "select failure_reason from webhook_event
         where tenant_id = $1 and bundle_sid = $2 and status = 'twilio-rejected'
             and coalesce(failure_reason, '') <> ''
         order by received_at desc limit 1",
    )
    .bind(tenant_id)
    .bind(bundle_sid)
    .fetch_optional(db)
    .await
}

/// A tenant's callbacks, newest first.
pub async fn list_for_tenant(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<WebhookEvent>> {
    sqlx::query_as::<_, WebhookEvent>(
        "select webhook_event_id, tenant_id, account_sid, bundle_sid, status, failure_reason,
                payload, dedupe_key, duplicate, processed_at, received_at
         from webhook_event where tenant_id = $1
         order by received_at desc limit $2",
    )
    .bind(tenant_id)
    .bind(limit)
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
        let deleted = sqlx::query(
            "delete from webhook_event where webhook_event_id in (
                 select webhook_event_id from webhook_event where received_at < $1 limit $2)",
        )
        .bind(before)
        .bind(batch)
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
    tenant_id: Uuid,
    webhook_event_id: Uuid,
    url: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update webhook_event set forward_url = $3 where tenant_id = $1 and webhook_event_id = $2",
    )
    .bind(tenant_id)
    .bind(webhook_event_id)
    .bind(url)
    .execute(db)
    .await?;
    Ok(())
}

/// The callback to forward, if it is one.
pub async fn forwarding(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    webhook_event_id: Uuid,
) -> sqlx::Result<Option<Forwarding>> {
    sqlx::query_as(
        "select payload, forward_url, forwarded_at from webhook_event
         where tenant_id = $1 and webhook_event_id = $2 and forward_url is not null",
    )
    .bind(tenant_id)
    .bind(webhook_event_id)
    .fetch_optional(db)
    .await
}

/// Records the original URL's answer to a forward (`forwarded_at` only for a 2xx).
pub async fn record_forward(
    db: impl PgExecutor<'_>,
    tenant_id: Uuid,
    webhook_event_id: Uuid,
    status: Option<u16>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update webhook_event
         set forward_status = $3,
             forwarded_at = case when $3 between 200 and 299 then now() else forwarded_at end
         where tenant_id = $1 and webhook_event_id = $2",
    )
    .bind(tenant_id)
    .bind(webhook_event_id)
    .bind(status.map(i32::from))
    .execute(db)
    .await?;
    Ok(())
}
