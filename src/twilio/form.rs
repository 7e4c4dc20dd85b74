//! Twilio's wire encoding of request parameters: PascalCase keys, form-urlencoded, booleans as
//! `true`/`false`, JSON-valued params as JSON text, date-times as `YYYY-MM-DDTHH:mm:ssZ`
//! (PascalCase keys, JSON values as text, `true`/`false`). Used both for POST bodies and for list query strings.

use time::OffsetDateTime;
use time::macros::format_description;

/// An ordered list of wire parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    /// No parameters (e.g. creating an Evaluation still sends an empty form).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key=value`.
    pub fn push(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.0.push((key, value.into()));
        self
    }

    /// Adds `key=value` when there is a value.
    pub fn push_opt(&mut self, key: &'static str, value: Option<impl Into<String>>) -> &mut Self {
        if let Some(value) = value {
            self.push(key, value);
        }
        self
    }

    /// Adds a boolean as `true` / `false`.
    pub fn push_bool(&mut self, key: &'static str, value: Option<bool>) -> &mut Self {
        self.push_opt(key, value.map(|v| if v { "true" } else { "false" }))
    }

    /// Adds a JSON value as JSON text (how `Attributes` travels).
    pub fn push_json(&mut self, key: &'static str, value: &serde_json::Value) -> &mut Self {
        self.push(key, value.to_string())
    }

    /// Adds a date-time in Twilio's `YYYY-MM-DDTHH:mm:ssZ` form (converted to UTC).
    pub fn push_datetime(&mut self, key: &'static str, value: Option<OffsetDateTime>) -> &mut Self {
        self.push_opt(key, value.map(format_datetime))
    }

    /// The pairs, in insertion order.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.0
    }

    /// Whether `key` is among the parameters.
    pub fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }

    /// `application/x-www-form-urlencoded` text of all pairs.
    pub fn encode(&self) -> String {
        let mut serializer = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.0 {
            serializer.append_pair(key, value);
        }
        serializer.finish()
    }
}

/// `2030-06-01T00:00:00Z`: UTC, whole seconds.
pub fn format_datetime(value: OffsetDateTime) -> String {
    value
        .to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .expect("a UTC date-time always formats")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn attributes_travel_as_json_text_inside_a_form_field() {
        let mut params = Params::new();
        params
            .push("FriendlyName", "Jane Doe")
            .push_json("Attributes", &serde_json::json!({"first_name": "Jane"}));
        assert_eq!(
            params.encode(),
            "FriendlyName=Jane+Doe&Attributes=%7B%22first_name%22%3A%22Jane%22%7D"
        );
    }

    #[test]
    fn booleans_are_words_and_missing_options_are_left_out() {
        let mut params = Params::new();
        params
            .push_bool("IsTest", Some(true))
            .push_bool("Other", None)
            .push_opt("StatusCallback", None::<String>);
        assert_eq!(params.encode(), "IsTest=true");
    }

    #[test]
    fn date_times_are_utc_without_fractions() {
        let local = datetime!(2030-06-01 02:00:00.123 +02:00);
        assert_eq!(format_datetime(local), "2030-06-01T00:00:00Z");
    }

    #[test]
    fn keys_with_comparison_signs_are_percent_encoded_like_the_helper_libraries() {
        let mut params = Params::new();
        params.push_datetime("ValidUntilDate<", Some(datetime!(2030-06-01 0:00 UTC)));
        assert_eq!(
            params.encode(),
            "ValidUntilDate%3C=2030-06-01T00%3A00%3A00Z"
        );
    }
}
