//! Tokenizer and recursive-descent parser for the constraint language.
//!
//! Grammar (`||` and parentheses are accepted for robustness; Twilio's captures use only `&&`):
//! ```text
//! expr     := or
//! or       := and ( "||" and )*
//! and      := unary ( "&&" unary )*
//! unary    := "(" expr ")" | operand [ ( "==" | "!=" ) operand | "=~" string ]
//! operand  := "null" | string | ident [ "[" string "]" ]
//! string   := "'" ( "\'" | any char but "'" )* "'"
//! ```

use regex::Regex;

use super::{CmpOp, ConstraintError, Expr, Operand};

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    LBracket,
    RBracket,
    LParen,
    RParen,
    Eq,
    Ne,
    Match,
    And,
    Or,
}

/// Parses constraint text; empty (or all-blank) text is [`Expr::Always`].
pub(super) fn parse(text: &str) -> Result<Expr, ConstraintError> {
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Ok(Expr::Always);
    }
    let mut parser = Parser { tokens, pos: 0 };
    let expr = parser.or()?;
    match parser.peek() {
        None => Ok(expr),
        Some(token) => Err(ConstraintError::Unexpected(format!("{token:?}"))),
    }
}

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, ConstraintError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let two = |a: char, b: char| c == a && chars.get(i + 1) == Some(&b);
        let token = if c.is_whitespace() {
            i += 1;
            continue;
        } else if two('=', '=') {
            i += 2;
            Token::Eq
        } else if two('!', '=') {
            i += 2;
            Token::Ne
        } else if two('=', '~') {
            i += 2;
            Token::Match
        } else if two('&', '&') {
            i += 2;
            Token::And
        } else if two('|', '|') {
            i += 2;
            Token::Or
        } else if c == '[' || c == ']' || c == '(' || c == ')' {
            i += 1;
            match c {
                '[' => Token::LBracket,
                ']' => Token::RBracket,
                '(' => Token::LParen,
                _ => Token::RParen,
            }
        } else if c == '\'' {
            let (literal, next) = string_literal(&chars, i + 1, start)?;
            i = next;
            Token::Str(literal)
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            Token::Ident(chars[start..i].iter().collect())
        } else {
            return Err(ConstraintError::UnexpectedChar(c, start));
        };
        tokens.push((token, start));
    }
    Ok(tokens)
}

/// Reads a single-quoted literal starting after the opening quote; `\'` is a quote, every other
/// backslash is kept (regular expressions need them).
fn string_literal(
    chars: &[char],
    mut i: usize,
    start: usize,
) -> Result<(String, usize), ConstraintError> {
    let mut literal = String::new();
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'\'') => {
                literal.push('\'');
                i += 2;
            }
            '\'' => return Ok((literal, i + 1)),
            c => {
                literal.push(c);
                i += 1;
            }
        }
    }
    Err(ConstraintError::UnterminatedString(start))
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn next(&mut self) -> Result<Token, ConstraintError> {
        let token = self
            .tokens
            .get(self.pos)
            .map(|(t, _)| t.clone())
            .ok_or(ConstraintError::UnexpectedEnd)?;
        self.pos += 1;
        Ok(token)
    }

    fn expect(&mut self, wanted: Token) -> Result<(), ConstraintError> {
        match self.next()? {
            token if token == wanted => Ok(()),
            other => Err(ConstraintError::Unexpected(format!("{other:?}"))),
        }
    }

    fn or(&mut self) -> Result<Expr, ConstraintError> {
        let mut left = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ConstraintError> {
        let mut left = self.unary()?;
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ConstraintError> {
        if self.peek() == Some(&Token::LParen) {
            self.pos += 1;
            let inner = self.or()?;
            self.expect(Token::RParen)?;
            return Ok(inner);
        }
        let lhs = self.operand()?;
        match self.peek() {
            Some(Token::Eq) | Some(Token::Ne) => {
                let op = if self.next()? == Token::Eq {
                    CmpOp::Eq
                } else {
                    CmpOp::Ne
                };
                let rhs = self.operand()?;
                Ok(Expr::Compare { lhs, op, rhs })
            }
            Some(Token::Match) => {
                self.pos += 1;
                let Token::Str(pattern) = self.next()? else {
                    return Err(ConstraintError::Unexpected(
                        "=~ needs a quoted pattern".into(),
                    ));
                };
                let regex = Regex::new(&pattern)
                    .map_err(|e| ConstraintError::BadRegex(pattern.clone(), e.to_string()))?;
                Ok(Expr::Matches {
                    operand: lhs,
                    regex,
                })
            }
            _ => Ok(Expr::Present(lhs)),
        }
    }

    fn operand(&mut self) -> Result<Operand, ConstraintError> {
        match self.next()? {
            Token::Ident(name) if name == "null" => Ok(Operand::Null),
            Token::Ident(item) => {
                if self.peek() != Some(&Token::LBracket) {
                    return Ok(Operand::Item(item));
                }
                self.pos += 1;
                let Token::Str(field) = self.next()? else {
                    return Err(ConstraintError::Unexpected(
                        "a field name must be quoted".into(),
                    ));
                };
                self.expect(Token::RBracket)?;
                Ok(Operand::Field { item, field })
            }
            Token::Str(text) => Ok(Operand::Literal(text)),
            other => Err(ConstraintError::Unexpected(format!("{other:?}"))),
        }
    }
}
