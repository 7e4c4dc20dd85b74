//! When the customer pages may be framed (`RECOMPLY_FRAME_ANCESTORS`), their cookies must be
//! sent inside a third-party frame: the customer session and the sign-in form's CSRF cookie
//! become `SameSite=None; Secure; Partitioned`. `Partitioned` (CHIPS) keeps them working in
//! browsers that block third-party cookies: the browser keeps a separate jar per embedding
//! site. tower-sessions cannot set `Partitioned` itself, so this middleware rewrites those two
//! `Set-Cookie` headers on their way out; the staff cookie is never touched.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::SET_COOKIE;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::cookie::{Cookie, SameSite};

use crate::auth::login_csrf;
use crate::web::session::CUSTOMER_COOKIE;

/// Whether the customer cookies are made cross-site (framing is on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Framed(pub bool);

/// Middleware rewriting the customer cookies when [`Framed`] is on.
pub async fn apply(State(framed): State<Framed>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !framed.0 {
        return response;
    }
    let headers = response.headers_mut();
    let rewritten: Vec<HeaderValue> = headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| {
            value
                .to_str()
                .ok()
                .and_then(cross_site)
                .unwrap_or_else(|| value.clone())
        })
        .collect();
    headers.remove(SET_COOKIE);
    for value in rewritten {
        headers.append(SET_COOKIE, value);
    }
    response
}

/// `set_cookie` made `SameSite=None; Secure; Partitioned` when it is a customer cookie.
fn cross_site(set_cookie: &str) -> Option<HeaderValue> {
    let mut cookie = Cookie::parse(set_cookie.to_owned()).ok()?;
    if ![CUSTOMER_COOKIE, login_csrf::COOKIE_NAME].contains(&cookie.name()) {
        return None;
    }
    cookie.set_same_site(SameSite::None);
    cookie.set_secure(true);
    cookie.set_partitioned(true);
    HeaderValue::from_str(&cookie.to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_cookies_become_cross_site_and_partitioned() {
        let out = cross_site("recomply_session=abc; HttpOnly; SameSite=Lax; Path=/; Max-Age=7200")
            .unwrap();
        let out = out.to_str().unwrap();
        for flag in [
            "recomply_session=abc",
            "HttpOnly",
            "SameSite=None",
            "Secure",
            "Partitioned",
            "Path=/",
            "Max-Age=7200",
        ] {
            assert!(out.contains(flag), "{out} lacks {flag}");
        }
        assert!(!out.contains("Lax"), "{out}");
        let csrf = cross_site("recomply_login_csrf=x.y; HttpOnly; SameSite=Lax; Path=/").unwrap();
        assert!(csrf.to_str().unwrap().contains("Partitioned"));
    }

    #[test]
    fn the_staff_cookie_is_left_alone() {
        assert!(cross_site("recomply_staff=abc; HttpOnly; SameSite=Lax; Path=/admin").is_none());
    }
}
