//! Security headers on every response (HSTS too when the public URL is https).

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// No inline script, nothing from other origins, never framed.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// One year; no `includeSubDomains`, since other hosts of the operator's domain may not be
/// on https.
const HSTS: &str = "max-age=31536000";

/// Whether responses carry `Strict-Transport-Security`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hsts(bool);

impl Hsts {
    /// On when the public URL is https: browsers then never try plain http for this host.
    pub fn for_public_url(public_url: &url::Url) -> Self {
        Self(public_url.scheme() == "https")
    }
}

/// Middleware adding CSP, frame, referrer, content-type and (on https) HSTS headers.
pub async fn apply(State(hsts): State<Hsts>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if hsts.0 {
        headers.insert(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    for (name, value) in [
        ("content-security-policy", CSP),
        ("x-frame-options", "DENY"),
        // Magic links travel in URLs: never leak them to another site.
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
        ("cross-origin-opener-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ] {
        headers
            .entry(HeaderName::from_static(name))
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
