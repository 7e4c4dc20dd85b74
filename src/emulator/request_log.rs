//! The log of Twilio API requests the emulator served (for tests and `GET /__emulator/requests`).

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// Entries kept; older ones are dropped (the total keeps counting).
const CAPACITY: usize = 100_000;

/// One served request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedRequest {
    /// `GET`, `POST`, `DELETE`.
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// Raw query string, if any.
    pub query: Option<String>,
    /// The authenticated (or claimed) account, if any.
    pub account_sid: Option<String>,
    /// Response status; 0 when the connection was dropped by a fault.
    pub status: u16,
    /// Time spent serving it.
    pub latency_ms: u64,
    /// The injected fault, if any (`status`, `rate_limit`, `latency`, `drop`).
    pub fault: Option<String>,
}

/// A bounded request log.
#[derive(Debug, Default, Clone)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    total: usize,
}

impl RequestLog {
    /// Appends an entry.
    pub fn push(&mut self, entry: LoggedRequest) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        self.total += 1;
    }

    /// How many requests were logged since the last clear.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The kept entries, oldest first.
    pub fn entries(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.total = 0;
    }
}
