//! The Evaluation engine: checks the items assigned to a bundle against the current version of
//! its regulation by interpreting the regulation's constraints (no per-country code).
//!
//! Output: one Twilio Evaluation result per requirement — End-User requirement(s) first, then the
//! document requirements of one alternative set, in the regulation's order. The reported set is
//! the first one that is fully met, otherwise the first set. For a document requirement, any
//! assigned document of an accepted type that satisfies all its constraints passes it; when none
//! does, the result describes the best candidate (fewest failing fields, first on a tie), or
//! error 22216 against the first accepted document when no document of an accepted type is
//! assigned. Among several End-Users of the required type the best one is used likewise, and
//! it is the one document constraints compare against.

mod messages;
#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value;

use super::catalogue::constraint::{self, Bindings, Expr, is_present};
use super::catalogue::{
    AcceptedDocument, DetailedField, DocumentRequirement, EndUserRequirement, Regulation,
};

/// An End-User assigned to the bundle.
#[derive(Debug, Clone, Copy)]
pub struct EvalEndUser<'a> {
    /// `individual` or `business`.
    pub end_user_type: &'a str,
    /// Its attributes object.
    pub attributes: &'a Value,
}

/// A Supporting Document assigned to the bundle.
#[derive(Debug, Clone, Copy)]
pub struct EvalDocument<'a> {
    /// Supporting Document Type machine name.
    pub document_type: &'a str,
    /// Its attributes object.
    pub attributes: &'a Value,
}

/// The result of an evaluation.
#[derive(Debug, Clone)]
pub struct EvaluationOutcome {
    /// `compliant` when true: every reported requirement passed.
    pub compliant: bool,
    /// One entry per requirement, in Twilio's format.
    pub results: Vec<Value>,
}

/// One `results[]` entry.
#[derive(Debug, Serialize)]
struct RequirementResult {
    friendly_name: String,
    object_type: String,
    passed: bool,
    failure_reason: Option<String>,
    error_code: Option<u32>,
    valid: Vec<FieldResult>,
    invalid: Vec<FieldResult>,
    requirement_friendly_name: String,
    requirement_name: String,
}

/// One `valid[]` / `invalid[]` entry.
#[derive(Debug, Serialize)]
struct FieldResult {
    friendly_name: String,
    object_field: String,
    failure_reason: Option<String>,
    error_code: Option<u32>,
}

/// The fields of one candidate item, checked.
struct Checked {
    /// The item-level constraint (`business != null`, `… && passport != null`) held.
    item_ok: bool,
    valid: Vec<FieldResult>,
    invalid: Vec<FieldResult>,
}

impl Checked {
    fn failures(&self) -> usize {
        self.invalid.len() + usize::from(!self.item_ok)
    }
}

/// Evaluates the items assigned to a bundle against the regulation's current version,
/// interpreting the constraint language (no per-country code).
pub fn evaluate(
    regulation: &Regulation,
    end_users: &[EvalEndUser<'_>],
    documents: &[EvalDocument<'_>],
) -> EvaluationOutcome {
    let requirements = regulation.requirements();
    let mut results = Vec::new();
    let mut bindings = Bindings::new();
    for requirement in &requirements.end_user {
        let (result, chosen) = evaluate_end_user(requirement, end_users);
        if let Some(attributes) = chosen {
            bindings = bindings.bind(&requirement.end_user_type, attributes);
        }
        results.push(result);
    }
    let context = DocumentContext {
        regulation,
        end_user_requirements: &requirements.end_user,
        bindings: &bindings,
        documents,
    };
    let mut sets: Vec<Vec<RequirementResult>> = requirements
        .supporting_document
        .iter()
        .map(|set| set.iter().map(|r| context.evaluate(r)).collect())
        .collect();
    let reported = sets
        .iter()
        .position(|set| set.iter().all(|r| r.passed))
        .unwrap_or(0);
    if reported < sets.len() {
        results.append(&mut sets.swap_remove(reported));
    }
    EvaluationOutcome {
        compliant: results.iter().all(|r| r.passed),
        results: results
            .iter()
            .map(|r| serde_json::to_value(r).expect("results serialise"))
            .collect(),
    }
}

/// The End-User result and the attributes of the End-User used (the best candidate).
fn evaluate_end_user<'a>(
    requirement: &'a EndUserRequirement,
    end_users: &[EvalEndUser<'a>],
) -> (RequirementResult, Option<&'a Value>) {
    let name = requirement.name.as_str();
    let best = end_users
        .iter()
        .filter(|eu| eu.end_user_type == requirement.end_user_type)
        .map(|eu| (eu.attributes, check_end_user(requirement, eu.attributes)))
        .min_by_key(|(_, checked)| checked.failures());
    let mut result = RequirementResult {
        friendly_name: name.to_owned(),
        object_type: requirement.end_user_type.clone(),
        passed: false,
        failure_reason: None,
        error_code: None,
        valid: Vec::new(),
        invalid: Vec::new(),
        requirement_friendly_name: name.to_owned(),
        requirement_name: requirement.requirement_name.clone(),
    };
    let (attributes, checked) = match best {
        Some((attributes, checked)) if checked.item_ok => (attributes, checked),
        other => {
            result.failure_reason = Some(messages::end_user_missing(name));
            result.error_code = Some(messages::END_USER_MISSING);
            result.invalid = constrained(&requirement.detailed_fields)
                .map(|(field, _)| {
                    let reason = messages::end_user_field_missing(&field.friendly_name, name);
                    failed(field, reason, messages::END_USER_FIELD)
                })
                .collect();
            return (result, other.map(|(attributes, _)| attributes));
        }
    };
    conclude(&mut result, checked);
    (result, Some(attributes))
}

fn check_end_user(requirement: &EndUserRequirement, attributes: &Value) -> Checked {
    let bindings = Bindings::new().bind(&requirement.end_user_type, attributes);
    let mut checked = Checked {
        item_ok: holds(requirement.constraint.as_deref(), &bindings),
        valid: Vec::new(),
        invalid: Vec::new(),
    };
    for (field, expr) in constrained(&requirement.detailed_fields) {
        if expr.eval(&bindings) {
            checked.valid.push(passed(field));
            continue;
        }
        let provided = attributes.get(&field.machine_name).is_some_and(is_present);
        let reason = if provided {
            messages::end_user_field_invalid(&field.friendly_name, &requirement.name)
        } else {
            messages::end_user_field_missing(&field.friendly_name, &requirement.name)
        };
        checked
            .invalid
            .push(failed(field, reason, messages::END_USER_FIELD));
    }
    checked
}

/// What document requirements are evaluated against.
struct DocumentContext<'c, 'a> {
    regulation: &'c Regulation,
    end_user_requirements: &'c [EndUserRequirement],
    bindings: &'c Bindings<'a>,
    documents: &'c [EvalDocument<'a>],
}

impl DocumentContext<'_, '_> {
    fn evaluate(&self, requirement: &DocumentRequirement) -> RequirementResult {
        let best = self
            .documents
            .iter()
            .flat_map(|document| {
                requirement
                    .accepted_documents
                    .iter()
                    .filter(|accepted| accepted.document_type == document.document_type)
                    .map(move |accepted| (accepted, document))
            })
            .map(|(accepted, document)| {
                let checked = self.check_document(requirement, accepted, document.attributes);
                (accepted, checked)
            })
            .min_by_key(|(_, checked)| checked.failures());
        let Some((accepted, checked)) = best else {
            return self.missing_document(requirement);
        };
        let mut result = self.result_for(requirement, accepted);
        if checked.invalid.is_empty() && !checked.item_ok {
            // Only the item-level constraint failed (nothing field-level to point at).
            result.failure_reason = Some(messages::document_missing(&accepted.name));
            result.error_code = Some(messages::DOCUMENT_MISSING);
            result.valid = checked.valid;
            return result;
        }
        conclude(&mut result, checked);
        result
    }

    /// 22216 against the first accepted document, listing what its fields would need.
    fn missing_document(&self, requirement: &DocumentRequirement) -> RequirementResult {
        let Some(accepted) = requirement.accepted_documents.first() else {
            // A requirement that accepts nothing cannot be met; report it generically.
            return RequirementResult {
                friendly_name: requirement.name.clone(),
                object_type: requirement.kind.clone(),
                passed: false,
                failure_reason: Some(messages::document_missing(&requirement.name)),
                error_code: Some(messages::DOCUMENT_MISSING),
                valid: Vec::new(),
                invalid: Vec::new(),
                requirement_friendly_name: requirement.name.clone(),
                requirement_name: requirement.requirement_name.clone(),
            };
        };
        let mut result = self.result_for(requirement, accepted);
        result.failure_reason = Some(messages::document_missing(&accepted.name));
        result.error_code = Some(messages::DOCUMENT_MISSING);
        result.invalid = constrained(&accepted.detailed_fields)
            .map(|(field, expr)| self.field_failure(requirement, accepted, field, &expr))
            .collect();
        result
    }

    fn check_document(
        &self,
        requirement: &DocumentRequirement,
        accepted: &AcceptedDocument,
        attributes: &Value,
    ) -> Checked {
        let bindings = self
            .bindings
            .clone()
            .bind(&accepted.document_type, attributes);
        let mut checked = Checked {
            item_ok: holds(accepted.constraint.as_deref(), &bindings),
            valid: Vec::new(),
            invalid: Vec::new(),
        };
        for (field, expr) in constrained(&accepted.detailed_fields) {
            if expr.eval(&bindings) {
                checked.valid.push(passed(field));
            } else {
                let failure = self.field_failure(requirement, accepted, field, &expr);
                checked.invalid.push(failure);
            }
        }
        checked
    }

    /// The failure of a document field: 22219 for addresses, 22217 otherwise, worded for a
    /// match with the End-User when the constraint compares with it; a verbatim text from the
    /// regulation data wins.
    fn field_failure(
        &self,
        requirement: &DocumentRequirement,
        accepted: &AcceptedDocument,
        field: &DetailedField,
        expr: &Expr,
    ) -> FieldResult {
        let (label, document) = (&field.friendly_name, &accepted.name);
        let (generic, code) = if field.machine_name == "address_sids" {
            (
                messages::address_missing(document),
                messages::ADDRESS_MISSING,
            )
        } else if let Some(end_user) = self
            .end_user_requirements
            .iter()
            .find(|eu| expr.references_item(&eu.end_user_type))
        {
            let text = messages::document_field_mismatch(label, &end_user.name, document);
            (text, messages::DOCUMENT_FIELD)
        } else {
            let text = messages::document_field_missing(label, document);
            (text, messages::DOCUMENT_FIELD)
        };
        let reason = self
            .regulation
            .failure_message(&requirement.requirement_name, &field.machine_name)
            .map_or(generic, str::to_owned);
        failed(field, reason, code)
    }

    fn result_for(
        &self,
        requirement: &DocumentRequirement,
        accepted: &AcceptedDocument,
    ) -> RequirementResult {
        RequirementResult {
            friendly_name: accepted.name.clone(),
            object_type: accepted.document_type.clone(),
            passed: false,
            failure_reason: None,
            error_code: None,
            valid: Vec::new(),
            invalid: Vec::new(),
            requirement_friendly_name: requirement.name.clone(),
            requirement_name: requirement.requirement_name.clone(),
        }
    }
}

/// Fills a result from its checked fields: passed, or failing with the first invalid field's
/// reason and code.
fn conclude(result: &mut RequirementResult, checked: Checked) {
    result.passed = checked.failures() == 0;
    if let Some(first) = checked.invalid.first() {
        result.failure_reason.clone_from(&first.failure_reason);
        result.error_code = first.error_code;
    }
    result.valid = checked.valid;
    result.invalid = checked.invalid;
}

/// The fields that carry a non-empty constraint, with it compiled (optional fields are skipped).
fn constrained(
    fields: &[DetailedField],
) -> impl Iterator<Item = (&DetailedField, std::sync::Arc<Expr>)> {
    fields.iter().filter_map(|field| {
        let text = field.constraint_text();
        if text.trim().is_empty() {
            return None;
        }
        match constraint::compile(text) {
            Ok(expr) => Some((field, expr)),
            Err(error) => {
                // Catalogue data is validated on load and on change; never silently pass.
                tracing::error!(%error, constraint = text, "unparsable constraint");
                Some((field, std::sync::Arc::new(never())))
            }
        }
    })
}

/// Evaluates an optional item-level constraint (absent or empty holds).
fn holds(text: Option<&str>, bindings: &Bindings<'_>) -> bool {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => true,
        Some(text) => constraint::compile(text).is_ok_and(|expr| expr.eval(bindings)),
    }
}

/// A constraint that never holds (`null != null`).
fn never() -> Expr {
    constraint::parse("null != null").expect("literal constraint parses")
}

fn passed(field: &DetailedField) -> FieldResult {
    FieldResult {
        friendly_name: field.friendly_name.clone(),
        object_field: field.machine_name.clone(),
        failure_reason: None,
        error_code: None,
    }
}

fn failed(field: &DetailedField, reason: String, code: u32) -> FieldResult {
    FieldResult {
        friendly_name: field.friendly_name.clone(),
        object_field: field.machine_name.clone(),
        failure_reason: Some(reason),
        error_code: Some(code),
    }
}
