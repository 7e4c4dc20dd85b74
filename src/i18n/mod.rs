//! The customer's language: every customer page and email is written in Fluent messages
//! (`src/i18n/locales/<lang>/*.ftl`) in English, French, German and Spanish. Admin pages stay
//! English. Twilio's own words (field names, failure reasons) are data and pass through
//! untranslated, inside translated sentences.
//!
//! [`Locale`] is a supported language, [`negotiate`] picks one for a request, [`Tr`] looks
//! messages up and formats dates in a [`Zone`].

mod locale;
mod negotiate;
mod tr;
mod zone;

pub use locale::Locale;
pub use negotiate::{Choices, negotiate};
pub use tr::{Count, Moment, Tr, Translated};
pub use zone::{Zone, ZoneError};

// Every locale's messages, compiled into the binary.
fluent_templates::static_loader! {
    static MESSAGES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: the text goes into HTML and plain-text
        // email, where they would show up as stray characters in some clients.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Time zones the admin form suggests (any IANA name is accepted).
pub const COMMON_ZONES: &[&str] = &[
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Tallinn",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Mexico_City",
    "Asia/Jakarta",
    "Asia/Tokyo",
    "Australia/Sydney",
];

#[cfg(test)]
mod completeness;
