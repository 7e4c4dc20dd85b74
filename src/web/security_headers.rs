//! Security headers on every response (HSTS too when the public URL is https).
//!
//! No page may be framed, unless `RECOMPLY_FRAME_ANCESTORS` lists the ISV's portal: then the
//! customer pages name those origins in `frame-ancestors` (and drop `X-Frame-Options`, which
//! cannot express an allow-list). Admin pages are never framed.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::config::{Config, FrameAncestors};
use crate::routes;

/// No inline script, nothing from other origins; `frame-ancestors` is appended per response.
const CSP_BASE: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                        form-action 'self'; base-uri 'none'; object-src 'none'";

/// One year; no `includeSubDomains`, since other hosts of the operator's domain may not be
/// on https.
const HSTS: &str = "max-age=31536000";

/// What the middleware adds, decided once at start-up from the configuration.
#[derive(Debug, Clone)]
pub struct HeaderPolicy {
    /// `Strict-Transport-Security` when the public URL is https.
    hsts: bool,
    /// The CSP of pages that may never be framed (`frame-ancestors 'none'`).
    csp_unframed: HeaderValue,
    /// The CSP of customer pages when framing is on (`frame-ancestors <origins>`).
    csp_framed: Option<HeaderValue>,
}

impl HeaderPolicy {
    /// HSTS when the public URL is https; framing as `RECOMPLY_FRAME_ANCESTORS` allows.
    pub fn from_config(config: &Config) -> Self {
        Self::new(
            config.public_url.scheme() == "https",
            &config.frame_ancestors,
        )
    }

    fn new(hsts: bool, frame_ancestors: &FrameAncestors) -> Self {
        let csp = |ancestors: &str| {
            HeaderValue::from_str(&format!("{CSP_BASE}; frame-ancestors {ancestors}"))
                .expect("validated origins are valid header text")
        };
        Self {
            hsts,
            csp_unframed: csp("'none'"),
            csp_framed: frame_ancestors
                .is_on()
                .then(|| csp(&frame_ancestors.origins().join(" "))),
        }
    }

    /// The CSP for `path`, and whether `X-Frame-Options: DENY` goes with it.
    fn csp_for(&self, path: &str) -> (&HeaderValue, bool) {
        match &self.csp_framed {
            Some(framed) if !is_staff_or_machine(path) => (framed, false),
            _ => (&self.csp_unframed, true),
        }
    }
}

/// Admin pages and the JSON API are never framed, whatever the configuration says.
fn is_staff_or_machine(path: &str) -> bool {
    [routes::ADMIN, routes::API_V1].iter().any(|prefix| {
        path == *prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// Middleware adding CSP, frame, referrer, content-type and (on https) HSTS headers.
pub async fn apply(State(policy): State<HeaderPolicy>, request: Request, next: Next) -> Response {
    let (csp, deny_frames) = policy.csp_for(request.uri().path());
    let csp = csp.clone();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if policy.hsts {
        headers.insert(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    headers
        .entry(HeaderName::from_static("content-security-policy"))
        .or_insert(csp);
    if deny_frames {
        headers
            .entry(HeaderName::from_static("x-frame-options"))
            .or_insert(HeaderValue::from_static("DENY"));
    }
    for (name, value) in [
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_an_allow_list_nothing_is_framed() {
        let policy = HeaderPolicy::new(false, &FrameAncestors::default());
        for path in ["/bundles", "/admin", "/handoff"] {
            let (csp, deny) = policy.csp_for(path);
            assert!(csp.to_str().unwrap().ends_with("frame-ancestors 'none'"));
            assert!(deny);
        }
    }

    #[test]
    fn the_allow_list_reaches_customer_pages_but_never_admin_or_the_api() {
        let list = FrameAncestors::parse("https://portal.isv.example https://b.example").unwrap();
        let policy = HeaderPolicy::new(true, &list);
        let (csp, deny) = policy.csp_for("/renewals/1");
        assert!(
            csp.to_str()
                .unwrap()
                .ends_with("frame-ancestors https://portal.isv.example https://b.example"),
            "{csp:?}"
        );
        assert!(!deny);
        for path in ["/admin", "/admin/hand-off", "/api/v1/bundles"] {
            let (csp, deny) = policy.csp_for(path);
            assert!(
                csp.to_str().unwrap().ends_with("frame-ancestors 'none'"),
                "{path}"
            );
            assert!(deny, "{path}");
        }
        // A customer path that merely starts with the same letters is a customer path.
        assert!(!policy.csp_for("/administrivia").1);
    }
}
