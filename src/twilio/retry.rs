//! When to try a Twilio call again, and how long to wait first.
//!
//! Exponential backoff with full jitter (a random delay below a ceiling that doubles each
//! attempt), `Retry-After` honoured when Twilio sends it. Creates are not idempotent on Twilio
//! (Twilio offers no idempotency key for REST calls), so they are retried only when the request
//! provably never got processed.

use std::time::Duration;

use rand::Rng;

use super::error::TwilioError;
use crate::config::TwilioConfig;

/// Whether repeating a request can change Twilio's state twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Reads, updates to fixed values and deletes: repeating them is harmless.
    Safe,
    /// A POST that creates something (bundle, copy, end user, document, assignment,
    /// evaluation, ReplaceItems): repeating it after Twilio processed it makes a duplicate.
    Create,
}

/// How a failed attempt should continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Return the error to the caller.
    GiveUp,
}

/// Decides whether attempt number `attempt` (1-based) that failed with `error` is retried.
pub fn decide(
    config: &TwilioConfig,
    idempotency: Idempotency,
    attempt: u32,
    error: &TwilioError,
) -> RetryDecision {
    if attempt > config.max_retries || !error.is_retryable() {
        return RetryDecision::GiveUp;
    }
    if idempotency == Idempotency::Create && !error.never_reached_twilio() {
        return RetryDecision::GiveUp;
    }
    match error {
        TwilioError::RateLimited {
            retry_after: Some(wait),
        } => {
            if *wait > config.max_retry_after {
                RetryDecision::GiveUp
            } else {
                RetryDecision::RetryAfter(*wait)
            }
        }
        _ => RetryDecision::RetryAfter(full_jitter(config, attempt)),
    }
}

/// The ceiling for the delay after attempt `attempt` (1-based): `base · 2^(attempt-1)`, capped.
pub fn backoff_ceiling(config: &TwilioConfig, attempt: u32) -> Duration {
    let factor = 1u32 << attempt.saturating_sub(1).min(20);
    config
        .retry_base_delay
        .saturating_mul(factor)
        .min(config.retry_max_delay)
}

/// A uniformly random delay in `[0, backoff_ceiling]` ("full jitter").
pub fn full_jitter(config: &TwilioConfig, attempt: u32) -> Duration {
    let ceiling = backoff_ceiling(config, attempt).as_millis() as u64;
    Duration::from_millis(rand::rng().random_range(0..=ceiling))
}

/// Parses a `Retry-After` value given in seconds (`"3"`, `"0"`); the HTTP-date form is not used
/// by Twilio and yields `None`, as does anything unparsable.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    value
        .parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0 && *seconds < 86_400.0)
        .map(Duration::from_secs_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> TwilioConfig {
        TwilioConfig {
            max_retries: 3,
            retry_base_delay: Duration::from_millis(100),
            retry_max_delay: Duration::from_millis(350),
            max_retry_after: Duration::from_secs(10),
            ..TwilioConfig::default()
        }
    }

    fn server_error() -> TwilioError {
        TwilioError::Api {
            status: 503,
            code: None,
            message: "unavailable".into(),
            more_info: None,
        }
    }

    #[test]
    fn backoff_ceilings_double_and_stop_at_the_maximum() {
        let config = config();
        let ceilings: Vec<u128> = (1..=5)
            .map(|attempt| backoff_ceiling(&config, attempt).as_millis())
            .collect();
        assert_eq!(ceilings, vec![100, 200, 350, 350, 350]);
        assert_eq!(backoff_ceiling(&config, 200), Duration::from_millis(350));
    }

    #[test]
    fn full_jitter_stays_within_zero_and_the_ceiling_and_varies() {
        let config = config();
        let delays: Vec<Duration> = (0..200).map(|_| full_jitter(&config, 2)).collect();
        assert!(delays.iter().all(|d| *d <= Duration::from_millis(200)));
        let distinct: std::collections::HashSet<_> = delays.iter().collect();
        assert!(distinct.len() > 10, "jitter must actually be random");
    }

    #[test]
    fn retry_after_in_seconds_is_parsed_and_garbage_is_not() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn reads_retry_on_server_errors_until_the_attempts_run_out() {
        let config = config();
        assert!(matches!(
            decide(&config, Idempotency::Safe, 1, &server_error()),
            RetryDecision::RetryAfter(_)
        ));
        assert_eq!(
            decide(&config, Idempotency::Safe, 4, &server_error()),
            RetryDecision::GiveUp
        );
        assert_eq!(
            decide(&config, Idempotency::Safe, 1, &TwilioError::Unauthorized),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn creates_are_not_retried_after_a_server_error_or_timeout() {
        let config = config();
        assert_eq!(
            decide(&config, Idempotency::Create, 1, &server_error()),
            RetryDecision::GiveUp
        );
        assert_eq!(
            decide(&config, Idempotency::Create, 1, &TwilioError::Timeout),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn rate_limits_are_retried_even_for_creates_after_the_announced_delay() {
        let config = config();
        let limited = TwilioError::RateLimited {
            retry_after: Some(Duration::from_secs(2)),
        };
        assert_eq!(
            decide(&config, Idempotency::Create, 1, &limited),
            RetryDecision::RetryAfter(Duration::from_secs(2))
        );
        let too_long = TwilioError::RateLimited {
            retry_after: Some(Duration::from_secs(60)),
        };
        assert_eq!(
            decide(&config, Idempotency::Safe, 1, &too_long),
            RetryDecision::GiveUp
        );
        let unannounced = TwilioError::RateLimited { retry_after: None };
        assert!(matches!(
            decide(&config, Idempotency::Create, 1, &unannounced),
            RetryDecision::RetryAfter(d) if d <= Duration::from_millis(100)
        ));
    }
}
