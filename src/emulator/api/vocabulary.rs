//! The closed vocabularies of request parameters: end-user types and number types.

/// `EndUserType` values.
pub const END_USER_TYPES: [&str; 2] = ["individual", "business"];

/// `NumberType` values as stored in the catalogue.
pub const NUMBER_TYPES: [&str; 4] = ["local", "mobile", "national", "toll-free"];

/// The catalogue spelling of a `NumberType` (the spec's examples also use `tollfree`).
pub fn number_type(text: &str) -> Option<&'static str> {
    let lowered = text.to_ascii_lowercase();
    let canonical = if lowered == "tollfree" {
        "toll-free"
    } else {
        lowered.as_str()
    };
    NUMBER_TYPES.into_iter().find(|t| *t == canonical)
}

/// The `EndUserType`, if valid.
pub fn end_user_type(text: &str) -> Option<&'static str> {
    END_USER_TYPES
        .into_iter()
        .find(|t| t.eq_ignore_ascii_case(text))
}
