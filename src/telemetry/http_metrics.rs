//! Middleware: counts every response by status class and times it into a histogram labelled
//! by the matched route template (axum's `MatchedPath`, never the raw path: paths carry
//! tokens), the method and the status class.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics::{counter, histogram};

use super::metrics::{HTTP_DURATION, HTTP_REQUESTS, status_class};

/// The `route` label of a request no route matched (static files, 404s).
pub const UNMATCHED: &str = "unmatched";

/// Counts and times one request.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| UNMATCHED.to_owned());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let class = status_class(response.status().as_u16());
    counter!(HTTP_REQUESTS, "status_class" => class).increment(1);
    histogram!(HTTP_DURATION, "route" => route, "method" => method, "status_class" => class)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The standard methods by name; any extension method counts as `other` (bounded labels).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_methods_share_one_label() {
        assert_eq!(method_label(&Method::POST), "POST");
        assert_eq!(
            method_label(&Method::from_bytes(b"PROPFIND").unwrap()),
            "other"
        );
    }
}
