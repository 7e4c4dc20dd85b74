//! The `recomply` command line: one binary, one subcommand per process kind.

use clap::{Parser, Subcommand};

use crate::config::Config;
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
    /// Administration tasks (staff accounts).
    Admin(AdminArgs),
}

#[derive(Debug, clap::Args)]
struct AdminArgs {
    /// Dev mode: use the embedded database if DATABASE_URL is unset.
    #[arg(long, env = "RECOMPLY_DEV", global = true)]
    dev: bool,
    #[command(subcommand)]
    command: AdminCommand,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
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
            Command::Admin(args) => admin(args).await,
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

async fn admin(args: AdminArgs) -> anyhow::Result<()> {
    match args.command {
        AdminCommand::CreateStaff(create) => create_staff(args.dev, create).await,
    }
}

/// `recomply admin create-staff`: creates a staff account and prints its password when generated.
async fn create_staff(dev: bool, args: CreateStaffArgs) -> anyhow::Result<()> {
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
    let config = load_config(dev)?;
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
