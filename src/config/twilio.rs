//! The `RECOMPLY_TWILIO_*` variables: where Twilio (or the emulator) lives, how requests are
//! timed out and retried, and how many calls a sweep keeps in flight.

use super::parse::Source;
use crate::twilio::TwilioConfig;

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
