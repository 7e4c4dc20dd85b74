//! `recomply demo`: the whole system on one machine with demo data — a database (the embedded
//! default), the Twilio emulator, the web app and a worker in one process.

mod plan;
pub mod seed;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;

use crate::config::Config;
use crate::lifecycle::LifecycleSettings;
use crate::startup::{Application, shutdown_signal};
use crate::twilio::{TwilioClient, TwilioConfig};

/// Options of `recomply demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Start over: drop the demo's data (database schema and emulator state) first. Asks
    /// first (or give `--yes`); refused on a database holding tenants the demo did not create.
    #[arg(long)]
    pub reset: bool,
    /// Answer yes to `--reset`'s question (for scripts).
    #[arg(long)]
    pub yes: bool,
    /// The demo's database. By default its own `recomply_demo` database on the local PostgreSQL
    /// server (or a private cluster in the data directory): `DATABASE_URL` is never used, so
    /// the demo cannot reach the application's data by accident.
    #[arg(
        long,
        value_name = "URL",
        env = "RECOMPLY_DEMO_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// Where the emulator listens.
    #[arg(long, default_value = "127.0.0.1:4010")]
    pub emulator_bind: String,
    /// Seconds an automatic Twilio review takes in the emulator.
    #[arg(long, default_value_t = 20)]
    pub review_delay: i64,
}

/// Runs the demo until Ctrl-C.
pub async fn run(args: DemoArgs, config: Config) -> anyhow::Result<()> {
    let database = demo_database(&args, &config).await?;
    let db = crate::db::pool(&database.url)?;
    let state_file = config.data_dir.join("demo-emulator.json");
    let password_file = config.data_dir.join("demo-admin-password");
    refuse_real_data(&db, &database.url).await?;
    if args.reset {
        confirm_reset(args.yes, &database.url)?;
        reset(&db, &[&state_file, &password_file]).await?;
    }
    crate::db::migrate(&db).await?;
    let seeded_before = crate::db::demo::tenant_count(&db).await? > 0;
    match_emulator_state(seeded_before, &state_file, &password_file)?;

    let emulator = crate::emulator::spawn_with(crate::emulator::EmulatorOptions {
        bind: args.emulator_bind.clone(),
        state_file: Some(state_file),
        seed: None,
    })
    .await?;

    let app = demo_app(config, db.clone(), &emulator.base_url).await?;
    let state = app.state().clone();
    let webhook_url = state.config.url_for(crate::routes::BUNDLE_STATUS_WEBHOOK);

    let (stop_app, app_stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = app_stopped.await;
    }));
    let (stop_worker, worker_stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(crate::jobs::worker::run_worker_until_stopped(
        state.engine.clone(),
        2,
        async {
            let _ = worker_stopped.await;
        },
    ));

    let report = if seeded_before {
        None
    } else {
        let target = seed::SeedTarget {
            db: &db,
            key: &state.config.secret_key,
            emulator_url: &emulator.base_url,
            webhook_url: &webhook_url,
            review_delay_seconds: args.review_delay,
        };
        let report = seed_world(&target, &password_file).await?;
        emulator.save()?;
        Some(report)
    };

    print_welcome(
        &state,
        &db,
        &emulator.base_url,
        &password_file,
        report.as_ref(),
    )
    .await?;
    shutdown_signal().await;
    let _ = stop_worker.send(());
    let _ = stop_app.send(());
    let _ = worker.await;
    let _ = server.await;
    emulator.save()?;
    drop(database);
    println!("recomply demo stopped; run `recomply demo` again to continue where you left off.");
    Ok(())
}

/// The app (with its lifecycle settings for a demo: quick polls, a sweep every five minutes)
/// talking to the demo's emulator at `emulator_url` for every Twilio call.
async fn demo_app(
    mut config: Config,
    db: sqlx::PgPool,
    emulator_url: &str,
) -> anyhow::Result<Application> {
    config.twilio = TwilioConfig {
        api_base_url: emulator_url.parse()?,
        upload_base_url: emulator_url.parse()?,
        core_api_base_url: emulator_url.parse()?,
        ..TwilioConfig::default()
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("binding {}", config.bind))?;
    let settings = LifecycleSettings {
        poll_interval: Duration::from_secs(15),
        sweep_interval: Duration::from_secs(300),
        ..LifecycleSettings::default()
    };
    let twilio = TwilioClient::new(config.twilio.clone())?;
    Application::from_parts(config, db, listener, twilio, settings)
}

/// The emulator's state file must belong to the database: a state without demo data is
/// removed (seeding on top of it would clash); demo data without its state stops the demo.
fn match_emulator_state(
    seeded_before: bool,
    state_file: &std::path::Path,
    password_file: &std::path::Path,
) -> anyhow::Result<()> {
    if !seeded_before && state_file.exists() {
        // The emulator's state from a demo whose database is gone (or another database).
        for file in [state_file, password_file] {
            let _ = std::fs::remove_file(file);
        }
    }
    if seeded_before && !state_file.exists() {
        anyhow::bail!(
            "the database holds demo data but the emulator state ({}) is gone: run `recomply demo --reset`",
            state_file.display()
        );
    }
    Ok(())
}

/// Seeds the demo's tenants and bundles, enacts the French regulation change on the first
/// tenant's account and sweeps every tenant once.
async fn seed_world(
    target: &seed::SeedTarget<'_>,
    password_file: &std::path::Path,
) -> anyhow::Result<seed::SeedReport> {
    let report = seed::seed(target).await?;
    write_private(password_file, &report.staff_password)?;
    let first = &report.tenants[0];
    seed::enact_france_change(
        target.emulator_url,
        &first.account_sid,
        &first.auth_token,
        21,
    )
    .await?;
    let ids: Vec<_> = report.tenants.iter().map(|t| t.tenant_id).collect();
    seed::sweep_all(target.db, &ids).await?;
    Ok(report)
}

/// The database of the demo's own: `--database-url`, else `recomply_demo` on the default server.
async fn demo_database(
    args: &DemoArgs,
    config: &Config,
) -> anyhow::Result<crate::db::embedded::DefaultDatabase> {
    if let Some(url) = &args.database_url {
        crate::db::create::create_if_missing(url).await?;
        return Ok(crate::db::embedded::DefaultDatabase {
            url: url.clone(),
            cluster: None,
        });
    }
    if config.database_url.is_some() {
        println!(
            "Note: the demo does not use DATABASE_URL; it keeps its data in its own \
             `{DEMO_DATABASE}` database (choose another with --database-url)."
        );
    }
    crate::db::embedded::default_database_named(&config.data_dir, DEMO_DATABASE).await
}

/// The demo's database name on the default server.
pub const DEMO_DATABASE: &str = "recomply_demo";

/// Fails when the database holds a tenant the demo did not seed: the demo points every tenant
/// at its emulator, and `--reset` drops everything.
async fn refuse_real_data(db: &PgPool, url: &str) -> anyhow::Result<()> {
    let foreign = crate::db::demo::foreign_tenant_count(db).await?;
    if foreign > 0 {
        anyhow::bail!(
            "the database {} holds {foreign} tenant(s) that the demo did not create: the demo \
             never runs on (or resets) real data. Leave out --database-url to use the demo's \
             own database.",
            described(url)
        );
    }
    Ok(())
}

/// `--reset` goes ahead with `--yes`, or when the person at the terminal types `reset`.
fn confirm_reset(yes: bool, url: &str) -> anyhow::Result<()> {
    use std::io::{BufRead, IsTerminal, Write};
    if yes {
        return Ok(());
    }
    let question = format!(
        "--reset drops every table of {} and the emulator's saved state",
        described(url)
    );
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("{question}: add --yes to confirm");
    }
    print!("{question}. Type `reset` to go on: ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if answer.trim() != "reset" {
        anyhow::bail!("reset cancelled; nothing was changed");
    }
    Ok(())
}

/// `host:port/database` of a database URL, without credentials.
fn described(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => format!(
            "{}:{}{}",
            parsed.host_str().unwrap_or("?"),
            parsed.port().unwrap_or(5432),
            parsed.path()
        ),
        Err(_) => "(the demo database)".to_owned(),
    }
}

/// Drops everything the demo created: the schema (with the migrations record), sessions and
/// the emulator's saved state.
async fn reset(db: &PgPool, files: &[&PathBuf]) -> anyhow::Result<()> {
    crate::db::demo::drop_everything(db).await?;
    for file in files {
        let _ = std::fs::remove_file(file);
    }
    println!("Demo data removed; seeding afresh.");
    Ok(())
}

fn write_private(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(())
}

async fn print_welcome(
    state: &crate::state::AppState,
    db: &PgPool,
    emulator_url: &str,
    password_file: &std::path::Path,
    report: Option<&seed::SeedReport>,
) -> anyhow::Result<()> {
    let customer = crate::db::demo::first_customer(db).await?;
    let password = std::fs::read_to_string(password_file).unwrap_or_else(|_| "(unknown)".into());
    let app_url = state.config.public_url.as_str().trim_end_matches('/');
    println!();
    println!("  recomply demo is running (Ctrl-C stops everything)");
    println!();
    println!("  App:              {app_url}/");
    if let Some((user_id, email)) = customer {
        let link = crate::links::magic_link::issue(db, &state.config, user_id, None).await?;
        println!("  Customer sign-in: {link}");
        println!(
            "                    (for {email}; single use, 15 minutes; staff can make more from a renewal page)"
        );
    }
    println!("  Staff admin:      {app_url}/admin/login");
    println!(
        "                    {}  /  {}",
        seed::STAFF_EMAIL,
        password.trim()
    );
    println!("  Dev outbox:       {app_url}/admin/outbox (every email, with its links redacted)");
    println!("  Emulator:         {emulator_url}  (control API: {emulator_url}/__emulator/…)");
    if let Some(report) = report {
        println!();
        println!(
            "  Seeded {} tenants and {} bundles; \"France: Mobile - Business\" just changed, so",
            report.tenants.len(),
            report.bundle_count
        );
        println!(
            "  its approved bundles must be updated within 21 days. Renewals open within seconds."
        );
    }
    println!();
    Ok(())
}
