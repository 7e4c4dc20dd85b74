//! Which language a customer reads a page in.

use super::Locale;

/// What a request offers, strongest first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choices<'a> {
    /// Picked in the language switcher for this page (`?lang=fr`).
    pub picked: Option<Locale>,
    /// Saved: the user's own choice, or this browser session's when nobody is signed in.
    pub saved: Option<Locale>,
    /// The browser's `Accept-Language` header.
    pub accept_language: Option<&'a str>,
    /// The tenant's default language.
    pub tenant_default: Option<Locale>,
}

/// The language to use: the switcher's pick, then the saved choice, then the first supported
/// language the browser accepts, then the tenant's default, then English.
pub fn negotiate(choices: Choices<'_>) -> Locale {
    choices
        .picked
        .or(choices.saved)
        .or_else(|| choices.accept_language.and_then(from_accept_language))
        .or(choices.tenant_default)
        .unwrap_or_default()
}

/// The supported language the header ranks highest (`q=0` means "not this one").
fn from_accept_language(header: &str) -> Option<Locale> {
    let mut ranked: Vec<(u16, usize, Locale)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, part)| {
            let mut pieces = part.split(';');
            let locale = Locale::from_tag(pieces.next()?)?;
            let quality = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            // Thousandths, so that equal weights keep the header's order.
            let weight = (quality.clamp(0.0, 1.0) * 1000.0) as u16;
            (weight > 0).then_some((weight, position, locale))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map(|&(_, _, locale)| locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(header: &str) -> Locale {
        negotiate(Choices {
            accept_language: Some(header),
            ..Choices::default()
        })
    }

    #[test]
    fn the_browser_s_best_supported_language_wins() {
        assert_eq!(accepting("ja, fr-FR;q=0.8, de;q=0.9"), Locale::De);
        assert_eq!(accepting("es-MX,es;q=0.9,en;q=0.8"), Locale::Es);
        assert_eq!(accepting("fr;q=0, de;q=0.1"), Locale::De);
        assert_eq!(accepting("ja, zh"), Locale::En);
        assert_eq!(accepting("garbage;;;q=x"), Locale::En);
    }

    #[test]
    fn a_pick_beats_a_saved_choice_beats_the_browser_beats_the_tenant() {
        let all = Choices {
            picked: Some(Locale::Es),
            saved: Some(Locale::De),
            accept_language: Some("fr"),
            tenant_default: Some(Locale::En),
        };
        assert_eq!(negotiate(all), Locale::Es);
        assert_eq!(
            negotiate(Choices {
                picked: None,
                ..all
            }),
            Locale::De
        );
        let browser = Choices {
            picked: None,
            saved: None,
            ..all
        };
        assert_eq!(negotiate(browser), Locale::Fr);
        let tenant = Choices {
            accept_language: Some("ja"),
            tenant_default: Some(Locale::Fr),
            ..Choices::default()
        };
        assert_eq!(negotiate(tenant), Locale::Fr);
    }
}
