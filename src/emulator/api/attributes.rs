//! The `Attributes` form field: JSON text that must decode to an object (22207 otherwise).

use serde_json::{Map, Value};

use crate::emulator::error::{ApiError, ApiResult};

/// Parses `Attributes`; absent or empty means `{}`.
pub fn parse(text: Option<&str>) -> ApiResult<Value> {
    match text.map(str::trim) {
        None | Some("") => Ok(Value::Object(Map::new())),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(value @ Value::Object(_)) => Ok(value),
            _ => Err(ApiError::bad_request(
                22207,
                "Attributes must be a valid JSON object",
            )),
        },
    }
}
