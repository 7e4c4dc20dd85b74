//! The languages customers can read recomply in.

use std::fmt;
use std::str::FromStr;

use std::sync::LazyLock;

use fluent_templates::LanguageIdentifier;

/// A supported language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English (the fallback, and the source of every message).
    #[default]
    En,
    /// French.
    Fr,
    /// German.
    De,
    /// Spanish.
    Es,
}

impl Locale {
    /// Every supported language, in the order the language switcher lists them.
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Fr, Locale::De, Locale::Es];

    /// The BCP 47 code, as in `lang="fr"` and the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::De => "de",
            Self::Es => "es",
        }
    }

    /// The code, as stored.
    pub fn as_str(self) -> &'static str {
        self.code()
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
            Self::De => "Deutsch",
            Self::Es => "Español",
        }
    }

    /// The language from a BCP 47 tag's primary subtag (`fr`, `fr-CA`, `DE-at`); `None` when
    /// not supported.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    pub(super) fn langid(self) -> &'static LanguageIdentifier {
        static IDS: LazyLock<[LanguageIdentifier; 4]> =
            LazyLock::new(|| Locale::ALL.map(|l| l.code().parse().expect("a valid language code")));
        &IDS[self as usize]
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code recomply does not offer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language {0:?} (use one of en, fr, de, es)")]
pub struct UnsupportedLocale(pub String);

impl FromStr for Locale {
    type Err = UnsupportedLocale;

    /// Exactly one of the codes (the database and the switcher's `?lang=`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| UnsupportedLocale(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_on_their_primary_language() {
        assert_eq!(Locale::from_tag("fr-CA"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("DE_at"), Some(Locale::De));
        assert_eq!(Locale::from_tag("ja"), None);
        assert_eq!("es".parse::<Locale>(), Ok(Locale::Es));
        assert!("es-ES".parse::<Locale>().is_err());
    }
}
