//! The constraint language of `IncludeConstraints=true` regulations:
//! identifiers (End-User type and Supporting Document type machine names), `x['field']`, `==`,
//! `!=`, `=~ '<regex>'`, `&&`, `null`; empty text means "no constraint" (an optional field).
//!
//! Constraints are parsed once into an [`Expr`] (regexes compiled at parse time) and cached by
//! text, see [`compile`]. Evaluation binds each identifier to the attributes of one assigned item
//! ([`Bindings`]).

mod parse;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock, Mutex};

use regex::Regex;
use serde_json::Value;

/// Why constraint text could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConstraintError {
    /// A character that starts no token.
    #[error("unexpected character {0:?} at {1}")]
    UnexpectedChar(char, usize),
    /// A `'` without its closing quote.
    #[error("unterminated string starting at {0}")]
    UnterminatedString(usize),
    /// A token where another was expected.
    #[error("unexpected {0}")]
    Unexpected(String),
    /// The text ended in the middle of an expression.
    #[error("unexpected end of constraint")]
    UnexpectedEnd,
    /// The pattern of `=~` is not a valid regular expression.
    #[error("invalid regular expression {0:?}: {1}")]
    BadRegex(String, String),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// `null`.
    Null,
    /// A quoted literal.
    Literal(String),
    /// An item by type machine name, e.g. `business`.
    Item(String),
    /// A field of an item, e.g. `business['business_name']`.
    Field {
        /// Type machine name.
        item: String,
        /// Field machine name.
        field: String,
    },
}

/// A parsed constraint.
#[derive(Debug, Clone)]
pub enum Expr {
    /// The empty constraint: always satisfied.
    Always,
    /// Both sides hold.
    And(Box<Expr>, Box<Expr>),
    /// Either side holds.
    Or(Box<Expr>, Box<Expr>),
    /// `lhs == rhs` / `lhs != rhs`.
    Compare {
        /// Left side.
        lhs: Operand,
        /// Operator.
        op: CmpOp,
        /// Right side.
        rhs: Operand,
    },
    /// `operand =~ 'pattern'`.
    Matches {
        /// The tested value.
        operand: Operand,
        /// The compiled pattern.
        regex: Regex,
    },
    /// A bare operand: holds when it is present.
    Present(Operand),
}

/// The items visible to a constraint: type machine name → that item's attributes.
#[derive(Debug, Default, Clone)]
pub struct Bindings<'a> {
    items: Vec<(&'a str, &'a Value)>,
}

impl<'a> Bindings<'a> {
    /// No items bound.
    pub fn new() -> Self {
        Self::default()
    }

    /// Binds `type_name` to an item's attributes (a later binding of the same name wins).
    pub fn bind(mut self, type_name: &'a str, attributes: &'a Value) -> Self {
        self.items.retain(|(name, _)| *name != type_name);
        self.items.push((type_name, attributes));
        self
    }

    fn item(&self, name: &str) -> Option<&'a Value> {
        self.items
            .iter()
            .find(|(bound, _)| *bound == name)
            .map(|(_, attributes)| *attributes)
    }
}

/// Whether an attribute value counts as provided: a non-empty string, a non-empty array, a
/// number or a boolean.
pub fn is_present(value: &Value) -> bool {
    match value {
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Number(_) | Value::Bool(_) => true,
        Value::Object(o) => !o.is_empty(),
        Value::Null => false,
    }
}

/// A resolved operand.
#[derive(Debug, PartialEq)]
enum Resolved<'v> {
    Missing,
    /// A bound item (present even when its attributes are empty).
    Item(&'v Value),
    Value(&'v Value),
    Text(&'v str),
}

impl Expr {
    /// Whether the constraint holds for these bindings.
    pub fn eval(&self, bindings: &Bindings<'_>) -> bool {
        match self {
            Expr::Always => true,
            Expr::And(a, b) => a.eval(bindings) && b.eval(bindings),
            Expr::Or(a, b) => a.eval(bindings) || b.eval(bindings),
            Expr::Present(operand) => resolve(operand, bindings) != Resolved::Missing,
            Expr::Compare { lhs, op, rhs } => {
                let equal = equals(&resolve(lhs, bindings), &resolve(rhs, bindings));
                match op {
                    CmpOp::Eq => equal,
                    CmpOp::Ne => !equal,
                }
            }
            Expr::Matches { operand, regex } => match resolve(operand, bindings) {
                Resolved::Value(Value::String(s)) => regex.is_match(s),
                Resolved::Value(v @ (Value::Number(_) | Value::Bool(_))) => {
                    regex.is_match(&v.to_string())
                }
                Resolved::Text(s) => regex.is_match(s),
                _ => false,
            },
        }
    }

    /// Whether the constraint mentions the item `type_name` (alone or through a field).
    pub fn references_item(&self, type_name: &str) -> bool {
        let mentions = |o: &Operand| match o {
            Operand::Item(item) | Operand::Field { item, .. } => item == type_name,
            _ => false,
        };
        match self {
            Expr::Always => false,
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.references_item(type_name) || b.references_item(type_name)
            }
            Expr::Compare { lhs, rhs, .. } => mentions(lhs) || mentions(rhs),
            Expr::Matches { operand, .. } | Expr::Present(operand) => mentions(operand),
        }
    }
}

fn resolve<'v>(operand: &'v Operand, bindings: &Bindings<'v>) -> Resolved<'v> {
    match operand {
        Operand::Null => Resolved::Missing,
        Operand::Literal(text) => Resolved::Text(text),
        Operand::Item(item) => bindings
            .item(item)
            .map_or(Resolved::Missing, Resolved::Item),
        Operand::Field { item, field } => match bindings.item(item).and_then(|a| a.get(field)) {
            Some(value) if is_present(value) => Resolved::Value(value),
            _ => Resolved::Missing,
        },
    }
}

fn equals(a: &Resolved<'_>, b: &Resolved<'_>) -> bool {
    match (a, b) {
        (Resolved::Value(Value::String(s)), Resolved::Text(t))
        | (Resolved::Text(t), Resolved::Value(Value::String(s))) => s == t,
        (x, y) => x == y,
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Null => f.write_str("null"),
            Operand::Literal(text) => write!(f, "'{}'", text.replace('\'', "\\'")),
            Operand::Item(item) => f.write_str(item),
            Operand::Field { item, field } => write!(f, "{item}['{field}']"),
        }
    }
}

impl fmt::Display for Expr {
    /// Canonical text (single spaces around operators); parsing it gives the same constraint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Always => Ok(()),
            Expr::And(a, b) => write!(f, "{} && {}", Paren(a), Paren(b)),
            Expr::Or(a, b) => write!(f, "{a} || {b}"),
            Expr::Compare { lhs, op, rhs } => {
                let op = if *op == CmpOp::Eq { "==" } else { "!=" };
                write!(f, "{lhs} {op} {rhs}")
            }
            Expr::Matches { operand, regex } => write!(f, "{operand} =~ '{}'", regex.as_str()),
            Expr::Present(operand) => write!(f, "{operand}"),
        }
    }
}

/// Wraps `||` in parentheses when it appears under `&&`.
struct Paren<'e>(&'e Expr);

impl fmt::Display for Paren<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Expr::Or(..) => write!(f, "({})", self.0),
            other => write!(f, "{other}"),
        }
    }
}

/// Parses constraint text without caching.
pub fn parse(text: &str) -> Result<Expr, ConstraintError> {
    parse::parse(text)
}

/// Parses constraint text once per distinct text (regexes are compiled once) and returns the
/// shared [`Expr`].
pub fn compile(text: &str) -> Result<Arc<Expr>, ConstraintError> {
    static CACHE: LazyLock<Mutex<HashMap<String, Arc<Expr>>>> = LazyLock::new(Default::default);
    if let Some(expr) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(text) {
        return Ok(Arc::clone(expr));
    }
    let expr = Arc::new(parse::parse(text)?);
    CACHE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(text.to_owned(), Arc::clone(&expr));
    Ok(expr)
}

#[cfg(test)]
mod tests;
