//! Keeping the ISV's own status callbacks flowing.
//!
//! recomply learns of a bundle's review by pointing its `StatusCallback` at itself. The ISV may
//! have had its own consumer there, which would then stop hearing about the bundle. So:
//! - before the URL is changed at Twilio, the one that was there is kept
//!   ([`take`], `db::callback_origins`);
//! - every verified callback for the bundle is forwarded to it, re-signed with the tenant's auth
//!   token for that URL so the ISV's own `X-Twilio-Signature` check still passes ([`forward`],
//!   run by the durable `forward_callback` job, retried with backoff until it answers 2xx);
//! - removing the tenant puts every original URL back ([`restore_all`]).

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::Context;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use serde_json::Value;

use super::engine::Engine;
use crate::db::{callback_origins, webhook_events};
use crate::domain::ids::{TenantId, WebhookEventId};
use crate::domain::sid::BundleSid;
use crate::twilio::{Bundle, BundleProperties, BundleStatus, TenantTwilio, TwilioError, signature};

/// How long the ISV's endpoint has to answer a forward.
const FORWARD_TIMEOUT: Duration = Duration::from_secs(10);

/// Which bundles' callbacks recomply takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CallbackPolicy {
    /// Only bundles that are being renewed (approved, with a deadline).
    #[default]
    BundlesWithADeadline,
    /// Every approved bundle, so a new deadline arrives by callback rather than by the next
    /// sweep (the tenant's "every bundle" setting).
    EveryApprovedBundle,
}

impl CallbackPolicy {
    /// The policy a tenant's setting chooses.
    pub fn for_tenant(every_bundle: bool) -> Self {
        if every_bundle {
            Self::EveryApprovedBundle
        } else {
            Self::BundlesWithADeadline
        }
    }

    /// Whether recomply should hold `bundle`'s callback.
    pub fn wants(self, bundle: &Bundle) -> bool {
        let approved = bundle.status == BundleStatus::TwilioApproved;
        match self {
            Self::BundlesWithADeadline => approved && bundle.valid_until.is_some(),
            Self::EveryApprovedBundle => approved,
        }
    }
}

/// Points the status callback of each of `bundles` that `policy` wants at recomply, after
/// keeping the URL it had (all in one statement), with up to `concurrency` updates in flight
/// (each retried on its own, waiting out a `Retry-After`). Returns, in order, the callback URL
/// each bundle has afterwards, or why its update failed.
pub async fn take_all(
    engine: &Engine,
    twilio: &TenantTwilio,
    bundles: &[&Bundle],
    policy: CallbackPolicy,
    concurrency: usize,
) -> anyhow::Result<Vec<anyhow::Result<Option<String>>>> {
    let ours = engine.status_callback_url();
    let current = |bundle: &Bundle| -> Option<String> {
        bundle.status_callback.clone().filter(|url| !url.is_empty())
    };
    let wanted: Vec<&Bundle> = bundles
        .iter()
        .copied()
        .filter(|b| policy.wants(b) && current(b).as_deref() != Some(ours.as_str()))
        .collect();
    // Kept first: if an update below succeeds and we crash before recording it, the next
    // sweep sees our URL and must still know the ISV's.
    let kept: Vec<(&BundleSid, Option<&str>)> = wanted
        .iter()
        .map(|b| {
            (
                &b.sid,
                b.status_callback.as_deref().filter(|u| !u.is_empty()),
            )
        })
        .collect();
    callback_origins::keep_all(&engine.db, twilio.tenant_id(), &kept).await?;
    let mut updated = point_at_us(twilio, &wanted, &ours, concurrency).await;
    Ok(bundles
        .iter()
        .map(|b| match updated.remove(b.sid.as_str()) {
            Some(result) => result.map(|()| Some(ours.clone())),
            None => Ok(current(b)),
        })
        .collect())
}

/// Points the status callback of each of `bundles` at `ours`, with up to `concurrency` updates
/// in flight. Returns each bundle's outcome by SID.
async fn point_at_us(
    twilio: &TenantTwilio,
    bundles: &[&Bundle],
    ours: &str,
    concurrency: usize,
) -> HashMap<String, anyhow::Result<()>> {
    let properties = BundleProperties {
        status_callback: Some(ours.to_owned()),
        ..BundleProperties::default()
    };
    let mut outcomes = HashMap::with_capacity(bundles.len());
    let mut waiting = bundles.iter();
    let mut in_flight = FuturesUnordered::new();
    loop {
        while in_flight.len() < concurrency.max(1) {
            let Some(&bundle) = waiting.next() else {
                break;
            };
            in_flight.push(point_one_at_us(twilio, bundle, &properties));
        }
        match in_flight.next().await {
            Some((sid, result)) => {
                outcomes.insert(sid, result);
            }
            None => return outcomes,
        }
    }
}

/// Points one bundle's status callback where `properties` says; returns its SID with the outcome.
async fn point_one_at_us(
    twilio: &TenantTwilio,
    bundle: &Bundle,
    properties: &BundleProperties,
) -> (String, anyhow::Result<()>) {
    let result = twilio
        .update_bundle_properties(&bundle.sid, properties)
        .await
        .map(drop)
        .context("pointing the bundle's status callback at recomply");
    (bundle.sid.to_string(), result)
}

/// The URL a verified callback for `bundle_sid` should be forwarded to, if any.
pub async fn forward_url(
    engine: &Engine,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> anyhow::Result<Option<String>> {
    let url = callback_origins::forward_url(&engine.db, tenant_id, bundle_sid).await?;
    Ok(forwardable(url))
}

/// `url` when callbacks are forwarded to it (see [`is_forwardable`]).
pub fn forwardable(url: Option<String>) -> Option<String> {
    url.filter(|url| is_forwardable(url))
}

/// Only web URLs are forwarded to (whatever else a bundle carried is kept, not called).
fn is_forwardable(url: &str) -> bool {
    url.parse::<reqwest::Url>()
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https"))
}

/// Forwards the stored callback `webhook_event_id` to its bundle's original URL, signed with
/// the tenant's auth token. An answer other than 2xx (or none) is an error, so the job is
/// retried; a callback already forwarded is not sent again.
pub async fn forward(
    engine: &Engine,
    tenant_id: TenantId,
    webhook_event_id: WebhookEventId,
) -> anyhow::Result<()> {
    let Some(forwarding) =
        webhook_events::forwarding(&engine.db, tenant_id, webhook_event_id).await?
    else {
        return Ok(());
    };
    if forwarding.forwarded_at.is_some() {
        return Ok(());
    }
    let credentials = super::tenants::credentials(engine, tenant_id).await?;
    let token = credentials
        .webhook_auth_token()
        .context("the tenant has no auth token to sign the forwarded callback with")?;
    let params = fields(&forwarding.payload);
    let url = &forwarding.forward_url;
    let sent = client()
        .post(url)
        .header(
            signature::SIGNATURE_HEADER,
            signature::compute(token.expose(), url, &params),
        )
        .form(&params)
        .send()
        .await;
    let status = sent
        .as_ref()
        .ok()
        .map(|response| response.status().as_u16());
    webhook_events::record_forward(&engine.db, tenant_id, webhook_event_id, status).await?;
    match sent {
        Ok(response) if response.status().is_success() => Ok(()),
        Ok(response) => anyhow::bail!("the original callback URL answered {}", response.status()),
        Err(error) => Err(anyhow::Error::new(error).context("forwarding the status callback")),
    }
}

/// The callback's form fields, from its stored payload.
fn fields(payload: &Value) -> Vec<(String, String)> {
    payload
        .as_object()
        .map(|map| {
            map.iter()
                .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// One client for every forward: a timeout, and no redirects (a forward goes where the ISV
/// configured it, nowhere else).
fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(FORWARD_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!(
                "recomply/",
                env!("CARGO_PKG_VERSION"),
                " (callback forward)"
            ))
            .build()
            .expect("a reqwest client with a timeout builds")
    })
}

/// Puts back the original status callback of every bundle whose callback recomply holds for
/// the tenant (clearing it where there was none). Bundles Twilio no longer has count as done.
/// Returns how many were restored; an error leaves the rest for the job's retry.
pub async fn restore_all(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<usize> {
    let taken = callback_origins::still_taken(&engine.db, tenant_id).await?;
    if taken.is_empty() {
        return Ok(0);
    }
    let twilio = engine.twilio_for(tenant_id).await?;
    for bundle in &taken {
        let properties = BundleProperties {
            status_callback: Some(bundle.original_url.clone().unwrap_or_default()),
            ..BundleProperties::default()
        };
        match twilio
            .update_bundle_properties(&bundle.bundle_sid, &properties)
            .await
        {
            Ok(_) | Err(TwilioError::NotFound { .. }) => {}
            Err(error) => return Err(error).context("restoring a bundle's status callback"),
        }
        callback_origins::mark_restored(&engine.db, tenant_id, &bundle.bundle_sid).await?;
    }
    Ok(taken.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_forwarded_to() {
        assert!(is_forwardable("https://isv.example/twilio/bundles"));
        assert!(is_forwardable("http://127.0.0.1:9000/cb"));
        assert!(!is_forwardable("ftp://isv.example/cb"));
        assert!(!is_forwardable("not a url"));
    }

    #[test]
    fn a_callbacks_fields_come_back_from_its_payload() {
        let payload = serde_json::json!({"AccountSid": "AC1", "BundleSid": "BU1", "Status": "twilio-approved"});
        let mut fields = fields(&payload);
        fields.sort();
        assert_eq!(
            fields,
            [
                ("AccountSid".to_owned(), "AC1".to_owned()),
                ("BundleSid".to_owned(), "BU1".to_owned()),
                ("Status".to_owned(), "twilio-approved".to_owned()),
            ]
        );
    }
}
