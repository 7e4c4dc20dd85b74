//! The two kinds of emailed link, as stored in `magic_link.kind`.

use crate::i18n::Tr;
use serde::{Deserialize, Serialize};
use time::Duration;

use super::text_enum::text_enum;

/// What a link is for, and so how long and how often it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// From the sign-in page (or made by staff to hand over): single use, minutes.
    SignIn,
    /// In a notification email about one renewal: usable again until it expires (days), the
    /// renewal closes, or staff revoke it.
    Renewal,
}

text_enum!(LinkKind, "link kind", {
    SignIn => "sign_in",
    Renewal => "renewal",
});

impl LinkKind {
    /// Whether the first use spends the link.
    pub fn single_use(self) -> bool {
        self == Self::SignIn
    }

    /// What an email says about how long its link (living `ttl`) works.
    pub fn lifetime_note(self, ttl: Duration, tr: &Tr) -> String {
        match self {
            Self::SignIn => tr.n("link-lifetime-sign-in", ttl.whole_minutes()),
            Self::Renewal => tr.n("link-lifetime-renewal", ttl.whole_days().max(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sign_in_links_are_single_use() {
        assert!(LinkKind::SignIn.single_use());
        assert!(!LinkKind::Renewal.single_use());
        assert_eq!(
            LinkKind::SignIn.lifetime_note(Duration::minutes(15), &Tr::english()),
            "The link works once and for 15 minutes."
        );
        assert!(
            LinkKind::Renewal
                .lifetime_note(Duration::days(30), &Tr::english())
                .contains("works for 30 days, or until this renewal is finished")
        );
        assert!(
            LinkKind::Renewal
                .lifetime_note(Duration::days(1), &Tr::english())
                .contains("1 day,")
        );
        for kind in LinkKind::ALL {
            assert_eq!(kind.as_str().parse::<LinkKind>().unwrap(), *kind);
        }
    }
}
