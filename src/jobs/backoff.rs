//! How long a failed job waits before its next attempt: exponential with jitter.

use std::time::Duration;

use rand::Rng;

/// First retry delay ceiling.
const BASE: Duration = Duration::from_secs(10);
/// Longest delay between attempts.
const CAP: Duration = Duration::from_secs(60 * 60);

/// Delay after the `attempt`-th failed attempt (1-based): a random value in the upper half of
/// `min(CAP, BASE * 2^(attempt-1))` ("equal jitter"), so retries spread out but never bunch at
/// zero.
pub fn delay_after(attempt: i32) -> Duration {
    let ceiling = ceiling(attempt);
    let half = ceiling / 2;
    let jitter_ms = rand::rng().random_range(0..=half.as_millis() as u64);
    half + Duration::from_millis(jitter_ms)
}

fn ceiling(attempt: i32) -> Duration {
    let exponent = attempt.clamp(1, 20) as u32 - 1;
    BASE.saturating_mul(2u32.saturating_pow(exponent)).min(CAP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_up_to_the_cap_and_stay_in_the_upper_half() {
        assert_eq!(ceiling(1), Duration::from_secs(10));
        assert_eq!(ceiling(2), Duration::from_secs(20));
        assert_eq!(ceiling(5), Duration::from_secs(160));
        assert_eq!(ceiling(30), CAP);
        for attempt in 1..15 {
            let delay = delay_after(attempt);
            assert!(delay >= ceiling(attempt) / 2 && delay <= ceiling(attempt));
        }
    }

    #[test]
    fn jitter_spreads_retries() {
        let delays: std::collections::HashSet<_> = (0..20).map(|_| delay_after(6)).collect();
        assert!(delays.len() > 1);
    }
}
