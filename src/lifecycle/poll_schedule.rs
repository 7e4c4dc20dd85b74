//! When a submitted copy is next re-read: soon after the submission, then less and less often.

use std::time::Duration;

/// The wait before poll number `attempt` (0 = the first after a submission): `first` doubled
/// `attempt` times, never more than `cap` (30 s, 1 min, 2 min, 4 min, 5 min, 5 min… with the
/// defaults). A `cap` below `first` wins: no poll waits longer than the configured interval.
pub fn poll_delay(attempt: u32, first: Duration, cap: Duration) -> Duration {
    let factor = 2u32.saturating_pow(attempt.min(31));
    first.saturating_mul(factor).min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn polls_start_after_the_first_delay_and_double_up_to_the_interval() {
        let delays: Vec<_> = (0..7).map(|a| poll_delay(a, secs(30), secs(300))).collect();
        assert_eq!(
            delays,
            [
                secs(30),
                secs(60),
                secs(120),
                secs(240),
                secs(300),
                secs(300),
                secs(300)
            ]
        );
    }

    #[test]
    fn the_interval_caps_even_the_first_poll_and_huge_attempts_do_not_overflow() {
        assert_eq!(poll_delay(0, secs(30), secs(10)), secs(10));
        assert_eq!(poll_delay(u32::MAX, secs(30), secs(300)), secs(300));
        assert_eq!(poll_delay(40, secs(1), Duration::MAX), secs(1 << 31));
    }

    #[test]
    fn with_the_defaults_a_copy_approved_after_ten_seconds_is_read_within_a_minute() {
        // Polls happen at 30 s, 90 s, 210 s… after the submission: the first one after 10 s.
        let mut at = Duration::ZERO;
        let first_after_ten = (0..)
            .map(|a| {
                at += poll_delay(a, secs(30), secs(300));
                at
            })
            .find(|t| *t >= secs(10))
            .unwrap();
        assert!(first_after_ten <= secs(60), "{first_after_ten:?}");
    }
}
