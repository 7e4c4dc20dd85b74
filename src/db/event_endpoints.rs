//! The `event_endpoint` table: the ISV's URLs that receive outbound events, each for every
//! tenant or one, with the event types it wants. Its signing secret is sealed with the
//! application key (the endpoint id as associated data) and only opened to sign a delivery.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::crypto::SecretKey;
use crate::domain::event_type::EventType;
use crate::domain::ids::{EventEndpointId, TenantId};
use crate::secret::SecretString;

/// An endpoint, with its tenant's name (the secret is never loaded into it).
#[derive(Debug, Clone, FromRow)]
pub struct EventEndpoint {
    /// Primary key.
    pub event_endpoint_id: EventEndpointId,
    /// What staff call it.
    pub name: String,
    /// Where deliveries are posted.
    pub url: String,
    /// Only this tenant's events; None for every tenant.
    pub tenant_id: Option<TenantId>,
    /// That tenant's name.
    pub tenant_name: Option<String>,
    /// The event types it receives.
    pub event_types: Vec<EventType>,
    /// Whether deliveries go out.
    pub enabled: bool,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: OffsetDateTime,
    /// When its secret was last replaced.
    pub secret_rotated_at: Option<OffsetDateTime>,
}

/// A new endpoint.
#[derive(Debug)]
pub struct NewEndpoint<'a> {
    /// Its id (the sealed secret is bound to it).
    pub event_endpoint_id: EventEndpointId,
    /// What staff call it.
    pub name: &'a str,
    /// Where deliveries are posted.
    pub url: &'a str,
    /// Only this tenant's events; None for every tenant.
    pub tenant_id: Option<TenantId>,
    /// The event types it receives (at least one).
    pub event_types: &'a [EventType],
    /// Who creates it.
    pub created_by: &'a str,
}

/// Stores `endpoint` with `secret` sealed.
pub async fn create(
    db: impl PgExecutor<'_>,
    key: &SecretKey,
    endpoint: &NewEndpoint<'_>,
    secret: &SecretString,
) -> sqlx::Result<()> {
    let id = endpoint.event_endpoint_id;
    sqlx::query!(
        "insert into event_endpoint
             (event_endpoint_id, name, url, tenant_id, event_types, sealed_secret, created_by)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id as _,
        endpoint.name,
        endpoint.url,
        endpoint.tenant_id as _,
        endpoint.event_types as _,
        seal(key, id, secret),
        endpoint.created_by,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Every endpoint, newest first.
pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<EventEndpoint>> {
    sqlx::query_as!(
        EventEndpoint,
        r#"select e.event_endpoint_id as "event_endpoint_id: EventEndpointId", e.name, e.url,
            e.tenant_id as "tenant_id: TenantId",
        t.name as "tenant_name?", e.event_types as "event_types: Vec<EventType>", e.enabled,
            e.created_by, e.created_at,
        e.secret_rotated_at
    from event_endpoint e left join tenant t on t.tenant_id = e.tenant_id order by e.created_at desc"#,
    )
        .fetch_all(db)
        .await
}

/// The endpoint `event_endpoint_id`.
pub async fn find(
    db: impl PgExecutor<'_>,
    event_endpoint_id: EventEndpointId,
) -> sqlx::Result<Option<EventEndpoint>> {
    sqlx::query_as!(
        EventEndpoint,
        r#"select e.event_endpoint_id as "event_endpoint_id: EventEndpointId", e.name, e.url,
            e.tenant_id as "tenant_id: TenantId",
        t.name as "tenant_name?", e.event_types as "event_types: Vec<EventType>", e.enabled,
            e.created_by, e.created_at,
        e.secret_rotated_at
    from event_endpoint e left join tenant t on t.tenant_id = e.tenant_id where e.event_endpoint_id = $1"#,
        event_endpoint_id as _,
    )
        .fetch_optional(db)
        .await
}

/// Replaces the endpoint's secret with `secret`; false when there is no such endpoint.
pub async fn rotate_secret(
    db: impl PgExecutor<'_>,
    key: &SecretKey,
    event_endpoint_id: EventEndpointId,
    secret: &SecretString,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update event_endpoint set sealed_secret = $2, secret_rotated_at = now()
         where event_endpoint_id = $1",
        event_endpoint_id as _,
        seal(key, event_endpoint_id, secret),
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Turns deliveries to the endpoint on or off; false when there is no such endpoint.
pub async fn set_enabled(
    db: impl PgExecutor<'_>,
    event_endpoint_id: EventEndpointId,
    enabled: bool,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update event_endpoint set enabled = $2 where event_endpoint_id = $1",
        event_endpoint_id as _,
        enabled,
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Deletes the endpoint and its delivery log; false when there was none.
pub async fn delete(
    db: impl PgExecutor<'_>,
    event_endpoint_id: EventEndpointId,
) -> sqlx::Result<bool> {
    let deleted = sqlx::query!(
        "delete from event_endpoint where event_endpoint_id = $1",
        event_endpoint_id as _,
    )
    .execute(db)
    .await?;
    Ok(deleted.rows_affected() == 1)
}

/// The sealed secret as stored, opened with `key` (None when it does not open: another key).
pub fn open_secret(
    key: &SecretKey,
    event_endpoint_id: EventEndpointId,
    sealed: &[u8],
) -> Option<SecretString> {
    let plain = key
        .open(event_endpoint_id.as_uuid().as_bytes(), sealed)
        .ok()?;
    String::from_utf8(plain).ok().map(SecretString::from)
}

/// Re-seals every endpoint's secret from `old_key` to `new_key` in one transaction (secrets
/// that already open with the new key are left as they are): the count re-sealed.
#[tracing::instrument(skip_all)]
pub async fn reseal_all(
    pool: &sqlx::PgPool,
    old_key: &SecretKey,
    new_key: &SecretKey,
) -> anyhow::Result<u64> {
    let mut tx = pool.begin().await?;
    let rows: Vec<(EventEndpointId, Vec<u8>)> = sqlx::query!(
        r#"select event_endpoint_id as "event_endpoint_id: EventEndpointId",
            sealed_secret from event_endpoint
         order by event_endpoint_id for update"#
    )
    .map(|row| (row.event_endpoint_id, row.sealed_secret))
    .fetch_all(&mut *tx)
    .await?;
    let mut resealed = 0;
    for (event_endpoint_id, sealed) in rows {
        let context = event_endpoint_id.as_uuid().as_bytes();
        let secret = match old_key.open(context, &sealed) {
            Ok(secret) => secret,
            Err(_) if new_key.open(context, &sealed).is_ok() => continue,
            Err(e) => anyhow::bail!("the secret of event endpoint {event_endpoint_id}: {e}"),
        };
        sqlx::query!(
            "update event_endpoint set sealed_secret = $2 where event_endpoint_id = $1",
            event_endpoint_id as _,
            new_key.seal(context, &secret),
        )
        .execute(&mut *tx)
        .await?;
        resealed += 1;
    }
    tx.commit().await?;
    Ok(resealed)
}

fn seal(key: &SecretKey, event_endpoint_id: EventEndpointId, secret: &SecretString) -> Vec<u8> {
    key.seal(
        event_endpoint_id.as_uuid().as_bytes(),
        secret.expose().as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_for_its_endpoint() {
        let key = SecretKey::generate();
        let (id, other) = (EventEndpointId::random(), EventEndpointId::random());
        let sealed = seal(&key, id, &SecretString::from("whsec_c2VjcmV0".to_owned()));
        assert!(!sealed.windows(6).any(|w| w == b"whsec_"));
        assert_eq!(
            open_secret(&key, id, &sealed).unwrap().expose(),
            "whsec_c2VjcmV0"
        );
        assert!(open_secret(&key, other, &sealed).is_none());
    }
}
