//! Turning the customer's form values (always strings) into Twilio `attributes` JSON.
//!
//! Twilio replaces an item's attributes on update (an update replaces the whole object; it does not merge), so an
//! edit is always the complete current object with the changed fields merged in.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::sid::AddressSid;

/// Fields whose value is a list of Address SIDs (`AD…`), entered as comma/space-separated text.
const SID_LIST_FIELDS: &[&str] = &["address_sids"];

/// An entered value that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InvalidField {
    /// The attribute key.
    pub field: String,
    /// What is wrong, for people.
    pub message: String,
}

/// The JSON value for one entered field: `address_sids` becomes an array of SIDs, everything
/// else a trimmed string.
pub fn field_value(field: &str, text: &str) -> Result<Value, InvalidField> {
    if SID_LIST_FIELDS.contains(&field) {
        let sids = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .map(|part| {
                AddressSid::parse(part).map_err(|_| InvalidField {
                    field: field.to_owned(),
                    message: format!(
                        "{part:?} is not an Address SID (AD followed by 32 hex digits)"
                    ),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Value::Array(
            sids.into_iter()
                .map(|s| Value::String(s.into_string()))
                .collect(),
        ));
    }
    Ok(Value::String(text.trim().to_owned()))
}

/// `current` with `fields` merged in: the complete object to send to Twilio.
pub fn merge(
    current: &Map<String, Value>,
    fields: &BTreeMap<String, String>,
) -> Result<Map<String, Value>, InvalidField> {
    let mut merged = current.clone();
    for (field, text) in fields {
        merged.insert(field.clone(), field_value(field, text)?);
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const AD1: &str = "AD0123456789abcdef0123456789abcdef";
    const AD2: &str = "ADfedcba9876543210fedcba9876543210";

    #[test]
    fn address_sids_are_split_on_commas_and_spaces_into_an_array() {
        let value = field_value("address_sids", &format!(" {AD1},  {AD2}\n")).unwrap();
        assert_eq!(value, json!([AD1, AD2]));
        assert_eq!(field_value("address_sids", "").unwrap(), json!([]));
    }

    #[test]
    fn address_sids_typed_in_capitals_are_sent_in_lowercase() {
        let value = field_value("address_sids", &AD2.replace("fedcba", "FEDCBA")).unwrap();
        assert_eq!(value, json!([AD2]));
    }

    #[test]
    fn a_malformed_address_sid_is_refused_with_a_readable_message() {
        let error = field_value("address_sids", "AD12, hello").unwrap_err();
        assert_eq!(error.field, "address_sids");
        assert!(error.message.contains("\"AD12\""));
    }

    #[test]
    fn merge_keeps_untouched_attributes_and_trims_new_values() {
        let current = json!({"first_name": "Jane", "last_name": "Old", "address_sids": [AD1]});
        let fields = BTreeMap::from([("last_name".to_owned(), "  Doe ".to_owned())]);
        let merged = merge(current.as_object().unwrap(), &fields).unwrap();
        assert_eq!(
            Value::Object(merged),
            json!({"first_name": "Jane", "last_name": "Doe", "address_sids": [AD1]})
        );
    }
}
