//! Compiled constraint patterns, kept for the life of the process.
//!
//! A regulation's patterns are few (dozens across every regulation recomply reads) and the same
//! on every page that shows them, while compiling one costs far more than rendering the whole
//! renewal form. So each distinct pattern is compiled once and shared.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use regex::Regex;

/// Distinct patterns kept at most: far above what Twilio's regulations hold. Past it the cache
/// starts again empty, so a stream of odd patterns cannot grow the process without bound.
const MAX_PATTERNS: usize = 1024;

/// Pattern text → its compiled form (`None`: the text is not a valid expression).
static COMPILED: LazyLock<RwLock<HashMap<String, Option<Arc<Regex>>>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// `pattern` compiled, or `None` when it is not a valid regular expression.
pub fn compiled(pattern: &str) -> Option<Arc<Regex>> {
    if let Some(found) = COMPILED
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(pattern)
    {
        return found.clone();
    }
    let regex = Regex::new(pattern).ok().map(Arc::new);
    let mut cache = COMPILED
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if cache.len() >= MAX_PATTERNS {
        cache.clear();
    }
    cache.insert(pattern.to_owned(), regex.clone());
    regex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_compiled_once_and_shared() {
        let first = compiled(r"^\d{5}$").expect("valid");
        let second = compiled(r"^\d{5}$").expect("valid");
        assert!(Arc::ptr_eq(&first, &second));
        assert!(first.is_match("75001"));
        assert!(!first.is_match("7500"));
    }

    #[test]
    fn an_invalid_pattern_is_none_every_time() {
        assert!(compiled("^(unclosed").is_none());
        assert!(compiled("^(unclosed").is_none());
    }
}
