//! The `RECOMPLY_MAGIC_LINK_*` variables: how long a sign-in link works and how often one may
//! be asked for.

use time::Duration;

use super::parse::Source;

/// Limits on sign-in links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MagicLinkPolicy {
    /// Lifetime of a link (`RECOMPLY_MAGIC_LINK_TTL_MINUTES`, default 15).
    pub ttl: Duration,
    /// Requests allowed per address within `window` (`RECOMPLY_MAGIC_LINK_PER_ADDRESS`, 5).
    pub per_address: i64,
    /// Requests allowed per client address within `window` (`RECOMPLY_MAGIC_LINK_PER_CLIENT`, 20).
    pub per_client: i64,
    /// The rate-limit window (15 minutes).
    pub window: Duration,
}

impl Default for MagicLinkPolicy {
    fn default() -> Self {
        Self {
            ttl: Duration::minutes(15),
            per_address: 5,
            per_client: 20,
            window: Duration::minutes(15),
        }
    }
}

/// Each `RECOMPLY_MAGIC_LINK_…` variable over [`MagicLinkPolicy::default`], at least 1.
pub(super) fn from_env(env: &Source<'_>) -> anyhow::Result<MagicLinkPolicy> {
    let mut policy = MagicLinkPolicy::default();
    if let Some(minutes) = env.number("RECOMPLY_MAGIC_LINK_TTL_MINUTES", 1)? {
        policy.ttl = Duration::minutes(minutes);
    }
    if let Some(limit) = env.number("RECOMPLY_MAGIC_LINK_PER_ADDRESS", 1)? {
        policy.per_address = limit;
    }
    if let Some(limit) = env.number("RECOMPLY_MAGIC_LINK_PER_CLIENT", 1)? {
        policy.per_client = limit;
    }
    Ok(policy)
}
