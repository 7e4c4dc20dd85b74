//! The HTTP/1.1 server loop: hyper with a header-read timeout (which also closes keep-alive
//! connections that sit idle between requests), the client address for every request, and a
//! graceful shutdown with a deadline.
//!
//! `axum::serve` sets no timer, so a client that opens a connection and never finishes its
//! headers (or sends nothing at all) would keep it open for good.

use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// How long a connection may take to send a request's headers, and may sit idle between
/// requests, and how long shutdown waits for requests in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerTimeouts {
    /// From the moment the server waits for a request head (a new connection, or the end of
    /// the previous response) until the last header byte. Slow or silent clients are
    /// disconnected when it passes.
    pub header_read: Duration,
    /// Longest wait between two chunks of a request body (a body trickled byte by byte).
    pub body_read: Duration,
    /// How long shutdown waits for requests in flight before dropping them.
    pub shutdown_grace: Duration,
}

impl Default for ServerTimeouts {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(20),
            body_read: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets requests in flight finish
/// for up to `timeouts.shutdown_grace`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: ServerTimeouts,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let router = router.layer(RequestBodyTimeoutLayer::new(timeouts.body_read));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::error!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
            },
            () = shutdown.as_mut() => break,
        };
        let _ = stream.set_nodelay(true);
        let service =
            router
                .clone()
                .map_request(move |mut request: axum::http::Request<Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(remote));
                    request
                });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(timeouts.header_read)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %remote, "connection closed with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(timeouts.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            grace_secs = timeouts.shutdown_grace.as_secs(),
            "requests still running at the shutdown deadline were dropped"
        );
    }
}
