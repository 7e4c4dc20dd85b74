//! Configuration from the environment (documented in `.env.example` and the README).
//!
//! One struct per concern; secrets are wrapped so they can never be printed.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, bail};
use url::Url;

use crate::crypto::SecretKey;
use crate::secret::SecretString;
use crate::twilio::TwilioConfig;

/// Everything recomply reads from the environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`; `None` means "use the embedded default database" (dev/demo only).
    pub database_url: Option<SecretString>,
    /// `RECOMPLY_BIND`, default `127.0.0.1:8080`.
    pub bind: SocketAddr,
    /// `RECOMPLY_PUBLIC_URL`: what links in emails and webhook URLs are built from.
    pub public_url: Url,
    /// `RECOMPLY_SECRET_KEY` (base64, 32+ bytes).
    pub secret_key: SecretKey,
    /// `RECOMPLY_LOG_FORMAT`.
    pub log_format: LogFormat,
    /// `RECOMPLY_DATA_DIR`: where dev mode keeps its generated key and private database.
    pub data_dir: PathBuf,
    /// `RECOMPLY_STATIC_DIR`: the `static/` folder served under `/static`.
    pub static_dir: PathBuf,
    /// `RECOMPLY_SMTP_URL`: SMTP relay; unset keeps every email in the dev outbox table.
    pub smtp_url: Option<SecretString>,
    /// `RECOMPLY_EMAIL_FROM`: sender of every email.
    pub email_from: String,
    /// Dev/demo mode: relaxed defaults (generated key, embedded database).
    pub dev_mode: bool,
    /// Routes that exist only for the test suite (e.g. a forced internal error).
    pub expose_test_routes: bool,
    /// `RECOMPLY_TWILIO_*`: where Twilio (or the emulator) lives and how we retry.
    pub twilio: TwilioConfig,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

impl Config {
    /// Reads the environment. Without `RECOMPLY_SECRET_KEY`, only dev mode starts: it generates
    /// a key once and keeps it in the data dir.
    pub fn from_env(dev_mode: bool) -> anyhow::Result<Self> {
        let data_dir = env("RECOMPLY_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(default_data_dir);
        let bind: SocketAddr = env("RECOMPLY_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .context("RECOMPLY_BIND must be an address like 127.0.0.1:8080")?;
        let public_url = match env("RECOMPLY_PUBLIC_URL") {
            Some(text) => {
                Url::parse(&text).context("RECOMPLY_PUBLIC_URL must be an absolute URL")?
            }
            None => Url::parse(&format!("http://{bind}")).expect("a socket address forms a URL"),
        };
        let secret_key = match env("RECOMPLY_SECRET_KEY") {
            Some(text) => SecretKey::from_base64(&text).context("RECOMPLY_SECRET_KEY")?,
            None if dev_mode => dev_secret_key(&data_dir)?,
            None => bail!(
                "RECOMPLY_SECRET_KEY is not set. Generate one with `openssl rand -base64 32` \
                 (or run in dev mode with `--dev`, which generates and keeps one)"
            ),
        };
        let log_format = match env("RECOMPLY_LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => bail!("RECOMPLY_LOG_FORMAT must be pretty or json, not {other:?}"),
        };
        Ok(Self {
            database_url: env("DATABASE_URL").map(SecretString::from),
            bind,
            public_url,
            secret_key,
            log_format,
            data_dir,
            static_dir: env("RECOMPLY_STATIC_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("static")),
            smtp_url: env("RECOMPLY_SMTP_URL").map(SecretString::from),
            email_from: env("RECOMPLY_EMAIL_FROM")
                .unwrap_or_else(|| "recomply <no-reply@recomply.localhost>".into()),
            dev_mode,
            expose_test_routes: false,
            twilio: twilio_from_env()?,
        })
    }

    /// A configuration for tests: port 0, a fresh key, test routes on.
    pub fn for_tests(database_url: &str) -> Self {
        Self {
            database_url: Some(SecretString::from(database_url)),
            bind: "127.0.0.1:0".parse().expect("valid address"),
            public_url: Url::parse("http://127.0.0.1").expect("valid URL"),
            secret_key: SecretKey::generate(),
            log_format: LogFormat::Pretty,
            data_dir: std::env::temp_dir().join("recomply-tests"),
            static_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/static")),
            smtp_url: None,
            email_from: "recomply <no-reply@recomply.localhost>".into(),
            dev_mode: false,
            expose_test_routes: true,
            twilio: TwilioConfig::default(),
        }
    }

    /// An absolute URL on the public origin, e.g. `url_for("/webhooks/twilio/bundle-status")`.
    pub fn url_for(&self, path: &str) -> String {
        let base = self.public_url.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }
}

/// `RECOMPLY_TWILIO_API_URL`, `RECOMPLY_TWILIO_UPLOAD_URL`, `RECOMPLY_TWILIO_TIMEOUT_SECS`,
/// `RECOMPLY_TWILIO_MAX_RETRIES` over [`TwilioConfig::default`]. Setting only the API URL sends
/// uploads there too (the emulator serves both).
fn twilio_from_env() -> anyhow::Result<TwilioConfig> {
    let mut twilio = TwilioConfig::default();
    if let Some(text) = env("RECOMPLY_TWILIO_API_URL") {
        twilio.api_base_url =
            Url::parse(&text).context("RECOMPLY_TWILIO_API_URL must be an absolute URL")?;
        // An overridden API (the emulator) also takes the uploads unless told otherwise.
        twilio.upload_base_url = twilio.api_base_url.clone();
    }
    if let Some(text) = env("RECOMPLY_TWILIO_UPLOAD_URL") {
        twilio.upload_base_url =
            Url::parse(&text).context("RECOMPLY_TWILIO_UPLOAD_URL must be an absolute URL")?;
    }
    if let Some(text) = env("RECOMPLY_TWILIO_TIMEOUT_SECS") {
        let seconds: u64 = text
            .parse()
            .context("RECOMPLY_TWILIO_TIMEOUT_SECS must be a whole number of seconds")?;
        twilio.timeout = std::time::Duration::from_secs(seconds.max(1));
    }
    if let Some(text) = env("RECOMPLY_TWILIO_MAX_RETRIES") {
        twilio.max_retries = text
            .parse()
            .context("RECOMPLY_TWILIO_MAX_RETRIES must be a whole number")?;
    }
    Ok(twilio)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

/// `$XDG_DATA_HOME/recomply`, `~/.local/share/recomply`, or `/var/lib/recomply` for root
/// (whose home the `postgres` user of a private cluster cannot enter).
pub fn default_data_dir() -> PathBuf {
    if crate::db::embedded::running_as_root() {
        return PathBuf::from("/var/lib/recomply");
    }
    if let Some(xdg) = env("XDG_DATA_HOME") {
        return PathBuf::from(xdg).join("recomply");
    }
    match env("HOME") {
        Some(home) => PathBuf::from(home).join(".local/share/recomply"),
        None => PathBuf::from(".recomply"),
    }
}

fn dev_secret_key(data_dir: &std::path::Path) -> anyhow::Result<SecretKey> {
    let path = data_dir.join("secret_key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return SecretKey::from_base64(&text).with_context(|| format!("{}", path.display()));
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    let key = SecretKey::generate();
    write_private(&path, key.to_base64().as_bytes())?;
    tracing::info!(path = %path.display(), "generated a dev secret key");
    Ok(key)
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)?;
    Ok(())
}
