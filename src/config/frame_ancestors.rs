//! `RECOMPLY_FRAME_ANCESTORS`: the https origins allowed to show the customer pages in a frame
//! (the ISV's portal). Unset: no page may be framed. Set: customer pages answer
//! `frame-ancestors <origins>` and their cookies become `SameSite=None; Secure; Partitioned`,
//! so they keep working inside a third-party frame (see `docs/handoff.md`).

use std::fmt;

use anyhow::bail;
use url::Url;

/// Name of the variable.
pub const VARIABLE: &str = "RECOMPLY_FRAME_ANCESTORS";

/// The origins allowed to frame the customer pages; empty means framing is off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameAncestors(Vec<String>);

impl FrameAncestors {
    /// Parses a space-separated list of https origins (`https://portal.example.com`,
    /// optionally with a port). Anything else (http, a path, a wildcard, a query, a user)
    /// stops start-up naming the variable.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let mut origins = Vec::new();
        for item in text.split_whitespace() {
            let origin = origin_of(item)?;
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        Ok(Self(origins))
    }

    /// The allow-list from the given origins (tests and code that builds a config).
    pub fn from_origins<'a>(origins: impl IntoIterator<Item = &'a str>) -> anyhow::Result<Self> {
        Self::parse(&origins.into_iter().collect::<Vec<_>>().join(" "))
    }

    /// Whether any origin may frame the customer pages.
    pub fn is_on(&self) -> bool {
        !self.0.is_empty()
    }

    /// The origins, as the CSP directive lists them.
    pub fn origins(&self) -> &[String] {
        &self.0
    }
}

impl fmt::Display for FrameAncestors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("(none)")
        } else {
            f.write_str(&self.0.join(" "))
        }
    }
}

/// `https://host[:port]` of one list item, or an error naming the variable.
fn origin_of(item: &str) -> anyhow::Result<String> {
    let refuse = |why: &str| -> anyhow::Result<String> {
        bail!(
            "{VARIABLE} must list https origins separated by spaces, such as \
             https://portal.example.com ({item:?} {why})"
        )
    };
    let Ok(url) = Url::parse(item) else {
        return refuse("is not a URL");
    };
    if url.scheme() != "https" {
        return refuse("is not https");
    }
    if url.host_str().is_none_or(|host| host.contains('*')) || item.contains('*') {
        return refuse("has no host, or a wildcard");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("carries a user name");
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return refuse("has a path, query or fragment");
    }
    // A bare `https://host` or `https://host/` only; `Url` already lower-cased the host and
    // dropped the default port.
    let trimmed = item.trim_end_matches('/');
    if trimmed.matches("://").count() != 1 {
        return refuse("is not a plain origin");
    }
    Ok(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> String {
        format!("{:#}", FrameAncestors::parse(text).expect_err("refused"))
    }

    #[test]
    fn https_origins_are_kept_in_their_canonical_form() {
        let list =
            FrameAncestors::parse("  https://Portal.Example.com  https://app.isv.test:8443/ ")
                .unwrap();
        assert_eq!(
            list.origins(),
            ["https://portal.example.com", "https://app.isv.test:8443"]
        );
        assert!(list.is_on());
        assert_eq!(
            list.to_string(),
            "https://portal.example.com https://app.isv.test:8443"
        );
        let default_port =
            FrameAncestors::parse("https://a.example:443 https://a.example").unwrap();
        assert_eq!(default_port.origins(), ["https://a.example"]);
    }

    #[test]
    fn an_empty_list_leaves_framing_off() {
        let list = FrameAncestors::parse("   ").unwrap();
        assert!(!list.is_on());
        assert_eq!(list.to_string(), "(none)");
    }

    #[test]
    fn anything_but_an_https_origin_is_refused_naming_the_variable() {
        for bad in [
            "http://portal.example.com",
            "portal.example.com",
            "https://*.example.com",
            "https://portal.example.com/app",
            "https://portal.example.com?x=1",
            "https://user@portal.example.com",
            "'self'",
            "*",
            "https://a.example,https://b.example",
        ] {
            let message = refusal(bad);
            assert!(message.contains(VARIABLE), "{bad}: {message}");
        }
    }
}
