//! The `RECOMPLY_TWILIO_*` variables: where Twilio (or the emulator) lives, how requests are
//! timed out and retried, and how many calls a sweep keeps in flight.

use std::time::Duration;

use url::Url;

/// Twilio's REST host for the Numbers v2 API.
pub const DEFAULT_API_BASE_URL: &str = "https://numbers.twilio.com";
/// The host that accepts Supporting Document file uploads.
pub const DEFAULT_UPLOAD_BASE_URL: &str = "https://numbers-upload.twilio.com";
/// Twilio's REST host for the 2010-04-01 API (Accounts, Addresses, IncomingPhoneNumbers).
pub const DEFAULT_CORE_API_BASE_URL: &str = "https://api.twilio.com";

/// Settings of the [`TwilioClient`](crate::twilio::TwilioClient); only the base URLs differ between
/// Twilio and the emulator.
#[derive(Debug, Clone)]
pub struct TwilioConfig {
    /// `RECOMPLY_TWILIO_API_URL`, default `https://numbers.twilio.com`.
    pub api_base_url: Url,
    /// `RECOMPLY_TWILIO_UPLOAD_URL`, default `https://numbers-upload.twilio.com`.
    pub upload_base_url: Url,
    /// `RECOMPLY_TWILIO_CORE_API_URL`, default `https://api.twilio.com`: the 2010-04-01 API.
    pub core_api_base_url: Url,
    /// Whole-request timeout (connect to last body byte).
    pub timeout: Duration,
    /// Retries after the first attempt (so `max_retries + 1` attempts at most).
    pub max_retries: u32,
    /// First backoff ceiling; doubles each attempt (full jitter picks a delay below it).
    pub retry_base_delay: Duration,
    /// Largest backoff ceiling.
    pub retry_max_delay: Duration,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead, so
    /// that a background job can reschedule itself rather than hold a worker.
    pub max_retry_after: Duration,
    /// `RECOMPLY_TWILIO_CONCURRENCY` (default 8): how many Twilio calls one sweep keeps in
    /// flight for one tenant (status-callback updates), each still retried on its own.
    pub concurrency: usize,
}

impl Default for TwilioConfig {
    fn default() -> Self {
        Self {
            api_base_url: Url::parse(DEFAULT_API_BASE_URL).expect("valid default URL"),
            upload_base_url: Url::parse(DEFAULT_UPLOAD_BASE_URL).expect("valid default URL"),
            core_api_base_url: Url::parse(DEFAULT_CORE_API_BASE_URL).expect("valid default URL"),
            timeout: Duration::from_secs(30),
            max_retries: 3,
            retry_base_delay: Duration::from_millis(200),
            retry_max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            concurrency: 8,
        }
    }
}

impl TwilioConfig {
    /// Every host at one base URL (the emulator serves both APIs and uploads on one origin), with
    /// short delays suitable for tests.
    pub fn for_emulator(base_url: &str) -> Self {
        let url = Url::parse(base_url).expect("the emulator base URL is a valid URL");
        Self {
            api_base_url: url.clone(),
            upload_base_url: url.clone(),
            core_api_base_url: url,
            timeout: Duration::from_secs(10),
            max_retries: 3,
            retry_base_delay: Duration::from_millis(5),
            retry_max_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(5),
            concurrency: 8,
        }
    }
}

use super::parse::Source;

/// `RECOMPLY_TWILIO_API_URL`, `RECOMPLY_TWILIO_UPLOAD_URL`, `RECOMPLY_TWILIO_CORE_API_URL`,
/// `RECOMPLY_TWILIO_TIMEOUT_SECS`, `RECOMPLY_TWILIO_MAX_RETRIES`, `RECOMPLY_TWILIO_CONCURRENCY` over [`TwilioConfig::default`].
/// Setting the API URL to another host than Twilio's (the emulator, which serves everything on
/// one origin) sends uploads and the 2010-04-01 API there too, unless they are set themselves.
pub(super) fn from_env(env: &Source<'_>) -> anyhow::Result<TwilioConfig> {
    let mut twilio = TwilioConfig::default();
    if let Some(url) = env.http_url("RECOMPLY_TWILIO_API_URL")? {
        if url.host_str() != TwilioConfig::default().api_base_url.host_str() {
            // Another API host (the emulator) also takes uploads and 2010-04-01 calls.
            twilio.upload_base_url = url.clone();
            twilio.core_api_base_url = url.clone();
        }
        twilio.api_base_url = url;
    }
    if let Some(url) = env.http_url("RECOMPLY_TWILIO_UPLOAD_URL")? {
        twilio.upload_base_url = url;
    }
    if let Some(url) = env.http_url("RECOMPLY_TWILIO_CORE_API_URL")? {
        twilio.core_api_base_url = url;
    }
    if let Some(timeout) = env.seconds("RECOMPLY_TWILIO_TIMEOUT_SECS")? {
        twilio.timeout = timeout;
    }
    if let Some(retries) = env.number("RECOMPLY_TWILIO_MAX_RETRIES", 0)? {
        twilio.max_retries = retries;
    }
    if let Some(concurrency) = env.number("RECOMPLY_TWILIO_CONCURRENCY", 1)? {
        twilio.concurrency = concurrency;
    }
    Ok(twilio)
}
