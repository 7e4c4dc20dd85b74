//! The `outbound_event` table: each event recomply sends to the ISV's endpoints, stored once in
//! the transaction of the change it reports (a renewal's transition, a tenant's credentials
//! failing), with one delivery per endpoint that wants it and that delivery's job. A crash
//! therefore never loses an event nor records one twice.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{PgTx, event_deliveries};
use crate::domain::event_type::EventType;
use crate::domain::ids::{EventDeliveryId, RenewalId, TenantId};
use crate::domain::renewal::RenewalState;
use crate::domain::sid::BundleSid;

/// The renewal's particulars an event carries, read while counting its sequence.
#[derive(Debug, sqlx::FromRow)]
struct RenewalFacts {
    sequence: i32,
    state: RenewalState,
    deadline: Option<OffsetDateTime>,
    bundle_sid: BundleSid,
    tenant_slug: String,
    at: OffsetDateTime,
}

/// Records `event_type` about the renewal as it now is (call after its transition, in the
/// same transaction): the renewal's next sequence number, its state, bundle and deadline.
pub async fn record_for_renewal(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    event_type: EventType,
) -> sqlx::Result<()> {
    let facts: RenewalFacts = sqlx::query_as!(
        RenewalFacts,
        r#"update renewal r set event_sequence = r.event_sequence + 1
         from bundle b, tenant t
         where r.tenant_id = $1 and r.renewal_id = $2
               and b.bundle_id = r.bundle_id and t.tenant_id = r.tenant_id
         returning r.event_sequence as sequence, r.state as "state: RenewalState", r.deadline,
             b.sid as "bundle_sid: BundleSid",
                   t.slug as tenant_slug, now() as "at!""#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_one(&mut **tx)
    .await?;
    let event = renewal_event(tenant_id, renewal_id, event_type, facts);
    insert(tx, &event).await
}

/// What an event about a renewal inserted in the caller's transaction carries, read by the
/// insert itself: the renewal's `event_sequence` was written with the row (the first event's
/// number), so it is not updated again.
#[derive(Debug)]
pub struct InsertedRenewal {
    /// The new renewal.
    pub renewal_id: RenewalId,
    /// The `event_sequence` it was inserted with: this event's number.
    pub sequence: i32,
    /// Its state.
    pub state: RenewalState,
    /// Its deadline.
    pub deadline: Option<OffsetDateTime>,
    /// Its bundle's SID.
    pub bundle_sid: BundleSid,
    /// Its tenant's slug.
    pub tenant_slug: String,
    /// The transaction's time (`now()`).
    pub at: OffsetDateTime,
}

/// [`record_for_renewal`] for many renewals of one tenant inserted in the caller's
/// transaction (a sweep opening a page of renewals), in a few statements whatever their
/// number: each renewal was inserted with the event's sequence number.
pub async fn record_for_inserted(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    inserted: Vec<InsertedRenewal>,
    event_type: EventType,
) -> sqlx::Result<()> {
    let events: Vec<NewOutboundEvent> = inserted
        .into_iter()
        .map(|r| {
            let facts = RenewalFacts {
                sequence: r.sequence,
                state: r.state,
                deadline: r.deadline,
                bundle_sid: r.bundle_sid,
                tenant_slug: r.tenant_slug,
                at: r.at,
            };
            renewal_event(tenant_id, r.renewal_id, event_type, facts)
        })
        .collect();
    insert_many(tx, tenant_id, &events).await
}

/// Records `event_type` about the tenant itself (no renewal, no sequence).
pub async fn record_for_tenant(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    event_type: EventType,
) -> sqlx::Result<()> {
    let (slug, at): (String, OffsetDateTime) = sqlx::query!(
        r#"select slug, now() as "at!" from tenant where tenant_id = $1"#,
        tenant_id as _,
    )
    .map(|row| (row.slug, row.at))
    .fetch_one(&mut **tx)
    .await?;
    let data = json!({"tenant_id": tenant_id, "tenant_slug": slug});
    let event = NewOutboundEvent {
        tenant_id,
        renewal_id: None,
        event_type,
        sequence: None,
        payload: body(event_type, at, data),
    };
    insert(tx, &event).await
}

/// The event about one renewal, from the facts read while counting its sequence.
fn renewal_event(
    tenant_id: TenantId,
    renewal_id: RenewalId,
    event_type: EventType,
    facts: RenewalFacts,
) -> NewOutboundEvent {
    let data = json!({
        "tenant_id": tenant_id,
        "tenant_slug": facts.tenant_slug,
        "renewal_id": renewal_id,
        "bundle_sid": facts.bundle_sid.as_str(),
        "state": facts.state.as_str(),
        "deadline": facts.deadline.map(rfc3339),
        "sequence": facts.sequence,
    });
    NewOutboundEvent {
        tenant_id,
        renewal_id: Some(renewal_id),
        event_type,
        sequence: Some(facts.sequence),
        payload: body(event_type, facts.at, data),
    }
}

struct NewOutboundEvent {
    tenant_id: TenantId,
    renewal_id: Option<RenewalId>,
    event_type: EventType,
    sequence: Option<i32>,
    payload: Value,
}

/// The body every delivery of the event sends: `{"type", "timestamp", "data"}`.
fn body(event_type: EventType, at: OffsetDateTime, data: Value) -> Value {
    json!({"type": event_type.as_str(), "timestamp": rfc3339(at), "data": data})
}

/// Stores the event, a delivery for each enabled endpoint that wants it (every-tenant
/// endpoints and the tenant's own), and each delivery's job.
async fn insert(tx: &mut PgTx<'_>, event: &NewOutboundEvent) -> sqlx::Result<()> {
    insert_many(tx, event.tenant_id, std::slice::from_ref(event)).await
}

/// [`insert`] for many events of one tenant and type, in one statement, with their
/// deliveries' jobs in one more.
async fn insert_many(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    events: &[NewOutboundEvent],
) -> sqlx::Result<()> {
    let Some(event_type) = events.first().map(|e| e.event_type) else {
        return Ok(());
    };
    debug_assert!(events.iter().all(|e| e.event_type == event_type));
    let renewals: Vec<Option<RenewalId>> = events.iter().map(|e| e.renewal_id).collect();
    let sequences: Vec<Option<i32>> = events.iter().map(|e| e.sequence).collect();
    let payloads: Vec<&Value> = events.iter().map(|e| &e.payload).collect();
    let deliveries: Vec<EventDeliveryId> = sqlx::query_scalar!(
        r#"with event as (
             insert into outbound_event (tenant_id, renewal_id, event_type, sequence, payload)
             select $1, renewal_id, $2, sequence, payload
             from unnest($3::uuid[], $4::int4[], $5::jsonb[]) with ordinality
                  as e(renewal_id, sequence, payload, n)
             order by n
             returning outbound_event_id, tenant_id
         )
         insert into event_delivery (outbound_event_id, event_endpoint_id, tenant_id)
         select event.outbound_event_id, e.event_endpoint_id, event.tenant_id
         from event, event_endpoint e
         where e.enabled and $2 = any(e.event_types)
               and (e.tenant_id is null or e.tenant_id = event.tenant_id)
         returning event_delivery_id as "event_delivery_id: EventDeliveryId""#,
        tenant_id as _,
        event_type as _,
        &renewals as _,
        &sequences as _,
        &payloads as _,
    )
    .fetch_all(&mut **tx)
    .await?;
    let jobs: Vec<_> = deliveries
        .into_iter()
        .map(|delivery| event_deliveries::job(tenant_id, delivery))
        .collect();
    super::jobs::insert_many(tx, &jobs).await?;
    Ok(())
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}
