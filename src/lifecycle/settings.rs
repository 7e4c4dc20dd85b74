//! Lifecycle timing, from the configuration.

use std::time::Duration;

use super::poll_schedule::poll_delay;
use crate::config::Config;

/// How often recomply looks at Twilio without being told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleSettings {
    /// `RECOMPLY_POLL_INTERVAL_SECS` (default 300): submitted copies are re-read at least this
    /// often (the longest wait between two polls).
    pub poll_interval: Duration,
    /// `RECOMPLY_POLL_FIRST_SECS` (default 30): the first poll after a submission; each later
    /// wait doubles, up to `poll_interval` (see [`poll_delay`]).
    pub poll_first: Duration,
    /// `RECOMPLY_SWEEP_INTERVAL_SECS` (default 3600): every tenant is swept this often.
    pub sweep_interval: Duration,
    /// `RECOMPLY_DISCOVERY_INTERVAL_SECS` (default 3600): the parent account's subaccounts
    /// are listed again this often (new, suspended and closed ones are flagged for staff).
    pub discovery_interval: Duration,
    /// How often deadline reminders are checked (hourly).
    pub reminder_interval: Duration,
    /// `RECOMPLY_REGULATION_MAX_AGE_SECS` (default 86400): a stored read of a regulation older
    /// than this is read again (a regulation change announced by a deadline is read at once).
    pub regulation_max_age: Duration,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(300),
            poll_first: Duration::from_secs(30),
            sweep_interval: Duration::from_secs(3600),
            discovery_interval: Duration::from_secs(3600),
            reminder_interval: Duration::from_secs(3600),
            regulation_max_age: Duration::from_secs(86_400),
        }
    }
}

impl LifecycleSettings {
    /// The intervals of `config` (defaults for those not set).
    pub fn from_config(config: &Config) -> Self {
        let defaults = Self::default();
        Self {
            poll_interval: config.poll_interval.unwrap_or(defaults.poll_interval),
            poll_first: config.poll_first.unwrap_or(defaults.poll_first),
            sweep_interval: config.sweep_interval.unwrap_or(defaults.sweep_interval),
            discovery_interval: config
                .discovery_interval
                .unwrap_or(defaults.discovery_interval),
            reminder_interval: defaults.reminder_interval,
            regulation_max_age: config
                .regulation_max_age
                .unwrap_or(defaults.regulation_max_age),
        }
    }

    /// The wait before poll number `attempt` after a submission (0 = the first).
    pub fn poll_delay(&self, attempt: u32) -> Duration {
        poll_delay(attempt, self.poll_first, self.poll_interval)
    }
}
