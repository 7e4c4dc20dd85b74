//! The `recomply` command line: one binary, one subcommand per process kind.

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::crypto::SecretKey;
use crate::db;
use crate::db::embedded::DefaultDatabase;
use crate::startup::{Application, shutdown_signal};

/// recomply: keeps Twilio Regulatory Compliance bundles up to date for every tenant.
#[derive(Debug, Parser)]
#[command(name = "recomply", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web application (customer portal, admin, webhooks).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(MigrateArgs),
    /// Administrative tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Re-seal every tenant's Twilio credentials from an old secret key to RECOMPLY_SECRET_KEY.
    RotateSecretKey(RotateSecretKeyArgs),
}

#[derive(Debug, clap::Args)]
struct RotateSecretKeyArgs {
    /// Name of the environment variable that holds the OLD key (base64); the new key is
    /// RECOMPLY_SECRET_KEY.
    #[arg(long, value_name = "VAR")]
    old_key_env: String,
    /// Dev mode: use the embedded database if DATABASE_URL is unset.
    #[arg(long, env = "RECOMPLY_DEV")]
    dev: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Do not apply migrations at start.
    #[arg(long)]
    no_migrate: bool,
    /// Dev mode: generate and keep a secret key, use the embedded database if DATABASE_URL is unset.
    #[arg(long, env = "RECOMPLY_DEV")]
    dev: bool,
}

#[derive(Debug, clap::Args)]
struct MigrateArgs {
    /// Dev mode: use the embedded database if DATABASE_URL is unset.
    #[arg(long, env = "RECOMPLY_DEV")]
    dev: bool,
}

impl Cli {
    /// Runs the chosen subcommand to completion.
    pub async fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(args) => serve(args).await,
            Command::Migrate(args) => migrate(args).await,
            Command::Admin(AdminCommand::RotateSecretKey(args)) => rotate_secret_key(args).await,
        }
    }
}

/// Loads the config and installs logging.
fn load_config(dev: bool) -> anyhow::Result<Config> {
    let config = Config::from_env(dev)?;
    crate::telemetry::init_subscriber("info,sqlx=warn", config.log_format, std::io::stdout);
    Ok(config)
}

/// The database URL from config, or the embedded default in dev mode.
pub async fn database(config: &Config) -> anyhow::Result<DefaultDatabase> {
    match &config.database_url {
        Some(url) => Ok(DefaultDatabase {
            url: url.expose().to_owned(),
            cluster: None,
        }),
        None if config.dev_mode => db::embedded::default_database(&config.data_dir).await,
        None => anyhow::bail!(
            "DATABASE_URL is not set (run with --dev to use a local or private PostgreSQL)"
        ),
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    if !args.no_migrate {
        db::migrate(&pool).await?;
    }
    let app = Application::build(config, pool).await?;
    tracing::info!(
        "recomply is listening on http://{} (public URL {})",
        app.local_addr(),
        app.state().config.public_url
    );
    app.run_until(shutdown_signal()).await?;
    drop(database);
    Ok(())
}

async fn migrate(args: MigrateArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    db::migrate(&pool).await?;
    tracing::info!("migrations applied");
    Ok(())
}

async fn rotate_secret_key(args: RotateSecretKeyArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    let old_text = std::env::var(&args.old_key_env)
        .with_context(|| format!("{} (the old key) is not set", args.old_key_env))?;
    let old_key = SecretKey::from_base64(&old_text)
        .with_context(|| format!("{} does not hold a valid key", args.old_key_env))?;
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    let report = db::tenants::reseal_all(&pool, &old_key, &config.secret_key)
        .await
        .context("re-sealing tenant credentials (nothing was changed)")?;
    tracing::info!(
        resealed = report.resealed,
        already_current = report.already_current,
        "secret key rotated; keep RECOMPLY_SECRET_KEY and discard the old key"
    );
    Ok(())
}
