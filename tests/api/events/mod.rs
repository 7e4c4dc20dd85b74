//! Signed outbound events (Standard Webhooks) for the ISV's backend: a test receiver checks
//! every signature with an independent implementation (the `standardwebhooks` crate), fails
//! on request, and records what arrived.

mod credentials;
mod delivery;
mod endpoint_life;
mod receiver;
mod scoping;
mod staff_pages;

use recomply::domain::event_type::EventType;
use recomply::domain::ids::EventEndpointId;
use recomply::domain::ids::TenantId;
use recomply::lifecycle::Engine;
use recomply::lifecycle::events::endpoints::{self, EndpointRequest};
use sqlx::PgPool;

/// Registers an endpoint at `url` as staff would; returns its signing secret.
pub async fn register(
    engine: &Engine,
    url: &str,
    tenant_id: Option<TenantId>,
    event_types: &[EventType],
) -> String {
    let request = EndpointRequest {
        name: "ISV backend",
        url,
        tenant_id,
        event_types,
        created_by: "Ada Admin",
    };
    let (_, secret) = endpoints::create(engine, &request).await.unwrap();
    secret.expose().to_owned()
}

/// The only endpoint's id.
pub async fn only_endpoint(db: &PgPool) -> EventEndpointId {
    sqlx::query_scalar("select event_endpoint_id from event_endpoint")
        .fetch_one(db)
        .await
        .unwrap()
}
