//! The scenario's size and seed, from `SCENARIO_*` environment variables.

use std::time::Duration;

/// How big the world is, how often a worker is killed, and the seed of every random choice.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// `SCENARIO_TENANTS` (default 5): tenants, each with its own emulator account.
    pub tenants: usize,
    /// `SCENARIO_BUNDLES` (default 10): approved bundles per tenant, all stamped by one
    /// regulation change.
    pub bundles: usize,
    /// `SCENARIO_KILLS` (default 12): workers killed with SIGKILL while they hold jobs.
    pub kills: usize,
    /// `SCENARIO_SEED` (default 7): seeds the faults and the kill plan.
    pub seed: u64,
    /// `SCENARIO_TIMEOUT_SECS` (default 420): the whole run gives up after this.
    pub timeout: Duration,
}

impl Settings {
    /// Reads the environment; a value that does not parse stops the scenario.
    pub fn from_env() -> Self {
        Self {
            tenants: number("SCENARIO_TENANTS", 5) as usize,
            bundles: number("SCENARIO_BUNDLES", 10) as usize,
            kills: number("SCENARIO_KILLS", 12) as usize,
            seed: number("SCENARIO_SEED", 7),
            timeout: Duration::from_secs(number("SCENARIO_TIMEOUT_SECS", 420)),
        }
    }

    /// Renewals the run must complete.
    pub fn renewals(&self) -> usize {
        self.tenants * self.bundles
    }
}

fn number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) if !text.trim().is_empty() => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {text:?}")),
        _ => default,
    }
}
