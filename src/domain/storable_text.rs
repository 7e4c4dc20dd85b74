//! Text PostgreSQL can store. A `text` or `jsonb` value may hold any Unicode except NUL
//! (U+0000); Rust strings are already valid UTF-8, so NUL is the one character to keep out.
//! Values from Twilio have it stripped field by field; values typed by a person are refused.

use std::borrow::Cow;

/// The character PostgreSQL refuses in text.
const REFUSED: char = '\0';

/// Whether `text` can be stored as it is.
pub fn is_storable(text: &str) -> bool {
    !text.contains(REFUSED)
}

/// `text` without the characters PostgreSQL refuses (borrowed when there are none).
pub fn storable(text: &str) -> Cow<'_, str> {
    if is_storable(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.replace(REFUSED, ""))
    }
}

/// Strips refused characters from every string (and object key) in `value`; returns how many
/// strings were changed.
pub fn make_storable(value: &mut serde_json::Value) -> usize {
    use serde_json::Value;
    match value {
        Value::String(text) if !is_storable(text) => {
            *text = storable(text).into_owned();
            1
        }
        Value::Array(items) => items.iter_mut().map(make_storable).sum(),
        Value::Object(map) => {
            let mut changed = 0;
            if map.keys().any(|key| !is_storable(key)) {
                let entries = std::mem::take(map);
                for (key, entry) in entries {
                    changed += usize::from(!is_storable(&key));
                    map.insert(storable(&key).into_owned(), entry);
                }
            }
            changed + map.values_mut().map(make_storable).sum::<usize>()
        }
        _ => 0,
    }
}

/// The message shown beside a form field that holds a refused character.
pub const REFUSED_MESSAGE: &str = "This contains an invisible control character (NUL) that cannot be saved. Remove it and try again.";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nul_is_stripped_from_every_string_and_key_and_nothing_else_changes() {
        let mut value =
            json!({"friendly_name": "Bad\u{0}Name", "k\u{0}": ["ok", "x\u{0}"], "n": 5, "é": "ü"});
        assert_eq!(make_storable(&mut value), 3);
        assert_eq!(
            value,
            json!({"friendly_name": "BadName", "k": ["ok", "x"], "n": 5, "é": "ü"})
        );
        assert_eq!(make_storable(&mut value), 0);
    }

    #[test]
    fn storable_text_is_borrowed_and_nul_is_refused() {
        assert!(matches!(storable("plain"), Cow::Borrowed("plain")));
        assert!(!is_storable("a\u{0}b"));
        assert_eq!(storable("a\u{0}b"), "ab");
    }
}
