//! The HTTP client: one shared [`TwilioClient`] per process, a cheap [`TenantTwilio`] handle per
//! tenant, and the single place where requests are sent, retried, traced, counted and timed
//! (`recomply_twilio_request_duration_seconds` by operation and outcome).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use url::Url;
use uuid::Uuid;

use super::credentials::TwilioCredentials;
use super::error::TwilioError;
use super::form::Params;
use super::requests::DocumentUpload;
use super::retry::{self, Idempotency, RetryDecision};
use crate::config::TwilioConfig;
use crate::domain::ids::TenantId;
use crate::domain::storable_text;
use crate::telemetry::metrics;

/// The process-wide Twilio client: connection pool, configuration, call counter.
#[derive(Clone)]
pub struct TwilioClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    http: reqwest::Client,
    config: TwilioConfig,
    calls: AtomicU64,
}

impl std::fmt::Debug for TwilioClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl TwilioClient {
    /// Builds the client (no request is made).
    pub fn new(config: TwilioConfig) -> Result<Self, TwilioError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(std::time::Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("recomply/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(TwilioError::Transport)?;
        Ok(Self {
            inner: Arc::new(ClientInner {
                http,
                config,
                calls: AtomicU64::new(0),
            }),
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &TwilioConfig {
        &self.inner.config
    }

    /// HTTP requests sent so far by every handle of this client (retries included).
    pub fn calls_made(&self) -> u64 {
        self.inner.calls.load(Ordering::Relaxed)
    }

    /// A handle that acts as `tenant_id`'s Twilio account. Cheap: clones an `Arc` and the
    /// credentials.
    pub fn for_tenant(&self, tenant_id: TenantId, credentials: &TwilioCredentials) -> TenantTwilio {
        TenantTwilio {
            client: self.clone(),
            tenant_id,
            credentials: credentials.clone(),
            calls: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A handle that acts as the ISV's parent account, which is no tenant: its traces carry
    /// [`PARENT_ACCOUNT_TENANT_ID`] (the nil UUID) as `tenant_id`.
    pub fn for_parent_account(&self, credentials: &TwilioCredentials) -> TenantTwilio {
        self.for_tenant(PARENT_ACCOUNT_TENANT_ID, credentials)
    }
}

/// The nil tenant id that marks a [`TwilioClient::for_parent_account`] handle in traces.
pub const PARENT_ACCOUNT_TENANT_ID: TenantId = TenantId::from_uuid(Uuid::nil());

/// One tenant's view of Twilio. Each API call is a method (see the `calls` modules).
#[derive(Clone)]
pub struct TenantTwilio {
    client: TwilioClient,
    tenant_id: TenantId,
    credentials: TwilioCredentials,
    calls: Arc<AtomicU64>,
}

impl std::fmt::Debug for TenantTwilio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TenantTwilio")
            .field("tenant_id", &self.tenant_id)
            .field("account_sid", &self.credentials.account_sid)
            .finish_non_exhaustive()
    }
}

/// The body of a request; kept as data so that each retry can rebuild it.
pub(crate) enum Body<'a> {
    /// GET and DELETE.
    None,
    /// `application/x-www-form-urlencoded` (every POST, even an empty one).
    Form(&'a Params),
    /// `multipart/form-data` to the upload host.
    Upload(&'a DocumentUpload),
}

/// One logical call: the client method it serves (the `operation` label of the latency
/// histogram), HTTP method, absolute URL, body and whether repeating it is safe.
pub(crate) struct Call<'a> {
    pub operation: &'static str,
    pub method: Method,
    pub url: Url,
    pub body: Body<'a>,
    pub idempotency: Idempotency,
}

impl TenantTwilio {
    /// The tenant this handle acts for.
    pub fn tenant_id(&self) -> TenantId {
        self.tenant_id
    }

    /// The Twilio account this handle acts as.
    pub fn account_sid(&self) -> &str {
        &self.credentials.account_sid
    }

    /// HTTP requests sent through this handle (retries included).
    pub fn calls_made(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// An API URL: the configured base plus `/v2/RegulatoryCompliance/` and `segments`, each
    /// percent-encoded (a SID can never inject a path or query).
    pub(crate) fn api_url(&self, segments: &[&str]) -> Url {
        build_url(&self.client.inner.config.api_base_url, segments)
    }

    /// The same path on the upload host.
    pub(crate) fn upload_url(&self, segments: &[&str]) -> Url {
        build_url(&self.client.inner.config.upload_base_url, segments)
    }

    /// A 2010-04-01 API URL: the configured core base plus `/2010-04-01/` and `segments`, each
    /// percent-encoded, the last with Twilio's `.json` suffix (`["Accounts", sid, "Addresses"]`
    /// is `/2010-04-01/Accounts/{sid}/Addresses.json`).
    pub fn core_url(&self, segments: &[&str]) -> Url {
        let mut url = self.client.inner.config.core_api_base_url.clone();
        url.set_query(None);
        let (last, first) = segments
            .split_last()
            .expect("a 2010-04-01 path has at least one segment");
        url.path_segments_mut()
            .expect("Twilio base URLs are http(s) URLs")
            .pop_if_empty()
            .push("2010-04-01")
            .extend(first)
            .push(&format!("{last}.json"));
        url
    }

    /// `GET` a JSON resource, with `query` appended to the URL.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        mut url: Url,
        query: &Params,
    ) -> Result<T, TwilioError> {
        if !query.pairs().is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in query.pairs() {
                pairs.append_pair(key, value);
            }
        }
        let call = Call {
            operation,
            method: Method::GET,
            url,
            body: Body::None,
            idempotency: Idempotency::Safe,
        };
        decode(&self.execute(call).await?)
    }

    /// `POST` a form and decode the JSON answer.
    pub(crate) async fn post_form<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        url: Url,
        params: &Params,
        idempotency: Idempotency,
    ) -> Result<T, TwilioError> {
        let call = Call {
            operation,
            method: Method::POST,
            url,
            body: Body::Form(params),
            idempotency,
        };
        decode(&self.execute(call).await?)
    }

    /// `DELETE` a resource (204).
    pub(crate) async fn delete(
        &self,
        operation: &'static str,
        url: Url,
    ) -> Result<(), TwilioError> {
        let call = Call {
            operation,
            method: Method::DELETE,
            url,
            body: Body::None,
            idempotency: Idempotency::Safe,
        };
        self.execute(call).await.map(drop)
    }

    /// `POST` a multipart upload (a create: never retried once it may have reached Twilio).
    pub(crate) async fn post_upload<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        url: Url,
        upload: &DocumentUpload,
    ) -> Result<T, TwilioError> {
        let call = Call {
            operation,
            method: Method::POST,
            url,
            body: Body::Upload(upload),
            idempotency: Idempotency::Create,
        };
        decode(&self.execute(call).await?)
    }

    /// Sends `call`, retrying per [`retry::decide`]; returns the body of a 2xx answer.
    #[tracing::instrument(
        name = "twilio_call",
        skip_all,
        fields(
            tenant_id = %self.tenant_id,
            operation = call.operation,
            method = %call.method,
            path = %call.url.path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        )
    )]
    async fn execute(&self, call: Call<'_>) -> Result<Vec<u8>, TwilioError> {
        let started = Instant::now();
        let result = self.execute_with_retries(&call).await;
        let outcome = match &result {
            Ok(_) => "ok",
            Err(error) => error.kind(),
        };
        metrics::record_twilio_call(call.operation, outcome, started.elapsed());
        result
    }

    async fn execute_with_retries(&self, call: &Call<'_>) -> Result<Vec<u8>, TwilioError> {
        let config = &self.client.inner.config;
        let mut attempt = 1;
        loop {
            let started = Instant::now();
            let outcome = self.attempt(call).await;
            let latency_ms = started.elapsed().as_millis() as u64;
            let span = tracing::Span::current();
            span.record("attempts", attempt);
            match outcome {
                Ok((status, body)) => {
                    span.record("status", status);
                    tracing::info!(attempt, status, latency_ms, "twilio call succeeded");
                    return Ok(body);
                }
                Err(error) => {
                    if let Some(status) = error.status() {
                        span.record("status", status);
                    }
                    match retry::decide(config, call.idempotency, attempt, &error) {
                        RetryDecision::RetryAfter(delay) => {
                            tracing::warn!(attempt, latency_ms, delay_ms = delay.as_millis() as u64, error = %error, "twilio call failed; retrying");
                            tokio::time::sleep(delay).await;
                            attempt += 1;
                        }
                        RetryDecision::GiveUp => {
                            tracing::warn!(attempt, latency_ms, error = %error, code = ?error.code(), "twilio call failed");
                            return Err(error);
                        }
                    }
                }
            }
        }
    }

    /// One HTTP request and its answer.
    async fn attempt(&self, call: &Call<'_>) -> Result<(u16, Vec<u8>), TwilioError> {
        let inner = &self.client.inner;
        let (user, password) = self.credentials.basic_auth();
        let mut request = inner
            .http
            .request(call.method.clone(), call.url.clone())
            .basic_auth(user, Some(password.expose()))
            .header(ACCEPT, "application/json");
        request = match &call.body {
            Body::None => request,
            Body::Form(params) => request
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(params.encode()),
            Body::Upload(upload) => request.multipart(multipart_form(upload)?),
        };
        inner.calls.fetch_add(1, Ordering::Relaxed);
        self.calls.fetch_add(1, Ordering::Relaxed);
        metrics::record_twilio_request();
        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let body = response.bytes().await.map_err(transport_error)?;
        if status.is_success() {
            Ok((status.as_u16(), body.to_vec()))
        } else {
            Err(TwilioError::from_response(
                status.as_u16(),
                &body,
                retry_after,
            ))
        }
    }
}

fn build_url(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    url.set_query(None);
    url.path_segments_mut()
        .expect("Twilio base URLs are http(s) URLs")
        .pop_if_empty()
        .extend(["v2", "RegulatoryCompliance"])
        .extend(segments);
    url
}

fn multipart_form(upload: &DocumentUpload) -> Result<reqwest::multipart::Form, TwilioError> {
    let file = reqwest::multipart::Part::bytes(upload.content.clone())
        .file_name(upload.file_name.clone())
        .mime_str(&upload.mime_type)
        .map_err(|_| TwilioError::InvalidRequest("the upload MIME type is malformed".into()))?;
    Ok(reqwest::multipart::Form::new()
        .text("FriendlyName", upload.friendly_name.clone())
        .text("Type", upload.document_type.clone())
        .text("Attributes", upload.attributes.to_string())
        .part("File", file))
}

fn retry_after(headers: &HeaderMap) -> Option<std::time::Duration> {
    headers
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(retry::parse_retry_after)
}

fn transport_error(error: reqwest::Error) -> TwilioError {
    if error.is_timeout() {
        TwilioError::Timeout
    } else {
        TwilioError::Transport(error)
    }
}

/// Decodes a JSON body; the error names the JSON problem but never quotes the body (PII).
/// Text PostgreSQL cannot store (NUL) is stripped from every string first, field by field, so
/// one odd value from Twilio cannot make a record impossible to save.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, TwilioError> {
    let type_name = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or("value");
    let describe = |error: serde_json::Error| {
        TwilioError::Decode(format!(
            "{type_name} ({:?} error at line {}, column {})",
            error.classify(),
            error.line(),
            error.column()
        ))
    };
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(describe)?;
    let stripped = storable_text::make_storable(&mut value);
    if stripped > 0 {
        tracing::warn!(
            resource = type_name,
            fields = stripped,
            "stripped NUL characters from values Twilio sent"
        );
    }
    serde_json::from_value(value).map_err(describe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_urls_are_built_under_the_base_and_encode_every_segment() {
        let base = Url::parse("http://127.0.0.1:4010").unwrap();
        assert_eq!(
            build_url(&base, &["Bundles", "BU1", "Copies"]).as_str(),
            "http://127.0.0.1:4010/v2/RegulatoryCompliance/Bundles/BU1/Copies"
        );
        assert_eq!(
            build_url(&base, &["Bundles", "BU1/../x?y"]).path(),
            "/v2/RegulatoryCompliance/Bundles/BU1%2F..%2Fx%3Fy"
        );
        let prefixed = Url::parse("http://proxy.example.com/twilio/").unwrap();
        assert_eq!(
            build_url(&prefixed, &["Bundles"]).path(),
            "/twilio/v2/RegulatoryCompliance/Bundles"
        );
    }

    #[test]
    fn decode_errors_do_not_quote_the_body() {
        let error = decode::<crate::twilio::resources::Bundle>(br#"{"sid": 5, "secret": "x"}"#)
            .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("Bundle"), "{text}");
        assert!(!text.contains("secret"));
    }

    #[test]
    fn nul_characters_from_twilio_are_stripped_field_by_field() {
        let bundle = decode::<crate::twilio::resources::Bundle>(
            br#"{"sid": "BU1", "friendly_name": "Old\u0000Nice", "status": "twilio-approved"}"#,
        )
        .unwrap();
        assert_eq!(bundle.friendly_name.as_deref(), Some("OldNice"));
    }
}
