//! Paging of Twilio's 2010-04-01 API: `PageSize` (1–1000, clamped; default 50) and `Page`, with
//! the list's own array key beside `first_page_uri`, `next_page_uri`, `previous_page_uri`, `page`,
//! `page_size`, `start`, `end` and `uri` (relative URIs that keep the filters).

use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::extract::Params;

/// Which page of a 2010-04-01 list was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassicPage {
    /// `Page` (0 by default).
    pub page: usize,
    /// `PageSize`, clamped to 1..=1000.
    pub page_size: usize,
}

impl ClassicPage {
    /// Reads `PageSize` and `Page` (20001 when not numbers).
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
                .parse::<usize>()
                .map_err(|_| ApiError::invalid("Page", "expected a non-negative integer"))?,
        };
        Ok(Self { page, page_size })
    }

    /// The list response for `all` (already filtered and sorted), rendered by `view`.
    pub fn envelope<T>(
        &self,
        path: &str,
        query: &Params,
        key: &str,
        all: Vec<T>,
        view: impl Fn(&T) -> Value,
    ) -> Value {
        let total = all.len();
        let start = self.page * self.page_size;
        let items: Vec<Value> = all
            .iter()
            .skip(start)
            .take(self.page_size)
            .map(view)
            .collect();
        let uri_for = |page: usize| {
            let mut serializer = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in &query.0 {
                if k != "Page" && k != "PageSize" {
                    serializer.append_pair(k, v);
                }
            }
            serializer.append_pair("PageSize", &self.page_size.to_string());
            serializer.append_pair("Page", &page.to_string());
            format!("{path}?{}", serializer.finish())
        };
        let more = start + items.len() < total;
        let end = (start + items.len()).saturating_sub(1).max(start);
        let mut body = Map::new();
        body.insert("first_page_uri".into(), json!(uri_for(0)));
        body.insert(
            "next_page_uri".into(),
            json!(more.then(|| uri_for(self.page + 1))),
        );
        body.insert(
            "previous_page_uri".into(),
            json!((self.page > 0).then(|| uri_for(self.page - 1))),
        );
        body.insert("page".into(), json!(self.page));
        body.insert("page_size".into(), json!(self.page_size));
        body.insert("start".into(), json!(start));
        body.insert("end".into(), json!(end));
        body.insert("uri".into(), json!(uri_for(self.page)));
        body.insert(key.into(), Value::Array(items));
        Value::Object(body)
    }
}
