//! Every log line of the test binary, kept so tests can assert what was logged.

use std::sync::{Arc, LazyLock, Mutex};

use recomply::config::LogFormat;

/// Every log line of the test binary, so tests can assert what was logged.
pub static CAPTURED_LOGS: LazyLock<Arc<Mutex<Vec<u8>>>> = LazyLock::new(Default::default);

/// Logs are captured (see [`captured_logs`]) and also go to stdout with `TEST_LOG=1`.
static TRACING: LazyLock<()> = LazyLock::new(|| {
    let echo = std::env::var("TEST_LOG").is_ok();
    recomply::telemetry::init_subscriber("info,sqlx=warn", LogFormat::Json, CaptureWriter { echo });
});

/// Installs the capturing subscriber (once per binary).
pub fn init() {
    LazyLock::force(&TRACING);
}

/// What has been logged so far by any test.
pub fn captured_logs() -> String {
    String::from_utf8_lossy(&CAPTURED_LOGS.lock().unwrap()).into_owned()
}

#[derive(Clone, Copy)]
struct CaptureWriter {
    echo: bool,
}

impl std::io::Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED_LOGS.lock().unwrap().extend_from_slice(buf);
        if self.echo {
            std::io::stdout().write_all(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CaptureWriter {
    type Writer = CaptureWriter;

    fn make_writer(&'a self) -> Self::Writer {
        *self
    }
}
