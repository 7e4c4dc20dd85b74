//! The `recomply` command line: one binary, one subcommand per process kind.

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::crypto::SecretKey;
use crate::db;
use crate::startup::{Application, database, shutdown_signal};

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
    /// Run background jobs (sweeps, preparation, polling, finishing, emails).
    Worker(WorkerArgs),
    /// Serve the Twilio Regulatory Compliance emulator.
    Emulator(EmulatorArgs),
    /// Run everything (database, emulator, app, worker) with demo data; Ctrl-C stops it.
    Demo(crate::demo::DemoArgs),
    /// Administrative tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The tamper-evident timeline.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Recompute every tenant's timeline hash chain; name the first broken row of each.
    /// Exits with status 1 when any chain is broken.
    Verify(AuditVerifyArgs),
}

#[derive(Debug, clap::Args)]
struct AuditVerifyArgs {
    /// Dev mode (also `RECOMPLY_DEV=1`): use the embedded database if DATABASE_URL is unset.
    #[arg(long)]
    dev: bool,
}

#[derive(Debug, clap::Args)]
struct WorkerArgs {
    /// How many jobs run at the same time. Jobs mostly wait on Twilio, so one process keeps
    /// many in flight; the database pool grows to match.
    #[arg(long, default_value_t = 16, env = "RECOMPLY_WORKER_CONCURRENCY")]
    concurrency: usize,
    /// Serve `/healthz`, `/readyz` and `/metrics` on this address (e.g. `0.0.0.0:8081` for
    /// Kubernetes probes); off when unset.
    #[arg(long, value_name = "ADDR", env = "RECOMPLY_WORKER_PROBE_BIND")]
    probe_bind: Option<std::net::SocketAddr>,
    /// Dev mode (also `RECOMPLY_DEV=1`): use the embedded database if DATABASE_URL is unset.
    #[arg(long)]
    dev: bool,
}

#[derive(Debug, clap::Args)]
struct EmulatorArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:4010")]
    bind: String,
    /// JSON snapshot file: restored at start, saved periodically and on shutdown.
    #[arg(long)]
    state: Option<std::path::PathBuf>,
    /// Seed an empty state (`demo`: two accounts and a few bundles).
    #[arg(long)]
    seed: Option<String>,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Re-seal every tenant's Twilio credentials from an old secret key to RECOMPLY_SECRET_KEY.
    RotateSecretKey(RotateSecretKeyArgs),
    /// Create a staff account. The password is read from standard input when one is piped in;
    /// otherwise a random one is generated and printed once.
    CreateStaff(CreateStaffArgs),
}

#[derive(Debug, clap::Args)]
struct CreateStaffArgs {
    /// Email address (the sign-in name).
    #[arg(long)]
    email: String,
    /// Display name, shown on renewal timelines.
    #[arg(long, default_value = "")]
    name: String,
    /// admin (everything) or support (no staff or credential management).
    #[arg(long, default_value = "admin", value_parser = ["admin", "support"])]
    role: String,
    /// Dev mode (also `RECOMPLY_DEV=1`): use the embedded database if DATABASE_URL is unset.
    #[arg(long)]
    dev: bool,
}

#[derive(Debug, clap::Args)]
struct RotateSecretKeyArgs {
    /// Name of the environment variable that holds the OLD key (base64); the new key is
    /// RECOMPLY_SECRET_KEY.
    #[arg(long, value_name = "VAR")]
    old_key_env: String,
    /// Dev mode (also `RECOMPLY_DEV=1`): use the embedded database if DATABASE_URL is unset.
    #[arg(long)]
    dev: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Do not apply migrations at start.
    #[arg(long)]
    no_migrate: bool,
    /// Dev mode: generate and keep a secret key, use the embedded database if DATABASE_URL is unset.
    #[arg(long)]
    dev: bool,
    /// Also run the background job worker in this process.
    #[arg(long)]
    with_worker: bool,
    /// Job concurrency with `--with-worker`.
    #[arg(long, default_value_t = 16, env = "RECOMPLY_WORKER_CONCURRENCY")]
    concurrency: usize,
}

#[derive(Debug, clap::Args)]
struct MigrateArgs {
    /// Dev mode (also `RECOMPLY_DEV=1`): use the embedded database if DATABASE_URL is unset.
    #[arg(long)]
    dev: bool,
}

impl Cli {
    /// Runs the chosen subcommand to completion.
    pub async fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(args) => serve(args).await,
            Command::Migrate(args) => migrate(args).await,
            Command::Admin(AdminCommand::RotateSecretKey(args)) => rotate_secret_key(args).await,
            Command::Admin(AdminCommand::CreateStaff(args)) => create_staff(args).await,
            Command::Worker(args) => worker(args).await,
            Command::Audit(AuditCommand::Verify(args)) => audit_verify(args).await,
            Command::Emulator(args) => emulator(args).await,
            Command::Demo(args) => {
                // Quiet by default so the welcome text stays readable; RUST_LOG overrides.
                let config = Config::from_env(true)?;
                crate::telemetry::init_subscriber("warn", config.log_format, std::io::stdout);
                crate::demo::run(args, config).await
            }
        }
    }
}

/// Loads the config and installs logging.
fn load_config(dev: bool) -> anyhow::Result<Config> {
    let config = Config::from_env(dev)?;
    crate::telemetry::init_subscriber("info,sqlx=warn", config.log_format, std::io::stdout);
    tracing::info!(config = %config.summary(), "configuration");
    Ok(config)
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    config.check_for_serving()?;
    let database = database(&config).await?;
    let pool = match args.with_worker {
        true => db::pool_for_jobs(&database.url, args.concurrency)?,
        false => db::pool(&database.url)?,
    };
    if !args.no_migrate {
        db::migrate(&pool).await?;
    }
    let app = Application::build(config, pool).await?;
    tracing::info!(
        "recomply is listening on http://{} (public URL {})",
        app.local_addr(),
        app.state().config.public_url
    );
    let worker = args.with_worker.then(|| {
        let engine = app.state().engine.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(crate::jobs::worker::run_worker_until_stopped(
            engine,
            args.concurrency,
            async move {
                let _ = stopped.await;
            },
        ));
        (stop, handle)
    });
    app.run_until(shutdown_signal()).await?;
    if let Some((stop, handle)) = worker {
        let _ = stop.send(());
        handle.await??;
    }
    drop(database);
    Ok(())
}

async fn worker(args: WorkerArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    let database = database(&config).await?;
    let pool = db::pool_for_jobs(&database.url, args.concurrency)?;
    let twilio = crate::twilio::TwilioClient::new(config.twilio.clone())?;
    let settings = crate::lifecycle::LifecycleSettings::from_config(&config);
    let state = crate::startup::app_state(config, pool, twilio, settings)?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let probes = match args.probe_bind {
        Some(address) => Some(serve_probes(address, state.clone(), stopped.clone()).await?),
        None => None,
    };
    let mut stopped = stopped;
    let result =
        crate::jobs::worker::run_worker_until_stopped(state.engine, args.concurrency, async move {
            shutdown_signal().await;
            let _ = stop.send(true);
        })
        .await;
    if let Some(probes) = probes {
        let _ = stopped.wait_for(|stop| *stop).await;
        let _ = probes.await;
    }
    drop(database);
    result
}

/// Serves the worker's probe routes on `address` until `stopped` turns true.
async fn serve_probes(
    address: std::net::SocketAddr,
    state: crate::state::AppState,
    mut stopped: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on RECOMPLY_WORKER_PROBE_BIND {address}"))?;
    tracing::info!("worker probes on http://{address} (/healthz, /readyz, /metrics)");
    let router = crate::web::probe_router(state);
    Ok(tokio::spawn(crate::web::server::serve(
        listener,
        router,
        crate::web::server::ServerTimeouts::default(),
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        },
    )))
}

async fn migrate(args: MigrateArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    db::migrate(&pool).await?;
    tracing::info!("migrations applied");
    Ok(())
}

/// `recomply audit verify`: one line per tenant; fails when a chain is broken.
async fn audit_verify(args: AuditVerifyArgs) -> anyhow::Result<()> {
    let config = Config::from_env(args.dev)?;
    crate::telemetry::init_subscriber("warn", config.log_format, std::io::stderr);
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    let reports = crate::lifecycle::audit::verify_all(&pool).await?;
    for report in &reports {
        println!("{}", report.line());
    }
    let broken = reports
        .iter()
        .filter(|r| r.check.first_break.is_some())
        .count();
    drop(database);
    if broken > 0 {
        anyhow::bail!("{broken} of {} timeline chains are broken", reports.len());
    }
    println!("{} timeline chains verified", reports.len());
    Ok(())
}

async fn rotate_secret_key(args: RotateSecretKeyArgs) -> anyhow::Result<()> {
    let config = load_config(args.dev)?;
    let old_text = crate::config::process::named_variable(&args.old_key_env)
        .with_context(|| format!("{} (the old key) is not set", args.old_key_env))?;
    let old_key = SecretKey::from_base64(&old_text)
        .with_context(|| format!("{} does not hold a valid key", args.old_key_env))?;
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    let report = db::tenants::reseal_all(&pool, &old_key, &config.secret_key)
        .await
        .context("re-sealing tenant credentials (nothing was changed)")?;
    let staff_secrets = db::staff_two_factor::reseal_all(&pool, &old_key, &config.secret_key)
        .await
        .context("re-sealing staff two-factor secrets (tenant credentials were re-sealed)")?;
    let handoff_secret = db::handoff_settings::reseal(&pool, &old_key, &config.secret_key)
        .await
        .context("re-sealing the hand-off secret (tenant and staff secrets were re-sealed)")?;
    let event_secrets = db::event_endpoints::reseal_all(&pool, &old_key, &config.secret_key)
        .await
        .context("re-sealing event endpoint secrets (the other secrets were re-sealed)")?;
    let parent_token = db::parent_account::reseal(&pool, &old_key, &config.secret_key)
        .await
        .context("re-sealing the parent account's auth token (the other secrets were re-sealed)")?;
    tracing::info!(
        resealed = report.resealed,
        staff_secrets,
        handoff_secret,
        event_secrets,
        parent_token,
        already_current = report.already_current,
        "secret key rotated; keep RECOMPLY_SECRET_KEY and discard the old key"
    );
    Ok(())
}

/// `recomply admin create-staff`: creates a staff account and prints its password when generated.
async fn create_staff(args: CreateStaffArgs) -> anyhow::Result<()> {
    use crate::auth::staff;
    use std::io::{IsTerminal, Read};

    let mut errors = crate::web::admin::form::FormErrors::new();
    let email = crate::web::admin::form::email(&mut errors, "email", &args.email);
    if let Some(message) = errors.get("email") {
        anyhow::bail!("--email: {message}");
    }
    let stdin = std::io::stdin();
    let typed = if stdin.is_terminal() {
        None
    } else {
        let mut text = String::new();
        stdin.lock().read_to_string(&mut text)?;
        let line = text.lines().next().unwrap_or("").to_owned();
        (!line.is_empty()).then_some(line)
    };
    if let Some(password) = &typed
        && password.chars().count() < staff::MIN_PASSWORD_LEN
    {
        anyhow::bail!(
            "the password must have at least {} characters",
            staff::MIN_PASSWORD_LEN
        );
    }
    let config = load_config(args.dev)?;
    let database = database(&config).await?;
    let pool = db::pool(&database.url)?;
    db::migrate(&pool).await?;
    let password = typed.clone().unwrap_or_else(staff::generate_password);
    let hash = staff::hash_password(&password)?;
    let name = args.name.trim();
    match db::staff::create(&pool, &email, name, &args.role, &hash).await {
        Ok(user) => {
            println!("Created {} staff member {}", user.role, user.email);
            if typed.is_none() {
                println!("Password (shown only once): {password}");
            }
        }
        Err(db::staff::CreateStaffError::EmailTaken) => {
            anyhow::bail!("a staff member with the email {email} already exists")
        }
        Err(db::staff::CreateStaffError::Database(e)) => return Err(e.into()),
    }
    drop(database);
    Ok(())
}

async fn emulator(args: EmulatorArgs) -> anyhow::Result<()> {
    crate::telemetry::init_subscriber("info", crate::config::LogFormat::Pretty, std::io::stdout);
    let handle = crate::emulator::spawn_with(crate::emulator::EmulatorOptions {
        bind: args.bind,
        state_file: args.state,
        seed: args.seed,
    })
    .await?;
    println!("Twilio RC emulator listening on {}", handle.base_url());
    for account in &handle.seeded_accounts {
        let c = &account.credentials;
        println!(
            "  {}: account_sid={} auth_token={} api_key_sid={} api_key_secret={}",
            account.friendly_name, c.account_sid, c.auth_token, c.api_key_sid, c.api_key_secret
        );
    }
    shutdown_signal().await;
    handle.save()?;
    Ok(())
}
