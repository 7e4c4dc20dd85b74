//! Cursor pagination for every API list: rows in creation order (oldest first, ties broken by
//! id), `limit` per page (1–100, 50 by default), and an opaque `next_cursor` that names the
//! last row returned. New rows appear at the end, so paging through a growing list neither
//! skips nor repeats a row.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::IntoParams;
use uuid::Uuid;

use super::problem::ApiError;
pub use crate::db::api_lists::{Keyset, Window};

/// Rows per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest page.
pub const MAX_LIMIT: u32 = 100;

/// The query parameters of every list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Rows per page, 1–100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Rows to return.
    pub limit: u32,
    /// Return only rows after this one.
    pub after: Option<Keyset>,
}

impl PageRequest {
    /// The rows to fetch: one more than the page, to know whether another page follows.
    pub fn window(&self) -> Window {
        Window {
            after: self.after,
            limit: i64::from(self.limit) + 1,
        }
    }
}

impl PageQuery {
    /// Checks the limit and decodes the cursor.
    pub fn checked(&self) -> Result<PageRequest, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::BadRequest(format!(
                "`limit` must be between 1 and {MAX_LIMIT}."
            )));
        }
        let after = match &self.cursor {
            None => None,
            Some(text) => Some(decode(text).ok_or_else(|| {
                ApiError::BadRequest(
                    "`cursor` is not a cursor this API returned; start again without it.".into(),
                )
            })?),
        };
        Ok(PageRequest { limit, after })
    }
}

/// The cursor naming `row`.
pub fn encode(row: Keyset) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "{}:{}",
        row.created_at.unix_timestamp_nanos(),
        row.id.simple()
    ))
}

fn decode(text: &str) -> Option<Keyset> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(text).ok()?).ok()?;
    let (nanos, id) = raw.split_once(':')?;
    Some(Keyset {
        created_at: OffsetDateTime::from_unix_timestamp_nanos(nanos.parse().ok()?).ok()?,
        id: Uuid::try_parse(id).ok()?,
    })
}

/// Splits `rows` (fetched with one more than the limit) into the page and its next cursor.
pub fn page<T>(
    mut rows: Vec<T>,
    request: PageRequest,
    key: impl Fn(&T) -> Keyset,
) -> (Vec<T>, Option<String>) {
    let limit = request.limit as usize;
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(|row| encode(key(row)));
    (rows, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_strangers_are_refused() {
        let row = Keyset {
            created_at: OffsetDateTime::from_unix_timestamp_nanos(1_800_000_000_123_456_000)
                .unwrap(),
            id: Uuid::new_v4(),
        };
        let query = PageQuery {
            limit: Some(10),
            cursor: Some(encode(row)),
        };
        assert_eq!(query.checked().unwrap().after, Some(row));
        let bad = PageQuery {
            cursor: Some("not-a-cursor".into()),
            ..Default::default()
        };
        assert!(matches!(bad.checked(), Err(ApiError::BadRequest(_))));
        for limit in [0, 101] {
            let query = PageQuery {
                limit: Some(limit),
                cursor: None,
            };
            assert!(query.checked().is_err(), "{limit}");
        }
        assert_eq!(PageQuery::default().checked().unwrap().limit, 50);
    }

    #[test]
    fn a_page_has_a_next_cursor_only_when_more_rows_were_found() {
        let request = PageRequest {
            limit: 2,
            after: None,
        };
        let key = |n: &i64| Keyset {
            created_at: OffsetDateTime::from_unix_timestamp(*n).unwrap(),
            id: Uuid::nil(),
        };
        let (rows, next) = page(vec![1, 2, 3], request, key);
        assert_eq!(rows, [1, 2]);
        assert_eq!(next, Some(encode(key(&2))));
        let (rows, next) = page(vec![1, 2], request, key);
        assert_eq!(rows, [1, 2]);
        assert_eq!(next, None);
    }
}
