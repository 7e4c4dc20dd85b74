//! Fault injection: rules for Twilio API requests (errors, 429s, latency, dropped connections)
//! and for outgoing status callbacks (drop, duplicate, delay, reorder), drawn from a seedable RNG
//! so that tests are deterministic.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use super::glob;

/// What happens to a matching API request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestFault {
    /// Answer with this status (500, 503, …) and a Twilio error body.
    Status {
        /// HTTP status.
        status: u16,
    },
    /// 429 with code 20429 and `Retry-After`.
    RateLimit {
        /// Seconds in `Retry-After`.
        #[serde(default = "one")]
        retry_after: u64,
    },
    /// Serve normally after waiting.
    Latency {
        /// Added milliseconds.
        ms: u64,
    },
    /// Hang up without a complete response.
    Drop,
}

fn one() -> u64 {
    1
}

/// What happens to a matching status callback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallbackFault {
    /// Never delivered (logged as dropped).
    Drop,
    /// Delivered twice with the same idempotency token.
    Duplicate,
    /// Delivered after a delay.
    Delay {
        /// Milliseconds.
        ms: u64,
    },
    /// Held back until the next callback has been delivered.
    Reorder,
}

/// When a rule fires: with a probability, for the next `count` matches, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    /// Chance per match (default 1.0).
    #[serde(default)]
    pub probability: Option<f64>,
    /// Fire for this many matches, then disappear (default: forever).
    #[serde(default)]
    pub count: Option<u32>,
}

/// A request fault rule as posted to `/__emulator/faults`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestFaultRule {
    /// HTTP method, or none for any.
    #[serde(default)]
    pub method: Option<String>,
    /// Path glob (`/v2/RegulatoryCompliance/Bundles/*`, `/v2/**`).
    pub path: String,
    /// The fault.
    pub fault: RequestFault,
    /// When it fires.
    #[serde(flatten)]
    pub trigger: Trigger,
}

/// A callback fault rule as posted to `/__emulator/callback-faults`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallbackFaultRule {
    /// Only callbacks whose URL contains this text (default: all).
    #[serde(default)]
    pub url_contains: Option<String>,
    /// The fault.
    pub fault: CallbackFault,
    /// When it fires.
    #[serde(flatten)]
    pub trigger: Trigger,
}

/// The active rules and the RNG they draw from.
#[derive(Debug)]
pub struct Faults {
    requests: Vec<RequestFaultRule>,
    callbacks: Vec<CallbackFaultRule>,
    rng: StdRng,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            requests: Vec::new(),
            callbacks: Vec::new(),
            rng: StdRng::seed_from_u64(0),
        }
    }
}

impl Faults {
    /// Re-seeds the RNG.
    pub fn reseed(&mut self, seed: u64) {
        self.rng = StdRng::seed_from_u64(seed);
    }

    /// Adds a request rule.
    pub fn add_request_rule(&mut self, rule: RequestFaultRule) {
        self.requests.push(rule);
    }

    /// Adds a callback rule.
    pub fn add_callback_rule(&mut self, rule: CallbackFaultRule) {
        self.callbacks.push(rule);
    }

    /// Removes every request rule.
    pub fn clear_requests(&mut self) {
        self.requests.clear();
    }

    /// Removes every callback rule.
    pub fn clear_callbacks(&mut self) {
        self.callbacks.clear();
    }

    /// The active request rules.
    pub fn request_rules(&self) -> &[RequestFaultRule] {
        &self.requests
    }

    /// The fault for a request, if a rule fires (the first matching rule that fires wins).
    pub fn for_request(&mut self, method: &str, path: &str) -> Option<RequestFault> {
        let rng = &mut self.rng;
        let index = self.requests.iter_mut().position(|rule| {
            rule.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && glob::matches(&rule.path, path)
                && fires(&mut rule.trigger, rng)
        })?;
        let fault = self.requests[index].fault.clone();
        if self.requests[index].trigger.count == Some(0) {
            self.requests.remove(index);
        }
        Some(fault)
    }

    /// The fault for a callback to `url`, if a rule fires.
    pub fn for_callback(&mut self, url: &str) -> Option<CallbackFault> {
        let rng = &mut self.rng;
        let index = self.callbacks.iter_mut().position(|rule| {
            rule.url_contains.as_deref().is_none_or(|s| url.contains(s))
                && fires(&mut rule.trigger, rng)
        })?;
        let fault = self.callbacks[index].fault.clone();
        if self.callbacks[index].trigger.count == Some(0) {
            self.callbacks.remove(index);
        }
        Some(fault)
    }
}

/// Draws for the trigger and consumes one of its count when it fires.
fn fires(trigger: &mut Trigger, rng: &mut StdRng) -> bool {
    if trigger.count == Some(0) {
        return false;
    }
    let probability = trigger.probability.unwrap_or(1.0);
    let fired = probability >= 1.0 || rng.random::<f64>() < probability;
    if fired && let Some(count) = trigger.count.as_mut() {
        *count -= 1;
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(trigger: Trigger) -> RequestFaultRule {
        RequestFaultRule {
            method: Some("GET".into()),
            path: "/v2/**".into(),
            fault: RequestFault::Status { status: 503 },
            trigger,
        }
    }

    #[test]
    fn a_counted_rule_fires_exactly_count_times() {
        let mut faults = Faults::default();
        faults.add_request_rule(rule(Trigger {
            probability: None,
            count: Some(2),
        }));
        assert!(faults.for_request("GET", "/v2/x").is_some());
        assert!(faults.for_request("POST", "/v2/x").is_none());
        assert!(faults.for_request("GET", "/v2/x").is_some());
        assert!(faults.for_request("GET", "/v2/x").is_none());
        assert!(faults.request_rules().is_empty());
    }

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let draw = |seed| {
            let mut faults = Faults::default();
            faults.reseed(seed);
            faults.add_request_rule(rule(Trigger {
                probability: Some(0.5),
                count: None,
            }));
            (0..32)
                .map(|_| faults.for_request("GET", "/v2/x").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        let fired = draw(7).iter().filter(|f| **f).count();
        assert!(fired > 4 && fired < 28, "about half fire: {fired}");
    }
}
