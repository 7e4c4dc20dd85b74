//! The default database for dev and demo mode, when `DATABASE_URL` is unset.
//!
//! 1. A local server on the default port that accepts connections is used as is.
//! 2. Otherwise a private cluster is started from the machine's PostgreSQL binaries
//!    (`initdb` + `postgres`) in `<data dir>/postgres`, on a free loopback port; it is reused on
//!    the next start and stopped (SIGINT) when the handle is dropped.
//! 3. Without binaries, one clear message says what to install.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::config::process::{self, running_as_root};
use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// Name of the application database inside whichever server is used.
const DATABASE_NAME: &str = "recomply";

/// The default local server tried first.
const LOCAL_SERVER: &str = "postgres://postgres@127.0.0.1:5432";

/// A database URL, and the private server behind it if recomply started one.
#[derive(Debug)]
pub struct DefaultDatabase {
    /// Where the application database is.
    pub url: String,
    /// The private cluster, stopped on drop; `None` when a running server was used.
    pub cluster: Option<PrivateCluster>,
}

/// A PostgreSQL server process that recomply started and stops on drop.
#[derive(Debug)]
pub struct PrivateCluster {
    child: Option<Child>,
    /// The cluster's data directory.
    pub data_dir: PathBuf,
    /// The loopback port it listens on.
    pub port: u16,
}

/// Finds or starts a database for dev mode and makes sure the `recomply` database exists.
pub async fn default_database(data_dir: &Path) -> anyhow::Result<DefaultDatabase> {
    default_database_named(data_dir, DATABASE_NAME).await
}

/// [`default_database`] with another database name on the same server (the demo's own).
pub async fn default_database_named(
    data_dir: &Path,
    name: &str,
) -> anyhow::Result<DefaultDatabase> {
    if server_accepts(LOCAL_SERVER).await {
        let url = ensure_database(LOCAL_SERVER, name).await?;
        tracing::info!("using the local PostgreSQL server on 127.0.0.1:5432");
        return Ok(DefaultDatabase { url, cluster: None });
    }
    let cluster = PrivateCluster::start(&data_dir.join("postgres")).await?;
    let url = ensure_database(&cluster.server_url(), name).await?;
    Ok(DefaultDatabase {
        url,
        cluster: Some(cluster),
    })
}

impl PrivateCluster {
    /// Initialises `data_dir` if needed and starts a server on a free loopback port.
    /// Fails with an installation hint when no PostgreSQL binaries exist.
    pub async fn start(data_dir: &Path) -> anyhow::Result<Self> {
        Self::start_on(data_dir, None).await
    }

    /// Like [`PrivateCluster::start`], on a given port (`None`: a free one).
    pub async fn start_on(data_dir: &Path, port: Option<u16>) -> anyhow::Result<Self> {
        let bin = find_binaries().ok_or_else(|| {
            anyhow::anyhow!(
                "No database: DATABASE_URL is unset, nothing listens on 127.0.0.1:5432, and no \
                 PostgreSQL binaries were found (initdb/postgres on PATH or under \
                 /usr/lib/postgresql/*/bin). Install them with `apt-get install postgresql` \
                 (Debian/Ubuntu), or start one with `docker compose up -d db` and set \
                 DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/recomply"
            )
        })?;
        let owner = if running_as_root() {
            Some(postgres_user()?)
        } else {
            None
        };
        if !data_dir.join("PG_VERSION").exists() {
            init_cluster(&bin, data_dir, owner)?;
        }
        let port = match port {
            Some(port) => port,
            None => free_port()?,
        };
        let mut command = Command::new(bin.join("postgres"));
        command
            .arg("-D")
            .arg(data_dir)
            .arg("-p")
            .arg(port.to_string())
            .arg("-k")
            .arg(data_dir)
            .args(["-c", "listen_addresses=127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log_file(data_dir)?));
        as_owner(&mut command, owner);
        let child = command
            .spawn()
            .with_context(|| format!("starting {}", bin.join("postgres").display()))?;
        let mut cluster = Self {
            child: Some(child),
            data_dir: data_dir.to_owned(),
            port,
        };
        cluster.wait_until_ready().await?;
        tracing::info!(data_dir = %data_dir.display(), port, "started a private PostgreSQL cluster");
        Ok(cluster)
    }

    /// `postgres://postgres@127.0.0.1:<port>` (no database name).
    pub fn server_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    async fn wait_until_ready(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = format!("{}/postgres", self.server_url());
        loop {
            if PgConnection::connect(&url).await.is_ok() {
                return Ok(());
            }
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.try_wait()?
            {
                bail!(
                    "the private PostgreSQL server exited ({status}); see {}",
                    self.data_dir.join("server.log").display()
                );
            }
            if Instant::now() > deadline {
                bail!("the private PostgreSQL server did not accept connections within 30 s");
            }
            // A child process, not a test: polling its readiness is the only signal it gives.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the server (fast shutdown) and waits for it to exit.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: kill(2) with a pid we own and a valid signal number.
            unsafe {
                libc_kill(child.id() as i32, 2);
            }
            let _ = child.wait();
        }
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        self.stop();
    }
}

unsafe extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, signal: i32) -> i32;
}

async fn server_accepts(server_url: &str) -> bool {
    let url = format!("{server_url}/postgres");
    matches!(
        tokio::time::timeout(Duration::from_secs(2), PgConnection::connect(&url)).await,
        Ok(Ok(_))
    )
}

/// Creates the `recomply` database if it is missing; returns its URL.
async fn ensure_database(server_url: &str, name: &str) -> anyhow::Result<String> {
    let mut conn = PgConnection::connect(&format!("{server_url}/postgres")).await?;
    let exists: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_database where datname = $1) as "exists!""#,
        name,
    )
    .fetch_one(&mut conn)
    .await?;
    if !exists {
        sqlx::query(&format!(r#"create database "{name}""#))
            .execute(&mut conn)
            .await
            .with_context(|| format!("creating the {name} database"))?;
    }
    Ok(format!("{server_url}/{name}"))
}

/// The directory holding `initdb` and `postgres`: on `PATH`, else the newest
/// `/usr/lib/postgresql/*/bin`.
pub fn find_binaries() -> Option<PathBuf> {
    let on_path = process::executable_dirs().into_iter();
    let mut versioned: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .collect();
    versioned.sort_by_key(|path| {
        path.parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versioned.reverse();
    on_path
        .chain(versioned)
        .find(|dir| dir.join("initdb").is_file() && dir.join("postgres").is_file())
}

fn init_cluster(bin: &Path, data_dir: &Path, owner: Option<(u32, u32)>) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(data_dir, Some(uid), Some(gid))?;
    }
    let mut command = Command::new(bin.join("initdb"));
    command
        .arg("-D")
        .arg(data_dir)
        .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    as_owner(&mut command, owner);
    let output = command.output().context("running initdb")?;
    if !output.status.success() {
        bail!(
            "initdb failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

fn log_file(data_dir: &Path) -> anyhow::Result<std::fs::File> {
    let path = data_dir.join("server.log");
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))
}

fn as_owner(command: &mut Command, owner: Option<(u32, u32)>) {
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
    }
}

/// uid and gid of the `postgres` user, from `/etc/passwd`.
fn postgres_user() -> anyhow::Result<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").context("reading /etc/passwd")?;
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&"postgres") && fields.len() > 3)
        .and_then(|fields| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
        .context(
            "running as root, PostgreSQL refuses to run as root and there is no `postgres` user",
        )
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
