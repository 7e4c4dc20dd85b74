//! The ISV's brand: what end customers see on every page and in every email in place of
//! recomply's own name. Admin staff set it; [`Brand::default`] is recomply's own look, used
//! until they do.

/// The product name customers see when the ISV keeps the default.
pub const DEFAULT_PRODUCT_NAME: &str = "recomply";

/// The primary colour of the default look (`--primary` in `static/css/app.css`).
pub const DEFAULT_PRIMARY_COLOUR: &str = "#1f5fbf";

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
        format!("/brand.css?v={}", self.version)
    }

    /// Who the customer deals with: the ISV's company name, else the product name.
    pub fn company(&self) -> &str {
        self.company_name.as_deref().unwrap_or(&self.product_name)
    }
}
