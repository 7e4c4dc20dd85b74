//! The outcome an admin action reports through `?notice=` on the page it redirects to. Each
//! page that shows one has a small enum of its outcomes; its query value is spelled once, in
//! [`QueryNotice::query_value`], which both the redirect and the page's parsing use, so the two
//! cannot drift apart. A value the page does not know shows no notice.

/// One page's `?notice=` outcomes.
pub trait QueryNotice: Copy + 'static {
    /// Every outcome.
    const ALL: &'static [Self];

    /// The value in the query (`?notice={value}`).
    fn query_value(self) -> &'static str;

    /// What the page says.
    fn text(self) -> &'static str;

    /// The outcome `value` names, or none for a value no outcome has.
    fn from_query(value: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|notice| notice.query_value() == value)
    }

    /// `path` with this outcome in its query, for the redirect.
    fn on(self, path: &str) -> String {
        format!("{path}?notice={}", self.query_value())
    }
}

/// `?notice=`, on a page whose query holds nothing else.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    notice: String,
}

impl NoticeQuery {
    /// The outcome the query names, if the page knows it.
    pub fn notice<N: QueryNotice>(&self) -> Option<N> {
        N::from_query(&self.notice)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::QueryNotice;

    /// Every outcome of `N` parses back from its query value, the values are distinct, and a
    /// value no outcome has (or none at all) is no notice.
    pub(crate) fn round_trips<N: QueryNotice + PartialEq + std::fmt::Debug>() {
        for notice in N::ALL {
            assert_eq!(N::from_query(notice.query_value()), Some(*notice));
            assert!(!notice.text().is_empty());
            assert_eq!(
                notice.on("/x"),
                format!("/x?notice={}", notice.query_value())
            );
        }
        assert_eq!(N::from_query(""), None);
        assert_eq!(N::from_query("no-such-notice"), None);
    }
}
