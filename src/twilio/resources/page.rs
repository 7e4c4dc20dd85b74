//! Twilio's list envelope: `{"results": [...], "meta": {...}}` (docs/emulator-fidelity.md, "Lists").

use serde::Deserialize;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// The items on this page.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// Paging information.
    pub meta: PageMeta,
}

/// The `meta` object of a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct PageMeta {
    /// Zero-based page number.
    #[serde(default)]
    pub page: u32,
    /// Items per page.
    #[serde(default)]
    pub page_size: u32,
    /// Absolute URL of the first page.
    #[serde(default)]
    pub first_page_url: Option<String>,
    /// Absolute URL of the previous page.
    #[serde(default)]
    pub previous_page_url: Option<String>,
    /// Absolute URL of this page.
    #[serde(default)]
    pub url: Option<String>,
    /// Absolute URL of the next page, followed verbatim; `None` on the last page.
    #[serde(default)]
    pub next_page_url: Option<String>,
    /// The name of the array key (`results`).
    #[serde(default)]
    pub key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_exposes_its_results_and_next_page_url() {
        let json = r#"{"results": [{"sid": "BU1", "status": "draft"}],
            "meta": {"page": 0, "page_size": 1, "first_page_url": "f", "previous_page_url": null,
                     "url": "u", "next_page_url": "https://numbers.twilio.com/v2/x?PageToken=PT1", "key": "results"}}"#;
        let page: Page<super::super::Bundle> = serde_json::from_str(json).unwrap();
        assert_eq!(page.results.len(), 1);
        assert_eq!(
            page.meta.next_page_url.as_deref(),
            Some("https://numbers.twilio.com/v2/x?PageToken=PT1")
        );
    }
}
