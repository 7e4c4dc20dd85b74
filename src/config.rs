//! Configuration from the environment (documented in `.env.example` and the README).
//!
//! One struct per concern; secrets are wrapped so they can never be printed.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use url::Url;

mod frame_ancestors;
mod magic_links;
mod parse;
pub mod process;
mod twilio;
pub use magic_links::MagicLinkPolicy;
pub use twilio::TwilioConfig;

use crate::crypto::SecretKey;
use crate::domain::submit_by::SubmitByRule;
use crate::secret::SecretString;
pub use frame_ancestors::FrameAncestors;
pub use parse::Source;

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
    /// Whether `public_url` came from `RECOMPLY_PUBLIC_URL` (rather than the bind address).
    pub public_url_configured: bool,
    /// `RECOMPLY_POLL_INTERVAL_SECS`: how often submitted copies are re-read (None: default).
    pub poll_interval: Option<Duration>,
    /// `RECOMPLY_POLL_FIRST_SECS`: how soon after a submission the copy is first re-read;
    /// later waits double up to the poll interval (None: default).
    pub poll_first: Option<Duration>,
    /// `RECOMPLY_SWEEP_INTERVAL_SECS`: how often every tenant is swept (None: default).
    pub sweep_interval: Option<Duration>,
    /// `RECOMPLY_DISCOVERY_INTERVAL_SECS`: how often the parent account's subaccounts are
    /// listed again (None: default).
    pub discovery_interval: Option<Duration>,
    /// `RECOMPLY_REGULATION_MAX_AGE_SECS`: how long a stored read of a regulation may stand in
    /// for a new one (None: default).
    pub regulation_max_age: Option<Duration>,
    /// `RECOMPLY_TRUSTED_PROXIES`: reverse proxies whose `X-Forwarded-For` is believed (none
    /// by default: the peer address is the client).
    pub trusted_proxies: Vec<IpAddr>,
    /// `RECOMPLY_SERVER_TIMING`: send each response's database query count in a
    /// `Server-Timing` header (default: on in dev mode only).
    pub server_timing: bool,
    /// `RECOMPLY_LOG_RETENTION_DAYS`: how long received webhook callbacks are kept before the
    /// daily clean-up deletes them (default 90).
    pub log_retention_days: u32,
    /// `RECOMPLY_API_RATE_LIMIT_PER_MINUTE`: requests one API key may make per minute
    /// (default 600), counted in Postgres across every `serve` process.
    pub api_requests_per_minute: u32,
    /// `RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE`: verified status callbacks one tenant may send
    /// per minute (default 600), counted in Postgres across every `serve` process; over it the
    /// callback is answered 429 (Twilio retries later).
    pub webhook_callbacks_per_minute: u32,
    /// `RECOMPLY_METRICS_TOKEN`: when set, `/metrics` (on `serve` and on a worker's probe port)
    /// answers only requests with `Authorization: Bearer <token>`.
    pub metrics_token: Option<SecretString>,
    /// `RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN`: an admin without two-factor must enrol right
    /// after the password and can do nothing else until enrolled (default off).
    pub staff_2fa_required_for_admin: bool,
    /// `RECOMPLY_RENEWAL_LINK_DAYS`: how long a renewal link in a notification email works
    /// (default 30; it stops earlier when the renewal closes or staff revoke it).
    pub renewal_link_days: u32,
    /// `RECOMPLY_ACTION_DIGEST_SECS`: how long an action-needed notice is held so that the
    /// bundles of one tenant needing action around the same time go out as one digest email
    /// (default 600; 0 sends each at once, on its own).
    pub action_digest_window: Duration,
    /// `RECOMPLY_FRAME_ANCESTORS`: https origins that may show the customer pages in a frame
    /// (none by default; admin pages can never be framed).
    pub frame_ancestors: FrameAncestors,
    /// `RECOMPLY_REVIEW_BUSINESS_DAYS` (default 2, at least 1) and
    /// `RECOMPLY_REJECTION_FIX_BUSINESS_DAYS` (default 2): how far before `valid_until` a
    /// renewal's submit-by date falls (see [`SubmitByRule`]).
    pub submit_by: SubmitByRule,
    /// `RECOMPLY_MAGIC_LINK_*`: how long a sign-in link works and how often one may be asked for.
    pub magic_links: MagicLinkPolicy,
}

/// Requests per API key per minute unless `RECOMPLY_API_RATE_LIMIT_PER_MINUTE` says otherwise.
pub const DEFAULT_API_REQUESTS_PER_MINUTE: u32 = 600;

/// Verified callbacks per tenant per minute unless `RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE`
/// says otherwise.
pub const DEFAULT_WEBHOOK_CALLBACKS_PER_MINUTE: u32 = 600;

/// The shortest `RECOMPLY_METRICS_TOKEN` accepted.
pub const MIN_METRICS_TOKEN_LEN: usize = 16;

/// Days a renewal link works unless `RECOMPLY_RENEWAL_LINK_DAYS` says otherwise.
pub const DEFAULT_RENEWAL_LINK_DAYS: u32 = 30;

/// Seconds an action-needed notice waits for others unless `RECOMPLY_ACTION_DIGEST_SECS` says
/// otherwise.
pub const DEFAULT_ACTION_DIGEST_SECS: u64 = 600;

/// Days webhook callbacks are kept unless `RECOMPLY_LOG_RETENTION_DAYS` says otherwise.
pub const DEFAULT_LOG_RETENTION_DAYS: u32 = 90;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

impl Config {
    /// Reads the process environment. Without `RECOMPLY_SECRET_KEY`, only dev mode starts: it
    /// generates a key once and keeps it in the data dir. `dev_mode` is the `--dev` flag;
    /// `RECOMPLY_DEV` turns dev mode on too.
    pub fn from_env(dev_mode: bool) -> anyhow::Result<Self> {
        Self::from_source(dev_mode, &Source::process())
    }

    /// Reads the variables of `env` (every value checked; a bad one names its variable).
    pub fn from_source(dev_flag: bool, env: &Source<'_>) -> anyhow::Result<Self> {
        let dev_mode = dev_flag || env.bool("RECOMPLY_DEV")?.unwrap_or(false);
        let data_dir = env
            .text("RECOMPLY_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| default_data_dir_in(env));
        let bind: SocketAddr = env
            .text("RECOMPLY_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .context("RECOMPLY_BIND must be an address like 127.0.0.1:8080")?;
        let configured_url = env.http_url("RECOMPLY_PUBLIC_URL")?;
        let public_url_configured = configured_url.is_some();
        let public_url = configured_url.unwrap_or_else(|| {
            Url::parse(&format!("http://{bind}")).expect("a socket address forms a URL")
        });
        let secret_key = secret_key_from(env, dev_mode, &data_dir)?;
        let log_format = log_format_from(env)?;
        let database_url = env.text("DATABASE_URL");
        if let Some(url) = &database_url {
            check_database_url(url)?;
        }
        let magic_links = magic_links::from_env(env)?;
        Ok(Self {
            database_url: database_url.map(SecretString::from),
            bind,
            public_url,
            public_url_configured,
            secret_key,
            log_format,
            data_dir,
            static_dir: env
                .text("RECOMPLY_STATIC_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("static")),
            smtp_url: env.text("RECOMPLY_SMTP_URL").map(SecretString::from),
            email_from: env
                .text("RECOMPLY_EMAIL_FROM")
                .unwrap_or_else(|| "recomply <no-reply@recomply.localhost>".into()),
            dev_mode,
            expose_test_routes: false,
            twilio: twilio::from_env(env)?,
            poll_interval: env.seconds("RECOMPLY_POLL_INTERVAL_SECS")?,
            poll_first: env.seconds("RECOMPLY_POLL_FIRST_SECS")?,
            sweep_interval: env.seconds("RECOMPLY_SWEEP_INTERVAL_SECS")?,
            discovery_interval: env.seconds("RECOMPLY_DISCOVERY_INTERVAL_SECS")?,
            regulation_max_age: env.seconds("RECOMPLY_REGULATION_MAX_AGE_SECS")?,
            trusted_proxies: env.ip_list("RECOMPLY_TRUSTED_PROXIES")?,
            server_timing: env.bool("RECOMPLY_SERVER_TIMING")?.unwrap_or(dev_mode),
            log_retention_days: env
                .number::<u32>("RECOMPLY_LOG_RETENTION_DAYS", 1)?
                .unwrap_or(DEFAULT_LOG_RETENTION_DAYS),
            api_requests_per_minute: env
                .number::<u32>("RECOMPLY_API_RATE_LIMIT_PER_MINUTE", 1)?
                .unwrap_or(DEFAULT_API_REQUESTS_PER_MINUTE),
            webhook_callbacks_per_minute: env
                .number::<u32>("RECOMPLY_WEBHOOK_RATE_LIMIT_PER_MINUTE", 1)?
                .unwrap_or(DEFAULT_WEBHOOK_CALLBACKS_PER_MINUTE),
            metrics_token: metrics_token(env)?,
            staff_2fa_required_for_admin: env
                .bool("RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN")?
                .unwrap_or(false),
            renewal_link_days: renewal_link_days(env)?,
            action_digest_window: Duration::from_secs(
                env.number::<u64>("RECOMPLY_ACTION_DIGEST_SECS", 0)?
                    .unwrap_or(DEFAULT_ACTION_DIGEST_SECS),
            ),
            frame_ancestors: FrameAncestors::parse(
                &env.text(frame_ancestors::VARIABLE).unwrap_or_default(),
            )?,
            submit_by: submit_by_rule(env)?,
            magic_links,
        })
    }

    /// What `serve` needs beyond the common checks: outside dev mode, an explicit public URL
    /// (links in emails and Twilio's webhook signatures are built on it).
    pub fn check_for_serving(&self) -> anyhow::Result<()> {
        if !self.dev_mode && !self.public_url_configured {
            bail!(
                "RECOMPLY_PUBLIC_URL is not set: set it to the https:// address customers and \
                 Twilio reach this server at (or run in dev mode with `--dev`)"
            );
        }
        if !self.dev_mode && self.frame_ancestors.is_on() && self.public_url.scheme() != "https" {
            bail!(
                "RECOMPLY_FRAME_ANCESTORS needs an https RECOMPLY_PUBLIC_URL: browsers send the \
                 cookies of a framed page only when they are SameSite=None and Secure"
            );
        }
        Ok(())
    }

    /// The effective configuration, secrets masked, for the start-up log.
    pub fn summary(&self) -> String {
        let database = match &self.database_url {
            Some(url) => mask_url(url.expose()),
            None => "(embedded, dev mode)".to_owned(),
        };
        let smtp = match &self.smtp_url {
            Some(url) => mask_url(url.expose()),
            None => "(none: emails stay in the outbox)".to_owned(),
        };
        let proxies: Vec<String> = self.trusted_proxies.iter().map(|p| p.to_string()).collect();
        format!(
            "database={database} bind={} public_url={} secret_key=(set) smtp={smtp} \
             email_from={:?} dev_mode={} data_dir={} static_dir={} twilio_api={} \
             twilio_upload={} twilio_core_api={} poll_interval={:?} poll_first={:?} sweep_interval={:?} discovery_interval={:?} trusted_proxies=[{}] \
             staff_2fa_required_for_admin={} webhook_rate_limit_per_minute={} \
             metrics_token={} frame_ancestors={} submit_by={:?}",
            self.bind,
            self.public_url,
            self.email_from,
            self.dev_mode,
            self.data_dir.display(),
            self.static_dir.display(),
            self.twilio.api_base_url,
            self.twilio.upload_base_url,
            self.twilio.core_api_base_url,
            self.poll_interval,
            self.poll_first,
            self.sweep_interval,
            self.discovery_interval,
            proxies.join(","),
            self.staff_2fa_required_for_admin,
            self.webhook_callbacks_per_minute,
            if self.metrics_token.is_some() {
                "(set)"
            } else {
                "(unset: /metrics is open)"
            },
            self.frame_ancestors,
            self.submit_by,
        )
    }

    /// A configuration for tests: port 0, a fresh key, test routes on.
    pub fn for_tests(database_url: &str) -> Self {
        Self {
            database_url: Some(SecretString::from(database_url)),
            bind: "127.0.0.1:0".parse().expect("valid address"),
            public_url: Url::parse("http://127.0.0.1").expect("valid URL"),
            public_url_configured: true,
            secret_key: SecretKey::generate(),
            log_format: LogFormat::Pretty,
            data_dir: std::env::temp_dir().join("recomply-tests"),
            static_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/static")),
            smtp_url: None,
            email_from: "recomply <no-reply@recomply.localhost>".into(),
            dev_mode: false,
            expose_test_routes: true,
            twilio: TwilioConfig::default(),
            poll_interval: None,
            poll_first: None,
            sweep_interval: None,
            discovery_interval: None,
            regulation_max_age: None,
            // Tests play the reverse proxy from the loopback address.
            trusted_proxies: vec![
                IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
                IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ],
            server_timing: true,
            log_retention_days: DEFAULT_LOG_RETENTION_DAYS,
            api_requests_per_minute: DEFAULT_API_REQUESTS_PER_MINUTE,
            webhook_callbacks_per_minute: DEFAULT_WEBHOOK_CALLBACKS_PER_MINUTE,
            metrics_token: None,
            staff_2fa_required_for_admin: false,
            renewal_link_days: DEFAULT_RENEWAL_LINK_DAYS,
            // Each action-needed email at once, as the tests of single emails expect.
            action_digest_window: Duration::ZERO,
            frame_ancestors: FrameAncestors::default(),
            submit_by: SubmitByRule::default(),
            magic_links: MagicLinkPolicy::default(),
        }
    }

    /// How long a renewal link works (`renewal_link_days`).
    pub fn renewal_link_ttl(&self) -> time::Duration {
        time::Duration::days(i64::from(self.renewal_link_days))
    }

    /// An absolute URL on the public origin, e.g. `url_for("/webhooks/twilio/bundle-status")`.
    pub fn url_for(&self, path: &str) -> String {
        let base = self.public_url.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }
}

/// `RECOMPLY_SECRET_KEY`; in dev mode without one, the key generated and kept in `data_dir`.
fn secret_key_from(
    env: &Source<'_>,
    dev_mode: bool,
    data_dir: &std::path::Path,
) -> anyhow::Result<SecretKey> {
    match env.text("RECOMPLY_SECRET_KEY") {
        Some(text) => SecretKey::from_base64(&text).context("RECOMPLY_SECRET_KEY"),
        None if dev_mode => dev_secret_key(data_dir),
        None => bail!(
            "RECOMPLY_SECRET_KEY is not set. Generate one with `openssl rand -base64 32` \
             (or run in dev mode with `--dev`, which generates and keeps one)"
        ),
    }
}

/// `RECOMPLY_LOG_FORMAT`: `pretty` (the default) or `json`.
fn log_format_from(env: &Source<'_>) -> anyhow::Result<LogFormat> {
    match env.text("RECOMPLY_LOG_FORMAT").as_deref() {
        None | Some("pretty") => Ok(LogFormat::Pretty),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => bail!("RECOMPLY_LOG_FORMAT must be pretty or json, not {other:?}"),
    }
}

/// Refuses database URLs that are not Postgres (sqlx would otherwise fail obscurely).
fn check_database_url(url: &str) -> anyhow::Result<()> {
    let scheme = url.split_once("://").map(|(scheme, _)| scheme);
    match scheme {
        Some("postgres" | "postgresql") => Ok(()),
        Some(other) => bail!(
            "DATABASE_URL must be a PostgreSQL URL (postgres://…); recomply does not support {other}://"
        ),
        None => bail!("DATABASE_URL must be a PostgreSQL URL such as postgres://user@host/db"),
    }
}

/// `scheme://user:***@host…`: the password of a URL hidden.
fn mask_url(text: &str) -> String {
    match Url::parse(text) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => "(unparsable)".to_owned(),
    }
}

/// `RECOMPLY_METRICS_TOKEN`: at least [`MIN_METRICS_TOKEN_LEN`] characters that can travel in
/// an `Authorization` header (visible ASCII, no spaces).
fn metrics_token(env: &Source<'_>) -> anyhow::Result<Option<SecretString>> {
    let Some(token) = env.text("RECOMPLY_METRICS_TOKEN") else {
        return Ok(None);
    };
    if token.len() < MIN_METRICS_TOKEN_LEN || !token.bytes().all(|b| b.is_ascii_graphic()) {
        bail!(
            "RECOMPLY_METRICS_TOKEN must be at least {MIN_METRICS_TOKEN_LEN} visible ASCII \
             characters without spaces (for example `openssl rand -hex 32`)"
        );
    }
    Ok(Some(SecretString::from(token)))
}

/// `RECOMPLY_RENEWAL_LINK_DAYS`: whole days from 1 to 366 (default 30).
fn renewal_link_days(env: &Source<'_>) -> anyhow::Result<u32> {
    let days = env
        .number::<u32>("RECOMPLY_RENEWAL_LINK_DAYS", 1)?
        .unwrap_or(DEFAULT_RENEWAL_LINK_DAYS);
    if days > 366 {
        bail!("RECOMPLY_RENEWAL_LINK_DAYS must be at most 366 (not {days})");
    }
    Ok(days)
}

/// `$XDG_DATA_HOME/recomply`, `~/.local/share/recomply`, or `/var/lib/recomply` for root
/// (whose home the `postgres` user of a private cluster cannot enter).
fn default_data_dir_in(env: &Source<'_>) -> PathBuf {
    if process::running_as_root() {
        return PathBuf::from("/var/lib/recomply");
    }
    if let Some(xdg) = env.text("XDG_DATA_HOME") {
        return PathBuf::from(xdg).join("recomply");
    }
    match env.text("HOME") {
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

#[cfg(test)]
mod tests;

/// The submit-by rule from `RECOMPLY_REVIEW_BUSINESS_DAYS` and
/// `RECOMPLY_REJECTION_FIX_BUSINESS_DAYS` (defaults for those not set).
fn submit_by_rule(env: &Source<'_>) -> anyhow::Result<SubmitByRule> {
    let defaults = SubmitByRule::default();
    Ok(SubmitByRule {
        review_days: env
            .number::<u32>("RECOMPLY_REVIEW_BUSINESS_DAYS", 1)?
            .unwrap_or(defaults.review_days),
        fix_days: env
            .number::<u32>("RECOMPLY_REJECTION_FIX_BUSINESS_DAYS", 0)?
            .unwrap_or(defaults.fix_days),
    })
}
