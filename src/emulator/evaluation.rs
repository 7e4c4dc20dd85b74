//! The Evaluation engine. SCAFFOLD: signatures agreed in EMULATOR_CONTRACT.txt.

use serde_json::Value;

use super::catalogue::Regulation;

/// An End-User assigned to the bundle.
pub struct EvalEndUser<'a> {
    /// `individual` or `business`.
    pub end_user_type: &'a str,
    /// Its attributes object.
    pub attributes: &'a Value,
}

/// A Supporting Document assigned to the bundle.
pub struct EvalDocument<'a> {
    /// Supporting Document Type machine name.
    pub document_type: &'a str,
    /// Its attributes object.
    pub attributes: &'a Value,
}

/// The result of an evaluation.
pub struct EvaluationOutcome {
    /// `compliant` when true.
    pub compliant: bool,
    /// One entry per requirement, in Twilio's format.
    pub results: Vec<Value>,
}

/// Evaluates items against the regulation's current version.
pub fn evaluate(
    _regulation: &Regulation,
    _end_users: &[EvalEndUser<'_>],
    _documents: &[EvalDocument<'_>],
) -> EvaluationOutcome {
    EvaluationOutcome {
        compliant: false,
        results: Vec::new(),
    }
}
