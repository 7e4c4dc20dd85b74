//! One Regulation: identity, version, and its requirements with constraints (stored as data in
//! `data/regulations/*.json`, one file per regulation).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::constraint;
use super::requirements::{BASE_URL_PLACEHOLDER, Requirements};
use super::sid;

/// One regulation (country, number type, end-user type).
#[derive(Debug, Clone)]
pub struct Regulation {
    /// `RN…`.
    pub sid: String,
    /// e.g. `France: Mobile - Business`.
    pub friendly_name: String,
    /// Upper-case ISO country.
    pub iso_country: String,
    /// `local`, `mobile`, `national`, `toll-free`.
    pub number_type: String,
    /// `individual` or `business`.
    pub end_user_type: String,
    /// 1, bumped by every regulation change.
    pub version: u32,
    pub(super) requirements: Requirements,
    failure_messages: BTreeMap<String, BTreeMap<String, String>>,
    snapshot_date: String,
    source: String,
}

/// A regulation data file: the wire object plus provenance and emulator-only data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegulationFile {
    snapshot_date: String,
    source: String,
    /// How sure the data is (A real capture, B official text, C reconstruction): for readers of
    /// the data file only.
    #[serde(rename = "confidence")]
    _confidence: String,
    /// Real SID when known; otherwise synthesised from the friendly name.
    #[serde(default)]
    sid: Option<String>,
    friendly_name: String,
    iso_country: String,
    number_type: String,
    end_user_type: String,
    requirements: Requirements,
    /// requirement_name → field machine name → verbatim Twilio failure text that differs from
    /// the generic templates (e.g. the sic "Governnment-Issued ID" of the published example).
    #[serde(default)]
    failure_messages: BTreeMap<String, BTreeMap<String, String>>,
}

impl Regulation {
    /// Parses a data file; every constraint must compile.
    pub(super) fn from_data(text: &str) -> Result<Regulation, String> {
        let file: RegulationFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for text in file.requirements.constraints() {
            constraint::compile(text)
                .map_err(|e| format!("{}: constraint {text:?}: {e}", file.friendly_name))?;
        }
        Ok(Regulation {
            sid: file
                .sid
                .unwrap_or_else(|| sid::synthesize("RN", &file.friendly_name)),
            friendly_name: file.friendly_name,
            iso_country: file.iso_country,
            number_type: file.number_type,
            end_user_type: file.end_user_type,
            version: 1,
            requirements: file.requirements,
            failure_messages: file.failure_messages,
            snapshot_date: file.snapshot_date,
            source: file.source,
        })
    }

    /// The current requirements (with constraints).
    pub fn requirements(&self) -> &Requirements {
        &self.requirements
    }

    /// A verbatim Twilio failure text for a document field, when the data overrides the template.
    pub fn failure_message(&self, requirement_name: &str, field: &str) -> Option<&str> {
        self.failure_messages
            .get(requirement_name)?
            .get(field)
            .map(String::as_str)
    }

    /// The date of the snapshot the seed data was taken from.
    pub fn snapshot_date(&self) -> &str {
        &self.snapshot_date
    }

    /// Where the seed data comes from (a captured response, official guidance, or a reconstruction).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The wire JSON of a Regulation with `url` values on `base_url` (e.g. "http://127.0.0.1:4010");
    /// `constraint` keys only when `include_constraints`.
    pub fn to_json(&self, base_url: &str, include_constraints: bool) -> Value {
        let base = base_url.trim_end_matches('/');
        let mut requirements =
            serde_json::to_value(&self.requirements).expect("requirements serialise");
        rewrite(&mut requirements, base, include_constraints);
        json!({
            "sid": self.sid,
            "friendly_name": self.friendly_name,
            "iso_country": self.iso_country,
            "number_type": self.number_type,
            "end_user_type": self.end_user_type,
            "requirements": requirements,
            "url": format!("{base}/v2/RegulatoryCompliance/Regulations/{}", self.sid),
        })
    }
}

/// Resolves `url` placeholders and, unless kept, removes `constraint` keys at every level.
fn rewrite(value: &mut Value, base: &str, include_constraints: bool) {
    match value {
        Value::Object(map) => {
            if !include_constraints {
                map.remove("constraint");
            }
            if let Some(Value::String(url)) = map.get_mut("url") {
                *url = url.replacen(BASE_URL_PLACEHOLDER, base, 1);
            }
            map.values_mut()
                .for_each(|v| rewrite(v, base, include_constraints));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| rewrite(v, base, include_constraints)),
        _ => {}
    }
}
