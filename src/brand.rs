//! The ISV's brand: what end customers see on every page and in every email in place of
//! recomply's own name. Admin staff set it; [`Brand::default`] is recomply's own look, used
//! until they do.

use crate::domain::colour::HexColour;

/// The product name customers see when the ISV keeps the default.
pub const DEFAULT_PRODUCT_NAME: &str = "recomply";

/// The primary colour of the default look (`--primary` in `static/css/app.css`).
pub const DEFAULT_PRIMARY_COLOUR: &str = "#1f5fbf";

/// The hover shade of the default look (`--primary-dark` in `static/css/app.css`).
pub const DEFAULT_PRIMARY_DARK: &str = "#174a96";

/// The soft background shade of the default look (`--primary-soft` in `static/css/app.css`).
pub const DEFAULT_PRIMARY_SOFT: &str = "#e8f0fc";

/// The brand every customer page and email is rendered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// The product name customers see ("Acme Compliance"); `recomply` by default.
    pub product_name: String,
    /// The ISV's company name ("Acme Telecom Ltd"), when set.
    pub company_name: Option<String>,
    /// Where the uploaded logo is served from our origin (with a version for caching), when one
    /// was uploaded.
    pub logo_url: Option<String>,
    /// The primary colour, `#rrggbb`.
    pub primary_colour: String,
    /// Where customers write for help.
    pub support_email: Option<String>,
    /// The ISV's help page.
    pub support_url: Option<String>,
    /// The display name of the emails' sender.
    pub sender_name: Option<String>,
    /// The emails' sender address (in place of `RECOMPLY_EMAIL_FROM`).
    pub sender_address: Option<String>,
    /// The footer line of every customer page and email.
    pub footer: Option<String>,
    /// Changes whenever the settings change: busts caches of the stylesheet and logo.
    pub version: i64,
}

impl Default for Brand {
    fn default() -> Self {
        Self {
            product_name: DEFAULT_PRODUCT_NAME.to_owned(),
            company_name: None,
            logo_url: None,
            primary_colour: DEFAULT_PRIMARY_COLOUR.to_owned(),
            support_email: None,
            support_url: None,
            sender_name: None,
            sender_address: None,
            footer: None,
            version: 0,
        }
    }
}

impl Brand {
    /// The stylesheet generated from these settings (linked from every page after `app.css`).
    pub fn stylesheet_url(&self) -> String {
        format!("{}?v={}", crate::routes::BRAND_STYLESHEET, self.version)
    }

    /// The three shades `/brand.css` sets, `(primary, dark, soft)`, all `#rrggbb`: the
    /// default look keeps `app.css`'s own values; any other colour gets a darker hover shade and
    /// a pale background shade derived from it. A stored colour that does not parse (it cannot,
    /// the table checks it) falls back to the default look.
    pub fn shades(&self) -> (String, String, String) {
        match HexColour::parse(&self.primary_colour) {
            Ok(colour) if colour.to_string() != DEFAULT_PRIMARY_COLOUR => (
                colour.to_string(),
                colour.dark().to_string(),
                colour.soft().to_string(),
            ),
            _ => (
                DEFAULT_PRIMARY_COLOUR.to_owned(),
                DEFAULT_PRIMARY_DARK.to_owned(),
                DEFAULT_PRIMARY_SOFT.to_owned(),
            ),
        }
    }

    /// The stylesheet served at `/brand.css`: overrides `app.css`'s `--primary`,
    /// `--primary-dark` and `--primary-soft`.
    pub fn stylesheet(&self) -> String {
        let (primary, dark, soft) = self.shades();
        format!(
            "/* The ISV's brand (version {}), generated from the brand settings. */\n\
             :root {{ --primary: {primary}; --primary-dark: {dark}; --primary-soft: {soft}; }}\n",
            self.version
        )
    }

    /// The letter in the header's badge when there is no logo: recomply's tick for the
    /// default look, else the product name's first letter.
    pub fn mark(&self) -> String {
        if self.product_name == DEFAULT_PRODUCT_NAME {
            return "✓".to_owned();
        }
        self.product_name
            .chars()
            .find(|c| c.is_alphanumeric())
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_else(|| "✓".to_owned())
    }

    /// The brand as an email carries it: the logo's address made absolute by `url_for` (mail
    /// clients fetch it from outside).
    pub fn for_email(mut self, url_for: impl Fn(&str) -> String) -> Self {
        self.logo_url = self.logo_url.map(|path| url_for(&path));
        self
    }

    /// Who the customer deals with: the ISV's company name, else the product name.
    pub fn company(&self) -> &str {
        self.company_name.as_deref().unwrap_or(&self.product_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_stylesheet_keeps_the_default_look() {
        let css = Brand::default().stylesheet();
        assert!(css.contains("--primary: #1f5fbf;"), "{css}");
        assert!(css.contains("--primary-dark: #174a96;"), "{css}");
        assert!(css.contains("--primary-soft: #e8f0fc;"), "{css}");
    }

    #[test]
    fn a_brand_colour_sets_all_three_shades() {
        let brand = Brand {
            primary_colour: "#AA0000".into(),
            ..Brand::default()
        };
        assert_eq!(
            brand.shades(),
            ("#aa0000".into(), "#800000".into(), "#f7e6e6".into())
        );
        let css = brand.stylesheet();
        assert!(
            css.contains("--primary: #aa0000; --primary-dark: #800000; --primary-soft: #f7e6e6;")
        );
    }
}
