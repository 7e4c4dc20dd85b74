//! "Page 2 of 5": the pager shared by the admin lists and the customer's bundle list, with
//! links that keep the list's filters, and the one rule for reading a `page` parameter.

/// "Page 2 of 5" with links that keep the filters.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Current page (1-based).
    pub page: i64,
    /// Number of pages (at least 1).
    pub pages: i64,
    /// Matching rows in total.
    pub total: i64,
    /// First row shown (1-based; 0 when there are none).
    pub first: i64,
    /// Last row shown.
    pub last: i64,
    /// Link to the previous page.
    pub prev: Option<String>,
    /// Link to the next page.
    pub next: Option<String>,
}

impl Pagination {
    /// Pagination for `page` of `total` rows, `size` per page, on `path` with the filters in
    /// `query_string` (without `page`).
    pub fn new(path: &str, query_string: &str, page: i64, size: i64, total: i64) -> Self {
        let pages = ((total + size - 1) / size).max(1);
        let link = |p: i64| {
            if query_string.is_empty() {
                format!("{path}?page={p}")
            } else {
                format!("{path}?{query_string}&page={p}")
            }
        };
        let first = if total == 0 {
            0
        } else {
            (page - 1).saturating_mul(size).saturating_add(1)
        };
        Self {
            page,
            pages,
            total,
            first: first.min(total),
            last: page.saturating_mul(size).min(total),
            prev: (page > 1).then(|| link((page - 1).min(pages))),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

/// The 1-based page asked for in a `page` parameter: 1 when missing, unparseable or below 1.
pub fn requested_page(raw: &str) -> i64 {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// Rows to skip to show `page` (never overflows: an absurd page is simply past the end).
pub fn offset(page: i64, size: i64) -> i64 {
    (page - 1).saturating_mul(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_links_keep_the_filters_and_stop_at_the_ends() {
        let p = Pagination::new("/bundles", "q=acme", 2, 50, 120);
        assert_eq!((p.first, p.last, p.pages), (51, 100, 3));
        assert_eq!(p.prev.as_deref(), Some("/bundles?q=acme&page=1"));
        assert_eq!(p.next.as_deref(), Some("/bundles?q=acme&page=3"));
        let last = Pagination::new("/bundles", "", 3, 50, 120);
        assert_eq!((last.first, last.last, last.next), (101, 120, None));
    }

    #[test]
    fn an_absurd_page_number_is_past_the_end_not_a_crash() {
        let page = requested_page("9223372036854775807");
        assert_eq!(page, i64::MAX);
        assert_eq!(offset(page, 50), i64::MAX);
        let p = Pagination::new("/bundles", "", page, 50, 10);
        assert_eq!(p.last, 10);
        assert_eq!(requested_page("x"), 1);
        assert_eq!(requested_page("-3"), 1);
    }
}
