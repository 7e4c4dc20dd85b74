//! The frame every customer page is drawn in: the ISV's brand, the customer's language (and
//! the switcher to change it), and, when someone is signed in, the header's account menu.
//!
//! Handlers take [`Chrome`] as an extractor after [`CurrentCustomer`] (which leaves the
//! customer in the request's extensions), and templates call `c.t("message-id")`.

use axum::extract::FromRequestParts;
use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::csrf::CsrfToken;
use crate::auth::customer::CurrentCustomer;
use crate::brand::Brand;
use crate::db;
use crate::error::AppError;
use crate::i18n::{Choices, Locale, Tr, Zone, negotiate};
use crate::state::AppState;
use crate::web::portal::{PortalNav, nav};

/// The query parameter of the language switcher's links.
pub const LANG_PARAM: &str = "lang";
/// The query parameters the switcher carries over to the same page in another language: the
/// customer's own search and paging. Anything else (a hand-off's signature, a token) is never
/// echoed into the page.
const KEPT_PARAMS: &[&str] = &["q", "page", "email", "renewal", "signed_out"];
/// The cookie that keeps a visitor's pick (a plain preference, not a secret): anonymous
/// visitors get no server-side session for it.
pub const LANG_COOKIE: &str = "lang";
/// How long the pick is kept.
const LANG_COOKIE_MAX_AGE: i64 = 365 * 24 * 3600;

/// One entry of the language switcher.
#[derive(Debug, Clone)]
pub struct LanguageLink {
    /// `fr`.
    pub code: &'static str,
    /// `Français`.
    pub name: &'static str,
    /// This page in that language.
    pub href: String,
    /// Whether it is the page's language.
    pub current: bool,
}

/// A message with a gap where one argument goes (see [`Chrome::around`]).
#[derive(Debug, Clone)]
pub struct Around {
    /// The text before the argument.
    pub before: String,
    /// The text after it.
    pub after: String,
}

/// Brand, language and header of one customer page.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The page's messages and time zone.
    pub tr: Tr,
    /// The ISV's brand.
    pub brand: Brand,
    /// The language switcher.
    pub languages: Vec<LanguageLink>,
    /// The signed-in customer's menu, if any.
    pub nav: Option<PortalNav>,
}

/// Templates call the page's messages directly on it: `c.t("id")`, `c.n("id", count)`.
impl std::ops::Deref for Chrome {
    type Target = Tr;

    fn deref(&self) -> &Tr {
        &self.tr
    }
}

impl Chrome {
    /// The message `id` cut where its argument `name` goes, so that a template can mark the
    /// argument up (`{{ s.before }}<strong>{{ email }}</strong>{{ s.after }}`).
    pub fn around(&self, id: &str, name: &str) -> Around {
        const MARK: &str = "\u{1}";
        let text = self.tr.t1(id, name, MARK);
        match text.split_once(MARK) {
            Some((before, after)) => Around {
                before: before.to_owned(),
                after: after.to_owned(),
            },
            None => Around {
                before: text,
                after: String::new(),
            },
        }
    }

    /// The product name customers see.
    pub fn product(&self) -> &str {
        &self.brand.product_name
    }
}

impl FromRequestParts<AppState> for Chrome {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let picked = picked_language(parts.uri.query());
        let customer = parts.extensions.get::<CurrentCustomer>().cloned();
        if let (Some(locale), Some(customer)) = (picked, &customer) {
            db::users::save_locale(&state.db, customer.tenant_id, customer.app_user_id, locale)
                .await?;
        }
        let cookie_pick = cookie_language(&parts.headers);
        let accept_language = parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let locale = negotiate(Choices {
            picked,
            saved: customer.as_ref().and_then(|c| c.locale).or(cookie_pick),
            accept_language,
            tenant_default: customer.as_ref().map(|c| c.tenant_locale),
        });
        let zone = customer
            .as_ref()
            .map(|c| c.time_zone.clone())
            .unwrap_or_else(Zone::utc);
        let nav = match &customer {
            Some(customer) => {
                let csrf = CsrfToken::from_request_parts(parts, state).await?;
                Some(nav(customer, &csrf))
            }
            None => None,
        };
        Ok(Self {
            tr: Tr::new(locale, zone),
            brand: db::brand::load(&state.db).await?,
            languages: switcher(parts.uri.path(), parts.uri.query(), locale),
            nav,
        })
    }
}

/// Middleware: a page opened with a valid `?lang=` keeps that pick in the [`LANG_COOKIE`].
pub async fn remember_pick(request: Request, next: Next) -> Response {
    let picked = picked_language(request.uri().query());
    let mut response = next.run(request).await;
    if let Some(locale) = picked {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age={LANG_COOKIE_MAX_AGE}; SameSite=Lax",
            locale.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

fn cookie_language(headers: &HeaderMap) -> Option<Locale> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| value.parse().ok())
}

fn picked_language(query: Option<&str>) -> Option<Locale> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == LANG_PARAM)
        .and_then(|(_, value)| value.parse().ok())
}

/// This page in each language: the same path and query with `lang` set.
fn switcher(path: &str, query: Option<&str>, current: Locale) -> Vec<LanguageLink> {
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .filter(|(name, _)| KEPT_PARAMS.contains(&name.as_ref()))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    Locale::ALL
        .into_iter()
        .map(|locale| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            query.extend_pairs(kept.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            query.append_pair(LANG_PARAM, locale.code());
            LanguageLink {
                code: locale.code(),
                name: locale.native_name(),
                href: format!("{path}?{}", query.finish()),
                current: locale == current,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switcher_keeps_the_page_and_its_query() {
        let links = switcher("/bundles", Some("q=fr&page=2&lang=de"), Locale::De);
        assert_eq!(links.len(), 4);
        assert_eq!(links[1].href, "/bundles?q=fr&page=2&lang=fr");
        assert!(links[2].current && !links[1].current);
        assert_eq!(switcher("/", None, Locale::En)[3].href, "/?lang=es");
    }

    #[test]
    fn the_switcher_never_echoes_other_parameters() {
        let links = switcher("/handoff", Some("tenant=t&nonce=n&signature=s"), Locale::En);
        assert_eq!(links[1].href, "/handoff?lang=fr");
    }

    #[test]
    fn the_pick_is_read_back_from_its_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; lang=de; b=2"));
        assert_eq!(cookie_language(&headers), Some(Locale::De));
        headers.insert(COOKIE, HeaderValue::from_static("lang=xx"));
        assert_eq!(cookie_language(&headers), None);
    }

    #[test]
    fn only_supported_picks_count() {
        assert_eq!(picked_language(Some("lang=fr")), Some(Locale::Fr));
        assert_eq!(picked_language(Some("lang=ja")), None);
        assert_eq!(picked_language(None), None);
    }
}
