//! Registering the ISV's event endpoints: a new one gets a fresh signing secret, shown to
//! staff once (the caller renders it) and stored only sealed; rotating replaces it.

use crate::db::event_endpoints::{self, NewEndpoint};
use crate::domain::event_type::EventType;
use crate::domain::ids::{EventEndpointId, TenantId};
use crate::domain::webhook_signature;
use crate::lifecycle::Engine;
use crate::secret::SecretString;

/// What staff asked for.
#[derive(Debug)]
pub struct EndpointRequest<'a> {
    /// What staff call it.
    pub name: &'a str,
    /// Where deliveries go (http or https).
    pub url: &'a str,
    /// Only this tenant's events; None for every tenant.
    pub tenant_id: Option<TenantId>,
    /// The types it receives.
    pub event_types: &'a [EventType],
    /// Who asks.
    pub created_by: &'a str,
}

/// Whether `url` can receive events: an absolute http or https URL with a host.
pub fn is_deliverable(url: &str) -> bool {
    url.parse::<reqwest::Url>().is_ok_and(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// Creates the endpoint; returns its id and its secret (to show once).
pub async fn create(
    engine: &Engine,
    request: &EndpointRequest<'_>,
) -> anyhow::Result<(EventEndpointId, SecretString)> {
    let event_endpoint_id = EventEndpointId::random();
    let secret = SecretString::from(webhook_signature::generate_secret());
    let endpoint = NewEndpoint {
        event_endpoint_id,
        name: request.name,
        url: request.url,
        tenant_id: request.tenant_id,
        event_types: request.event_types,
        created_by: request.created_by,
    };
    event_endpoints::create(&engine.db, &engine.config.secret_key, &endpoint, &secret).await?;
    tracing::info!(%event_endpoint_id, by = request.created_by, "event endpoint created");
    Ok((event_endpoint_id, secret))
}

/// Gives the endpoint a new secret; returns it (to show once), or None for no such endpoint.
pub async fn rotate_secret(
    engine: &Engine,
    event_endpoint_id: EventEndpointId,
) -> anyhow::Result<Option<SecretString>> {
    let secret = SecretString::from(webhook_signature::generate_secret());
    let key = &engine.config.secret_key;
    let rotated =
        event_endpoints::rotate_secret(&engine.db, key, event_endpoint_id, &secret).await?;
    Ok(rotated.then_some(secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_web_urls_receive_events() {
        assert!(is_deliverable("https://isv.example/recomply/events"));
        assert!(is_deliverable("http://127.0.0.1:9000/events"));
        assert!(!is_deliverable("ftp://isv.example/events"));
        assert!(!is_deliverable("isv.example/events"));
        assert!(!is_deliverable("not a url"));
    }
}
