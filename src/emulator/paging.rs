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

    /// The requested slice of a list walked in order, and whether more items follow it; reads
    /// no further than one item past the page.
    pub fn take<T>(&self, all: impl Iterator<Item = T>) -> (Vec<T>, bool) {
        let mut items: Vec<T> = all.skip(self.offset).take(self.page_size + 1).collect();
        let more = items.len() > self.page_size;
        items.truncate(self.page_size);
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
        json!({
            key: results,
            "meta": self.meta(list_url, query, key, more),
        })
    }

    /// The same envelope as text, around results already serialized (the same bytes as
    /// serializing [`PageRequest::envelope`]).
    pub fn envelope_text<S: AsRef<str>>(
        &self,
        list_url: &str,
        query: &Params,
        key: &str,
        results: &[S],
        more: bool,
    ) -> String {
        let meta = self.meta(list_url, query, key, more).to_string();
        let key_text = Value::from(key).to_string();
        let length = results.iter().map(|r| r.as_ref().len() + 1).sum::<usize>();
        let mut body = String::with_capacity(length + meta.len() + key_text.len() + 16);
        body.push('{');
        body.push_str(&key_text);
        body.push_str(":[");
        for (i, result) in results.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(result.as_ref());
        }
        body.push_str("],\"meta\":");
        body.push_str(&meta);
        body.push('}');
        body
    }

    /// The `meta` block: page, size, and the first, previous, current and next page URLs.
    fn meta(&self, list_url: &str, query: &Params, key: &str, more: bool) -> Value {
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
            "page": self.page,
            "page_size": self.page_size,
            "first_page_url": url_for(0, None),
            "previous_page_url": previous,
            "url": url_for(self.page, self.token),
            "next_page_url": next,
            "key": key,
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
    fn the_text_envelope_is_the_value_envelope_serialized() {
        let query = Params(vec![
            ("Status".into(), "draft".into()),
            ("PageSize".into(), "2".into()),
        ]);
        let paging = PageRequest::from_query(&query).unwrap();
        let results = vec![
            json!({"sid": "BU1", "n": [1, "a\"b"]}),
            json!({"sid": "BU2"}),
        ];
        let texts: Vec<String> = results.iter().map(Value::to_string).collect();
        let url = "http://h/v2/RegulatoryCompliance/Bundles";
        let value = paging.envelope(url, &query, "results", results, true);
        let text = paging.envelope_text(url, &query, "results", &texts, true);
        assert_eq!(text, value.to_string());
        let empty: [&str; 0] = [];
        let value = paging.envelope(url, &query, "results", Vec::new(), false);
        assert_eq!(
            paging.envelope_text(url, &query, "results", &empty, false),
            value.to_string()
        );
    }

    #[test]
    fn taking_from_a_walk_matches_slicing_the_whole_list() {
        for (offset, size) in [(0, 2), (2, 2), (4, 2), (5, 3), (9, 1)] {
            let query = Params(vec![
                ("PageSize".into(), size.to_string()),
                ("PageToken".into(), encode_token(offset)),
            ]);
            let paging = PageRequest::from_query(&query).unwrap();
            let all: Vec<u32> = (0..6).collect();
            assert_eq!(paging.take(all.clone().into_iter()), paging.slice(all));
        }
    }

    #[test]
    fn page_size_is_clamped() {
        let query = Params(vec![("PageSize".into(), "5000".into())]);
        assert_eq!(PageRequest::from_query(&query).unwrap().page_size, 1000);
        let query = Params(vec![("PageSize".into(), "0".into())]);
        assert_eq!(PageRequest::from_query(&query).unwrap().page_size, 1);
    }
}
