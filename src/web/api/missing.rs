//! "What is missing", in plain words for the ISV, from the renewal's stored evaluation: one
//! entry per requirement Twilio found not met, naming the fields it found missing or invalid.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::snapshot::{EvaluationResult, RenewalSnapshot};

/// A requirement of the regulation that the renewal does not meet yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MissingRequirement {
    /// The requirement, e.g. "Business" or "Proof of address".
    pub requirement: String,
    /// What is missing, in a sentence.
    pub description: String,
    /// The fields Twilio found missing or invalid, by their friendly names.
    pub fields: Vec<String>,
    /// Twilio's error code, when it gave one (e.g. 22214).
    pub twilio_error_code: Option<i64>,
}

/// What the latest evaluation in `snapshot` says is missing (empty when it is compliant).
pub fn missing(snapshot: &RenewalSnapshot) -> Vec<MissingRequirement> {
    let Some(evaluation) = &snapshot.evaluation else {
        return Vec::new();
    };
    evaluation
        .results
        .iter()
        .filter(|result| !result.passed)
        .map(requirement)
        .collect()
}

fn requirement(result: &EvaluationResult) -> MissingRequirement {
    let name = if result.requirement_friendly_name.trim().is_empty() {
        result.friendly_name.clone()
    } else {
        result.requirement_friendly_name.clone()
    };
    let fields: Vec<String> = result
        .invalid
        .iter()
        .map(|field| field.friendly_name.clone())
        .collect();
    let description = match fields.as_slice() {
        [] => match &result.failure_reason {
            Some(reason) if !reason.trim().is_empty() => format!("{name}: {}", reason.trim()),
            _ => format!("{name}: not provided yet."),
        },
        [one] if *one == name => format!("{name} is missing or not valid."),
        [one] => format!("{name}: {one} is missing or not valid."),
        [init @ .., last] => format!(
            "{name}: {} and {last} are missing or not valid.",
            init.join(", ")
        ),
    };
    MissingRequirement {
        requirement: name,
        description,
        fields,
        twilio_error_code: result.error_code.map(i64::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::snapshot::FieldResult;

    fn result(fields: &[&str], reason: Option<&str>) -> EvaluationResult {
        EvaluationResult {
            friendly_name: "Business".into(),
            object_type: "business".into(),
            passed: false,
            failure_reason: reason.map(str::to_owned),
            error_code: Some(22214),
            valid: vec![],
            invalid: fields
                .iter()
                .map(|f| FieldResult {
                    friendly_name: (*f).into(),
                    object_field: f.to_lowercase(),
                    failure_reason: None,
                    error_code: None,
                })
                .collect(),
            requirement_friendly_name: "Business information".into(),
            requirement_name: "business_info".into(),
        }
    }

    #[test]
    fn missing_fields_are_named_in_one_sentence() {
        let two = requirement(&result(&["Business Name", "Website"], None));
        assert_eq!(
            two.description,
            "Business information: Business Name and Website are missing or not valid."
        );
        assert_eq!(two.fields, ["Business Name", "Website"]);
        let three = requirement(&result(&["A", "B", "C"], None));
        assert_eq!(
            three.description,
            "Business information: A, B and C are missing or not valid."
        );
        let one = requirement(&result(&["Website"], None));
        assert!(
            one.description
                .ends_with("Website is missing or not valid.")
        );
    }

    #[test]
    fn without_fields_twilios_reason_is_given() {
        let document = requirement(&result(&[], Some("Document is missing")));
        assert_eq!(
            document.description,
            "Business information: Document is missing"
        );
        let silent = requirement(&result(&[], None));
        assert_eq!(
            silent.description,
            "Business information: not provided yet."
        );
    }
}
