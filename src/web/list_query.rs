//! Query parameters of the admin lists, read strictly: a query string that does not decode, a
//! value holding NUL, or a page number out of range answers 400 with the styled error page
//! (never a database error, an overflow or a silent guess).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::domain::storable_text::is_storable;
use crate::error::AppError;

/// The highest page number a list accepts (far beyond any real list, far from overflow).
pub const MAX_PAGE: i64 = 100_000;

/// The decoded query string of an admin list.
#[derive(Debug, Clone)]
pub struct StrictQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for StrictQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parse(parts.uri.query().unwrap_or("")).map(Self)
    }
}

/// Decodes `query` into `T`, refusing what a list cannot use.
pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
        .map_err(|_| AppError::BadRequest("The address of this page is malformed.".into()))?;
    if pairs
        .iter()
        .any(|(key, value)| !is_storable(key) || !is_storable(value))
    {
        return Err(AppError::BadRequest(
            "A filter or search holds a control character (NUL) that cannot be searched for."
                .into(),
        ));
    }
    serde_urlencoded::from_str(query).map_err(|_| {
        AppError::BadRequest("A filter in the address of this page is not understood.".into())
    })
}

/// The 1-based page number in `text` (1 when empty).
pub fn page_number(text: &str) -> Result<i64, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(1);
    }
    text.parse::<i64>()
        .ok()
        .filter(|page| (1..=MAX_PAGE).contains(page))
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "The page number must be a whole number from 1 to {MAX_PAGE}."
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Q {
        #[serde(default)]
        q: String,
    }

    #[test]
    fn page_numbers_out_of_range_or_malformed_are_bad_requests() {
        assert_eq!(page_number("").unwrap(), 1);
        assert_eq!(page_number("3").unwrap(), 3);
        for bad in ["0", "-1", "x", "9223372036854775807", "100001", "1e3"] {
            assert!(
                matches!(page_number(bad), Err(AppError::BadRequest(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn nul_and_malformed_queries_are_bad_requests() {
        assert_eq!(parse::<Q>("q=BU12").unwrap().q, "BU12");
        assert!(matches!(
            parse::<Q>("q=a%00b"),
            Err(AppError::BadRequest(_))
        ));
        assert!(matches!(
            parse::<Q>("q=a&q=b"),
            Err(AppError::BadRequest(_))
        ));
    }
}
