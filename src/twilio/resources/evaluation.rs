//! Evaluations: Twilio's verdict on a bundle against its regulation (docs/emulator-fidelity.md, "Evaluations").

use crate::domain::sid::{AccountSid, BundleSid, EvaluationSid, RegulationSid};
use serde::Deserialize;
use time::OffsetDateTime;

/// `compliant` or `noncompliant`: the status the snapshot keeps, read as Twilio sends it.
pub use crate::domain::snapshot::EvaluationStatus;

/// An Evaluation (`EL…`), computed synchronously when created.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Evaluation {
    /// `EL…`.
    pub sid: EvaluationSid,
    /// `AC…`.
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    /// `RN…`.
    #[serde(default)]
    pub regulation_sid: Option<RegulationSid>,
    /// `BU…`.
    #[serde(default)]
    pub bundle_sid: Option<BundleSid>,
    /// The verdict.
    pub status: EvaluationStatus,
    /// One entry per regulation requirement.
    #[serde(default)]
    pub results: Vec<EvaluationResult>,
    /// Creation time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_created: Option<OffsetDateTime>,
    /// The resource URL.
    #[serde(default)]
    pub url: Option<String>,
}

impl Evaluation {
    /// Whether the bundle may be submitted.
    pub fn is_compliant(&self) -> bool {
        self.status == EvaluationStatus::Compliant
    }
}

/// The outcome for one requirement of the regulation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EvaluationResult {
    /// e.g. `Business`.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// End-user type or supporting-document type machine name.
    #[serde(default)]
    pub object_type: Option<String>,
    /// Whether the requirement is met.
    #[serde(default)]
    pub passed: bool,
    /// Twilio's explanation when not met.
    #[serde(default)]
    pub failure_reason: Option<String>,
    /// 22214–22219 when not met.
    #[serde(default)]
    pub error_code: Option<u32>,
    /// Fields that pass.
    #[serde(default)]
    pub valid: Vec<FieldResult>,
    /// Fields that fail.
    #[serde(default)]
    pub invalid: Vec<FieldResult>,
    /// e.g. `Business`.
    #[serde(default)]
    pub requirement_friendly_name: Option<String>,
    /// Matches the regulation's `requirement_name` (`business_info`, ...).
    #[serde(default)]
    pub requirement_name: Option<String>,
}

/// The outcome for one field of a requirement.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FieldResult {
    /// e.g. `Business Name`.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// The attribute machine name, e.g. `business_name`.
    #[serde(default)]
    pub object_field: Option<String>,
    /// Why it fails.
    #[serde(default)]
    pub failure_reason: Option<String>,
    /// e.g. 22215.
    #[serde(default)]
    pub error_code: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noncompliant_evaluation_decodes_the_documented_result_shape() {
        let json = r#"{"sid": "EL1", "status": "noncompliant", "bundle_sid": "BU1",
            "results": [{"friendly_name": "Business", "object_type": "business", "passed": false,
              "failure_reason": "A Business End-User is missing.", "error_code": 22214, "valid": [],
              "invalid": [{"friendly_name": "Business Name", "object_field": "business_name",
                           "failure_reason": "The Business Name is missing.", "error_code": 22215}],
              "requirement_friendly_name": "Business", "requirement_name": "business_info"}],
            "date_created": "2020-04-28T18:14:01Z"}"#;
        let evaluation: Evaluation = serde_json::from_str(json).unwrap();
        assert!(!evaluation.is_compliant());
        let result = &evaluation.results[0];
        assert_eq!(result.error_code, Some(22214));
        assert_eq!(
            result.invalid[0].object_field.as_deref(),
            Some("business_name")
        );
        assert_eq!(result.requirement_name.as_deref(), Some("business_info"));
    }
}
