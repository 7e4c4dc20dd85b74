//! Reading single environment variables strictly: an empty value counts as unset, and a value
//! that does not parse is an error naming the variable, never a silent default.

use std::net::IpAddr;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use url::Url;

/// Looks one variable up by name.
type Lookup<'a> = Box<dyn Fn(&str) -> Option<String> + 'a>;

/// Where variables come from: the process environment, or a fixed list in tests.
pub struct Source<'a> {
    lookup: Lookup<'a>,
}

impl Source<'static> {
    /// The process environment.
    pub fn process() -> Self {
        Self {
            lookup: Box::new(|name| std::env::var(name).ok()),
        }
    }
}

impl<'a> Source<'a> {
    /// A fixed list of `(name, value)` pairs.
    pub fn from_pairs(pairs: &'a [(&'a str, &'a str)]) -> Self {
        Self {
            lookup: Box::new(move |name| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }),
        }
    }

    /// The variable's text, trimmed; `None` when unset or empty.
    pub fn text(&self, name: &str) -> Option<String> {
        (self.lookup)(name)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    }

    /// A boolean: `1`/`0`, `true`/`false`, `yes`/`no` (any case).
    pub fn bool(&self, name: &str) -> anyhow::Result<Option<bool>> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        match text.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => Ok(Some(true)),
            "0" | "false" | "no" => Ok(Some(false)),
            _ => bail!("{name} must be one of 1, 0, true, false, yes, no (not {text:?})"),
        }
    }

    /// A whole number of at least `min`.
    pub fn number<T>(&self, name: &str, min: T) -> anyhow::Result<Option<T>>
    where
        T: FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        let Ok(value) = text.parse::<T>() else {
            bail!("{name} must be a whole number (not {text:?})");
        };
        if value < min {
            bail!("{name} must be at least {min} (not {text:?})");
        }
        Ok(Some(value))
    }

    /// A positive number of seconds.
    pub fn seconds(&self, name: &str) -> anyhow::Result<Option<Duration>> {
        Ok(self
            .number::<u64>(name, 1)
            .with_context(|| format!("{name} is a number of seconds, such as 300"))?
            .map(Duration::from_secs))
    }

    /// An absolute `http` or `https` URL.
    pub fn http_url(&self, name: &str) -> anyhow::Result<Option<Url>> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        let url = Url::parse(&text)
            .with_context(|| format!("{name} must be an absolute URL (not {text:?})"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            bail!("{name} must be an http:// or https:// URL with a host (not {text:?})");
        }
        Ok(Some(url))
    }

    /// A comma-separated list of IP addresses.
    pub fn ip_list(&self, name: &str) -> anyhow::Result<Vec<IpAddr>> {
        let Some(text) = self.text(name) else {
            return Ok(Vec::new());
        };
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpAddr>().with_context(|| {
                    format!("{name} must list IP addresses separated by commas (not {item:?})")
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(result: anyhow::Result<impl std::fmt::Debug>) -> String {
        format!("{:#}", result.expect_err("the value is refused"))
    }

    #[test]
    fn an_empty_variable_counts_as_unset() {
        let pairs = [("A", ""), ("B", "  ")];
        let env = Source::from_pairs(&pairs);
        assert_eq!(env.text("A"), None);
        assert_eq!(env.bool("A").unwrap(), None);
        assert_eq!(env.seconds("B").unwrap(), None);
    }

    #[test]
    fn booleans_accept_the_usual_words() {
        let pairs = [
            ("T1", "1"),
            ("T2", "TRUE"),
            ("T3", "yes"),
            ("F1", "0"),
            ("F2", "False"),
        ];
        let env = Source::from_pairs(&pairs);
        for name in ["T1", "T2", "T3"] {
            assert_eq!(env.bool(name).unwrap(), Some(true), "{name}");
        }
        for name in ["F1", "F2"] {
            assert_eq!(env.bool(name).unwrap(), Some(false), "{name}");
        }
        let pairs = [("RECOMPLY_DEV", "maybe")];
        let message = error(Source::from_pairs(&pairs).bool("RECOMPLY_DEV"));
        assert!(message.contains("RECOMPLY_DEV"), "{message}");
    }

    #[test]
    fn seconds_refuse_units_negatives_words_and_zero() {
        for bad in ["5m", "-1", "abc", "0", "1.5"] {
            let pairs = [("RECOMPLY_POLL_INTERVAL_SECS", bad)];
            let message = error(Source::from_pairs(&pairs).seconds("RECOMPLY_POLL_INTERVAL_SECS"));
            assert!(
                message.contains("RECOMPLY_POLL_INTERVAL_SECS"),
                "{bad}: {message}"
            );
        }
        let pairs = [("S", "300")];
        assert_eq!(
            Source::from_pairs(&pairs).seconds("S").unwrap(),
            Some(Duration::from_secs(300))
        );
    }

    #[test]
    fn urls_must_be_http_or_https_with_a_host() {
        for bad in [
            "ftp://example.com",
            "example.com",
            "mailto:a@b.c",
            "http//x",
        ] {
            let pairs = [("RECOMPLY_PUBLIC_URL", bad)];
            let message = error(Source::from_pairs(&pairs).http_url("RECOMPLY_PUBLIC_URL"));
            assert!(message.contains("RECOMPLY_PUBLIC_URL"), "{bad}: {message}");
        }
        let pairs = [("U", "https://app.example.com/")];
        assert!(Source::from_pairs(&pairs).http_url("U").unwrap().is_some());
    }

    #[test]
    fn proxy_lists_name_the_bad_entry() {
        let pairs = [("P", "10.0.0.1, ::1"), ("Q", "10.0.0.1, proxy")];
        let env = Source::from_pairs(&pairs);
        assert_eq!(env.ip_list("P").unwrap().len(), 2);
        let message = error(env.ip_list("Q"));
        assert!(
            message.contains('Q') && message.contains("proxy"),
            "{message}"
        );
    }
}
