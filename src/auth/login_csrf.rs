//! CSRF for the sign-in forms, without any server state: a signed double-submit token.
//!
//! An anonymous visitor has no session (and must not get one: a page view should not write a
//! row). Instead the sign-in page hands out `nonce.tag`, where `tag` is an HMAC of a random
//! nonce under a sub-key of the application secret, once in an HttpOnly cookie and once in the
//! form's hidden field. A POST is accepted only when the cookie carries a token this server
//! signed and the field equals it (compared in constant time). Another site can make the
//! browser send the cookie, but cannot read it to fill in the field. Signed-in forms keep the
//! session-stored token of [`super::csrf`].

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponseParts, ResponseParts};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq;
use tower_sessions::cookie::{Cookie, SameSite};

use crate::crypto::SecretKey;
use crate::error::AppError;
use crate::state::AppState;

/// Name of the cookie that carries the token.
pub const COOKIE_NAME: &str = "recomply_login_csrf";
const PURPOSE: &str = "recomply/login-csrf/v1";

/// The sign-in forms' token: the one the browser already holds when it is valid, a new one
/// otherwise. Return it among the response parts so that a new token reaches the cookie.
#[derive(Debug, Clone)]
pub struct LoginCsrf {
    token: String,
    /// `Some(cookie)` when the token is new and must be set.
    set_cookie: Option<String>,
}

impl LoginCsrf {
    /// The token for the hidden field `csrf_token`.
    pub fn value(&self) -> &str {
        &self.token
    }

    /// `Ok` when the request carried a valid signed cookie and `submitted` equals it;
    /// `Forbidden` (403) otherwise (no cookie, a forged cookie, or another token in the form).
    pub fn verify(&self, submitted: &str) -> Result<(), AppError> {
        let from_cookie = self.set_cookie.is_none();
        if from_cookie && bool::from(self.token.as_bytes().ct_eq(submitted.as_bytes())) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The token of the request's cookie when this server signed it, or a new one.
    pub fn from_headers(headers: &HeaderMap, key: &SecretKey, secure: bool) -> Self {
        match cookie_token(headers).filter(|token| is_signed(key, token)) {
            Some(token) => Self {
                token,
                set_cookie: None,
            },
            None => {
                let token = new_token(key);
                let set_cookie = Some(build_cookie(&token, secure));
                Self { token, set_cookie }
            }
        }
    }
}

impl FromRequestParts<AppState> for LoginCsrf {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let secure = state.config.public_url.scheme() == "https";
        Ok(Self::from_headers(
            &parts.headers,
            &state.config.secret_key,
            secure,
        ))
    }
}

impl IntoResponseParts for LoginCsrf {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        if let Some(cookie) = self.set_cookie
            && let Ok(value) = HeaderValue::from_str(&cookie)
        {
            res.headers_mut().append(SET_COOKIE, value);
        }
        Ok(res)
    }
}

fn new_token(key: &SecretKey) -> String {
    let nonce = crate::crypto::random_token(32);
    let tag = URL_SAFE_NO_PAD.encode(key.sign(PURPOSE, nonce.as_bytes()));
    format!("{nonce}.{tag}")
}

fn is_signed(key: &SecretKey, token: &str) -> bool {
    let Some((nonce, tag)) = token.split_once('.') else {
        return false;
    };
    let Ok(tag) = URL_SAFE_NO_PAD.decode(tag) else {
        return false;
    };
    bool::from(key.sign(PURPOSE, nonce.as_bytes()).ct_eq(&tag))
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == COOKIE_NAME)
        .map(|cookie| cookie.value().to_owned())
}

fn build_cookie(token: &str, secure: bool) -> String {
    Cookie::build((COOKIE_NAME, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers_with(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).unwrap());
        headers
    }

    #[test]
    fn a_new_token_is_set_in_a_strict_cookie_and_cannot_be_verified_yet() {
        let key = SecretKey::generate();
        let csrf = LoginCsrf::from_headers(&HeaderMap::new(), &key, true);
        let cookie = csrf.set_cookie.clone().expect("a new token sets a cookie");
        assert!(cookie.starts_with(&format!("{COOKIE_NAME}={}", csrf.value())));
        for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(cookie.contains(flag), "{cookie} lacks {flag}");
        }
        assert!(csrf.verify(csrf.value()).is_err(), "no cookie came with it");
    }

    #[test]
    fn the_cookie_token_verifies_only_the_same_field() {
        let key = SecretKey::generate();
        let issued = LoginCsrf::from_headers(&HeaderMap::new(), &key, false);
        let cookie = format!("other=1; {COOKIE_NAME}={}", issued.value());
        let back = LoginCsrf::from_headers(&headers_with(&cookie), &key, false);
        assert!(back.set_cookie.is_none(), "a valid cookie is reused");
        assert_eq!(back.value(), issued.value());
        assert!(back.verify(issued.value()).is_ok());
        assert!(back.verify("").is_err());
        assert!(back.verify(&new_token(&key)).is_err());
    }

    #[test]
    fn a_cookie_signed_with_another_key_is_replaced() {
        let key = SecretKey::generate();
        let forged = new_token(&SecretKey::generate());
        let cookie = format!("{COOKIE_NAME}={forged}");
        let csrf = LoginCsrf::from_headers(&headers_with(&cookie), &key, false);
        assert_ne!(csrf.value(), forged);
        assert!(csrf.verify(&forged).is_err());
        assert!(!is_signed(&key, "no-dot"));
    }
}
