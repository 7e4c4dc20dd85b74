//! Database queries per request. sqlx emits one `sqlx::query` event per statement; a tracing
//! layer counts those that happen inside a request's task, and the middleware reads the count
//! when the response is ready. With `RECOMPLY_SERVER_TIMING` on, the count is sent back as a
//! `Server-Timing: db;desc="N queries"` header, so a page that starts querying per row shows up
//! in the browser's developer tools and in the tests, not first in production.

use std::cell::Cell;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// The target sqlx logs each executed statement under.
pub const SQLX_TARGET: &str = "sqlx::query";

tokio::task_local! {
    static QUERIES: Cell<u32>;
}

/// Counts sqlx statement events into the current request's counter (outside a request, or
/// before the middleware runs, there is none and nothing is counted).
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryCountLayer;

impl<S: Subscriber> Layer<S> for QueryCountLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        if event.metadata().target() == SQLX_TARGET {
            let _ = QUERIES.try_with(|count| count.set(count.get() + 1));
        }
    }
}

/// Whether to report the count in a header (`RECOMPLY_SERVER_TIMING`).
#[derive(Debug, Clone, Copy)]
pub struct ServerTiming(pub bool);

/// Middleware: runs the request with a fresh counter and, when enabled, reports it.
pub async fn count(
    State(ServerTiming(report)): State<ServerTiming>,
    request: Request,
    next: Next,
) -> Response {
    let (mut response, queries) = QUERIES
        .scope(Cell::new(0), async {
            let response = next.run(request).await;
            (response, QUERIES.with(Cell::get))
        })
        .await;
    if report {
        let value = format!("db;desc=\"{queries} queries\"");
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append("server-timing", value);
        }
    }
    response
}

/// The number in a `Server-Timing` value written by [`count`] (for tests and tools).
pub fn parse(header: &str) -> Option<u32> {
    let desc = header.split("desc=\"").nth(1)?;
    desc.split(' ').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_value_reads_back() {
        assert_eq!(parse("db;desc=\"7 queries\""), Some(7));
        assert_eq!(parse("cache;dur=2"), None);
    }
}
