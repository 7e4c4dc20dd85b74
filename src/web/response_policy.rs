//! Two rules for every dynamic response, applied once for the whole router:
//!
//! - **No plain-text errors.** axum's extractors answer a malformed path, query or form with a
//!   terse `text/plain` body (`/renewals/not-a-uuid` → "Invalid URL: …"). Such a response is
//!   replaced by the styled error page with the same status, so every error a person can meet
//!   has the layout, a `lang`, a title and the request id.
//! - **Nothing personal in caches.** Pages are rendered per signed-in user, so a dynamic
//!   response that did not choose its own caching gets `Cache-Control: no-store`: after
//!   "Sign out", the browser's Back button cannot show the customer's bundles again. Static
//!   files set their own `Cache-Control` and are left alone.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::ErrorPage;
use crate::routes;
use crate::web::request_id;

/// Paths answered to machines (Twilio, probes, scrapers, API clients): their bodies stay as
/// the handler wrote them.
const MACHINE_PREFIXES: [&str; 5] = [
    routes::WEBHOOKS_PREFIX,
    routes::HEALTHZ,
    routes::READYZ,
    routes::METRICS,
    routes::API_PREFIX,
];

/// Middleware applying both rules.
pub async fn apply(request: Request, next: Next) -> Response {
    let for_people = !MACHINE_PREFIXES
        .iter()
        .any(|prefix| request.uri().path().starts_with(prefix));
    let response = next.run(request).await;
    let mut response = if for_people && is_plain_error(&response) {
        styled(response.status())
    } else {
        response
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// An error status whose body is plain text (or has no type at all): an extractor's rejection
/// or a bare status code.
fn is_plain_error(response: &Response) -> bool {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return false;
    }
    match response.headers().get(header::CONTENT_TYPE) {
        None => status != StatusCode::NO_CONTENT,
        Some(value) => value.as_bytes().starts_with(b"text/plain"),
    }
}

/// The styled page for `status`, in words a visitor understands.
fn styled(status: StatusCode) -> Response {
    let (title, message) = words_for(status);
    ErrorPage {
        status: status.as_u16(),
        title: title.to_owned(),
        message: message.to_owned(),
        request_id: request_id::current(),
    }
    .into_response_with(status)
}

fn words_for(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => (
            "That address is not valid",
            "The link or form you used is incomplete or malformed. If you copied a link from an \
             email, make sure you copied all of it.",
        ),
        StatusCode::NOT_FOUND => (
            "Page not found",
            "We could not find that page. It may have moved, or the link may be incomplete.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "That cannot be done here",
            "This address does not accept that kind of request. Go back and use the page's \
             buttons and links.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "That is too large",
            "What you sent is larger than we accept. For a document, choose a smaller file \
             (a PDF or photo under the size the form names).",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "That could not be read",
            "What you sent is in a form we do not accept. Go back and use the page's form.",
        ),
        StatusCode::TOO_MANY_REQUESTS => (
            "Too many attempts",
            "You have tried this too often in a short time. Please wait a few minutes and try \
             again.",
        ),
        status if status.is_server_error() => (
            "Something went wrong",
            "Something went wrong on our side. It has been logged; please try again in a moment.",
        ),
        _ => (
            "That could not be done",
            "The request could not be completed. Go back and try again.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn response(status: StatusCode, content_type: Option<&'static str>) -> Response {
        let mut builder = Response::builder().status(status);
        if let Some(value) = content_type {
            builder = builder.header(header::CONTENT_TYPE, value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn plain_text_and_untyped_errors_are_restyled_but_html_and_json_are_not() {
        assert!(is_plain_error(&response(
            StatusCode::BAD_REQUEST,
            Some("text/plain; charset=utf-8")
        )));
        assert!(is_plain_error(&response(
            StatusCode::METHOD_NOT_ALLOWED,
            None
        )));
        assert!(!is_plain_error(&response(
            StatusCode::NOT_FOUND,
            Some("text/html; charset=utf-8")
        )));
        assert!(!is_plain_error(&response(
            StatusCode::BAD_REQUEST,
            Some("application/problem+json")
        )));
        assert!(!is_plain_error(&response(
            StatusCode::OK,
            Some("text/plain")
        )));
    }
}
