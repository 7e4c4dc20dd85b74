//! Telemetry: the tracing subscriber (`RUST_LOG` filter, pretty or JSON lines), request ids,
//! this process's metrics (the Prometheus recorder, the HTTP middleware) and the database
//! gauges read at scrape time.

pub mod db_gauges;
pub mod http_metrics;
pub mod metrics;
pub mod query_count;
pub mod request_id;

use tracing::Level;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

use crate::config::LogFormat;

/// Installs the global subscriber. `default_filter` applies when `RUST_LOG` is unset.
/// Calling it twice is harmless (the second call does nothing), which tests rely on.
pub fn init_subscriber<W>(default_filter: &str, format: LogFormat, sink: W)
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let lines = tracing_subscriber::fmt::layer().with_writer(sink);
    let lines: Box<dyn Layer<Registry> + Send + Sync> = match format {
        LogFormat::Pretty => lines.boxed(),
        LogFormat::Json => lines.json().flatten_event(true).boxed(),
    };
    // The query counter sees sqlx's per-statement events whatever the log filter says; the
    // log lines keep to `RUST_LOG`.
    let queries = query_count::QueryCountLayer
        .with_filter(Targets::new().with_target(query_count::SQLX_TARGET, Level::DEBUG));
    let _ = tracing_subscriber::registry()
        .with(lines.with_filter(filter))
        .with(queries)
        .try_init();
}
