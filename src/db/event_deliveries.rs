//! The `event_delivery` table and its attempt log: one row per (outbound event, endpoint),
//! delivered by the `deliver_event` job, whose rows are written here too so that a delivery
//! and its job always commit together (`queue::deliver_event` holds the same payload shape).

use serde_json::{Value, json};
use sqlx::{FromRow, PgExecutor, PgPool};
use time::OffsetDateTime;

use super::PgTx;
use super::jobs::{self, NewJob};
use crate::domain::event_type::EventType;
use crate::domain::ids::{EventDeliveryId, EventEndpointId, OutboundEventId, RenewalId, TenantId};
use crate::domain::storable_text::storable;

/// The job that delivers one row.
pub const JOB_NAME: &str = "deliver_event";
/// Attempts before a delivery's job is dead (about a day of backoff).
pub const MAX_ATTEMPTS: i32 = 12;

/// The job delivering `event_delivery_id` (payload `{tenant_id, event_delivery_id}`).
pub fn job(tenant_id: TenantId, event_delivery_id: EventDeliveryId) -> NewJob {
    NewJob {
        kind: JOB_NAME,
        payload: json!({"tenant_id": tenant_id, "event_delivery_id": event_delivery_id}),
        tenant_id: Some(tenant_id),
        dedupe_key: Some(format!("deliver:{event_delivery_id}")),
        run_at: None,
        max_attempts: MAX_ATTEMPTS,
    }
}

/// Enqueues the delivery's job in the caller's transaction.
pub(super) async fn enqueue(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    event_delivery_id: EventDeliveryId,
) -> sqlx::Result<()> {
    jobs::insert(tx, &job(tenant_id, event_delivery_id)).await?;
    Ok(())
}

/// What sending one delivery needs.
#[derive(Debug, Clone, FromRow)]
pub struct Sending {
    /// The event (its `webhook-id` is derived from this id: the same for every attempt).
    pub outbound_event_id: OutboundEventId,
    /// The endpoint.
    pub event_endpoint_id: EventEndpointId,
    /// Its URL.
    pub url: String,
    /// Whether it still takes deliveries.
    pub enabled: bool,
    /// Its sealed signing secret.
    pub sealed_secret: Vec<u8>,
    /// The body.
    pub payload: Value,
    /// The last 2xx, if the delivery got one (and no resend was asked for since).
    pub delivered_at: Option<OffsetDateTime>,
}

/// The delivery `event_delivery_id` of `tenant_id`, ready to send.
pub async fn for_sending(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    event_delivery_id: EventDeliveryId,
) -> sqlx::Result<Option<Sending>> {
    sqlx::query_as!(
        Sending,
        r#"select d.outbound_event_id as "outbound_event_id: OutboundEventId",
            d.event_endpoint_id as "event_endpoint_id: EventEndpointId",
            e.url, e.enabled, e.sealed_secret,
                o.payload, d.delivered_at
         from event_delivery d
         join event_endpoint e on e.event_endpoint_id = d.event_endpoint_id
         join outbound_event o on o.outbound_event_id = d.outbound_event_id
         where d.tenant_id = $1 and d.event_delivery_id = $2"#,
        tenant_id as _,
        event_delivery_id as _,
    )
    .fetch_optional(db)
    .await
}

/// One attempt's outcome.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    /// The answer's status code; None when there was no answer.
    pub status: Option<u16>,
    /// Why there was no answer.
    pub error: Option<&'a str>,
    /// How long it took.
    pub duration_ms: i32,
}

/// Logs `attempt` and keeps its outcome on the delivery (a 2xx marks it delivered).
pub async fn record_attempt(
    db: &PgPool,
    tenant_id: TenantId,
    event_delivery_id: EventDeliveryId,
    attempt: &Attempt<'_>,
) -> sqlx::Result<()> {
    let status = attempt.status.map(i32::from);
    let delivered = attempt.status.is_some_and(|s| (200..300).contains(&s));
    let mut tx = db.begin().await?;
    sqlx::query!(
        "insert into event_delivery_attempt (event_delivery_id, status, error, duration_ms)
         select event_delivery_id, $3, $4, $5 from event_delivery
         where tenant_id = $1 and event_delivery_id = $2",
        tenant_id as _,
        event_delivery_id as _,
        status,
        attempt.error.map(|e| storable(e).into_owned()),
        attempt.duration_ms,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update event_delivery set attempts = attempts + 1, last_status = $3,
             last_attempt_at = now(),
             delivered_at = case when $4 then now() else delivered_at end
         where tenant_id = $1 and event_delivery_id = $2",
        tenant_id as _,
        event_delivery_id as _,
        status,
        delivered,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// One row of an endpoint's delivery log.
#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    /// Primary key.
    pub event_delivery_id: EventDeliveryId,
    /// The event's type.
    pub event_type: EventType,
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its name.
    pub tenant_name: String,
    /// The renewal, for renewal events.
    pub renewal_id: Option<RenewalId>,
    /// The renewal's sequence number of the event.
    pub sequence: Option<i32>,
    /// Attempts so far.
    pub attempts: i32,
    /// The last answer's status code.
    pub last_status: Option<i32>,
    /// When the last attempt was made.
    pub last_attempt_at: Option<OffsetDateTime>,
    /// The last 2xx.
    pub delivered_at: Option<OffsetDateTime>,
    /// When the event happened.
    pub created_at: OffsetDateTime,
}

/// The endpoint's latest `limit` deliveries, newest first.
pub async fn recent_for_endpoint(
    db: impl PgExecutor<'_>,
    event_endpoint_id: EventEndpointId,
    limit: i64,
) -> sqlx::Result<Vec<DeliveryRow>> {
    sqlx::query_as!(
        DeliveryRow,
        r#"select d.event_delivery_id as "event_delivery_id: EventDeliveryId",
            o.event_type as "event_type: EventType",
            d.tenant_id as "tenant_id: TenantId", t.name as tenant_name,
                o.renewal_id as "renewal_id: RenewalId", o.sequence, d.attempts,
                    d.last_status, d.last_attempt_at,
                d.delivered_at, d.created_at
         from event_delivery d
         join outbound_event o on o.outbound_event_id = d.outbound_event_id
         join tenant t on t.tenant_id = d.tenant_id
         where d.event_endpoint_id = $1
         order by d.created_at desc, o.sequence desc nulls last
         limit $2"#,
        event_endpoint_id as _,
        limit,
    )
    .fetch_all(db)
    .await
}

/// Asks for the delivery to be sent again (same message, new timestamp and signature):
/// clears its delivered mark and enqueues its job. False when the delivery is not the
/// endpoint's, or the endpoint is off.
pub async fn resend(
    tx: &mut PgTx<'_>,
    event_endpoint_id: EventEndpointId,
    event_delivery_id: EventDeliveryId,
) -> sqlx::Result<bool> {
    let tenant_id: Option<TenantId> = sqlx::query_scalar!(
        r#"update event_delivery d set delivered_at = null
         from event_endpoint e
         where d.event_endpoint_id = $1 and d.event_delivery_id = $2
               and e.event_endpoint_id = d.event_endpoint_id and e.enabled
         returning d.tenant_id as "tenant_id: TenantId""#,
        event_endpoint_id as _,
        event_delivery_id as _,
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(tenant_id) = tenant_id else {
        return Ok(false);
    };
    enqueue(tx, tenant_id, event_delivery_id).await?;
    Ok(true)
}
