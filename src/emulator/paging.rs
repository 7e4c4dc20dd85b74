//! Paging of every list: `PageSize` (1–1000, clamped; default 50), `Page` (client state),
//! opaque `PageToken`; the `meta` block with absolute URLs that keep the filters.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::error::ApiError;
use super::extract::Params;

const PAGING_KEYS: [&str; 3] = ["PageSize", "Page", "PageToken"];

/// Which slice of a list was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// `Page` as sent (0 by default).
    pub page: u64,
    /// `PageSize`, clamped to 1..=1000.
    pub page_size: usize,
    /// Index of the first item (from the token, else `page * page_size`).
    pub offset: usize,
    token: Option<usize>,
}

impl PageRequest {
    /// Reads the paging parameters; a bad `PageToken` is 21481.
    pub fn from_query(query: &Params) -> Result<Self, ApiError> {
        let page_size = match query.get("PageSize") {
            None | Some("") => 50,
            Some(text) => text
                .parse::<i64>()
                .map_err(|_| ApiError::invalid("PageSize", "expected an integer"))?
                .clamp(1, 1000) as usize,
        };
        let page = match query.get("Page") {
            None | Some("") => 0,
            Some(text) => text
                .parse::<u64>()
                .map_err(|_| ApiError::invalid("Page", "expected a non-negative integer"))?,
        };
        let token = match query.get("PageToken") {
            None | Some("") => None,
            Some(text) => Some(
                decode_token(text)
                    .ok_or_else(|| ApiError::bad_request(21481, "Invalid PageToken"))?,
            ),
        };
        let offset = token.unwrap_or(page as usize * page_size);
        Ok(Self {
            page,
            page_size,
            offset,
            token,
        })
    }

    /// The requested slice of `all`, and whether more items follow it.
    pub fn slice<T>(&self, all: Vec<T>) -> (Vec<T>, bool) {
        let total = all.len();
        let items: Vec<T> = all
            .into_iter()
            .skip(self.offset)
            .take(self.page_size)
            .collect();
        let more = self.offset + items.len() < total;
        (items, more)
    }

    /// The list response: `{<key>: results, meta: {…}}`.
    pub fn envelope(
        &self,
        list_url: &str,
        query: &Params,
        key: &str,
        results: Vec<Value>,
        more: bool,
    ) -> Value {
        let filters: Vec<(&str, &str)> = query
            .0
            .iter()
            .filter(|(k, _)| !PAGING_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let url_for = |page: u64, token: Option<usize>| {
            let mut serializer = url::form_urlencoded::Serializer::new(String::new());
            serializer.extend_pairs(filters.iter().copied());
            serializer.append_pair("PageSize", &self.page_size.to_string());
            serializer.append_pair("Page", &page.to_string());
            if let Some(offset) = token {
                serializer.append_pair("PageToken", &encode_token(offset));
            }
            format!("{list_url}?{}", serializer.finish())
        };
        let next = more.then(|| url_for(self.page + 1, Some(self.offset + self.page_size)));
        let previous = (self.page > 0 || self.offset > 0).then(|| {
            url_for(
                self.page.saturating_sub(1),
                Some(self.offset.saturating_sub(self.page_size)),
            )
        });
        json!({
            key: results,
            "meta": {
                "page": self.page,
                "page_size": self.page_size,
                "first_page_url": url_for(0, None),
                "previous_page_url": previous,
                "url": url_for(self.page, self.token),
                "next_page_url": next,
                "key": key,
            }
        })
    }
}

fn encode_token(offset: usize) -> String {
    format!("PT{}", URL_SAFE_NO_PAD.encode(format!("after:{offset}")))
}

fn decode_token(token: &str) -> Option<usize> {
    let bytes = URL_SAFE_NO_PAD.decode(token.strip_prefix("PT")?).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("after:")?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_garbage_is_refused() {
        assert_eq!(decode_token(&encode_token(150)), Some(150));
        assert_eq!(decode_token("PTnonsense"), None);
        let query = Params(vec![("PageToken".into(), "garbage".into())]);
        assert_eq!(PageRequest::from_query(&query).unwrap_err().code, 21481);
    }

    #[test]
    fn page_size_is_clamped() {
        let query = Params(vec![("PageSize".into(), "5000".into())]);
        assert_eq!(PageRequest::from_query(&query).unwrap().page_size, 1000);
        let query = Params(vec![("PageSize".into(), "0".into())]);
        assert_eq!(PageRequest::from_query(&query).unwrap().page_size, 1);
    }
}
