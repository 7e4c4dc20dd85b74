//! Where a regulation applies, in the customer's language ("in France", "au Royaume-Uni",
//! "in den Niederlanden"): prepositions differ by country, so each locale words them whole.

use crate::i18n::Tr;

/// "in France" from an ISO 3166 alpha-2 code ("in XX" when the code is unknown).
pub fn in_country(tr: &Tr, iso: &str) -> String {
    let iso = iso.to_ascii_uppercase();
    let known = iso.len() == 2 && iso.chars().all(|c| c.is_ascii_uppercase());
    known
        .then(|| tr.try_t(&format!("in-country-{iso}")))
        .flatten()
        .unwrap_or_else(|| tr.t1("in-country-unknown", "code", iso))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Locale, Zone};

    #[test]
    fn countries_are_named_in_the_reader_s_language() {
        assert_eq!(in_country(&Tr::english(), "fr"), "in France");
        let fr = Tr::new(Locale::Fr, Zone::utc());
        assert_eq!(in_country(&fr, "GB"), "au Royaume-Uni");
        assert_eq!(
            in_country(&Tr::new(Locale::De, Zone::utc()), "EE"),
            "in Estland"
        );
        assert_eq!(in_country(&Tr::english(), "XX"), "in XX");
        assert_eq!(in_country(&Tr::english(), "F-"), "in F-");
    }
}
