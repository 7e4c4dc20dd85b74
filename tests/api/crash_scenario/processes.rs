//! The real processes of the scenario, started from the built `recomply` binary: the emulator,
//! one `serve` and two `worker`s. Each writes its log to a file of the run directory; a worker
//! is killed with SIGKILL (no shutdown code runs) and a fresh one started in its place.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A started process; killed when dropped, so a failing run leaves nothing behind.
pub struct Process {
    /// `emulator`, `serve`, `worker-a-3`, …
    pub name: String,
    child: Child,
}

impl Process {
    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, then reap it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Starts processes of the binary with one shared environment.
pub struct Launcher {
    binary: PathBuf,
    run_dir: PathBuf,
    env: Vec<(String, String)>,
}

impl Launcher {
    /// A launcher writing logs under `run_dir`.
    pub fn new(run_dir: &Path) -> Self {
        std::fs::create_dir_all(run_dir).expect("create the run directory");
        Self {
            binary: PathBuf::from(env!("CARGO_BIN_EXE_recomply")),
            run_dir: run_dir.to_owned(),
            env: Vec::new(),
        }
    }

    /// Sets a variable for every process started from now on.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_owned(), value.into()));
    }

    /// Starts `recomply <args>` named `name`, with only the launcher's environment (plus PATH
    /// and HOME), so nothing from the developer's shell changes the run.
    pub fn start(&self, name: &str, args: &[&str]) -> Process {
        let log = self.run_dir.join(format!("{name}.log"));
        let out = File::create(&log).expect("create a log file");
        let err = out.try_clone().expect("clone the log file");
        let mut command = Command::new(&self.binary);
        command
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_clear()
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        for inherited in ["PATH", "HOME"] {
            if let Ok(value) = std::env::var(inherited) {
                command.env(inherited, value);
            }
        }
        command.envs(self.env.iter().map(|(n, v)| (n, v)));
        let child = command.spawn().expect("start the recomply binary");
        Process {
            name: name.to_owned(),
            child,
        }
    }
}

/// A port nobody listens on right now (bound, then released for a child to take).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Polls `ready` every 100 ms until it is true; panics after `limit` naming `what`.
pub async fn wait_until<F, Fut>(what: &str, limit: Duration, mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !ready().await {
        assert!(started.elapsed() < limit, "{what} within {limit:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether `url` answers 200.
pub async fn answers(http: &reqwest::Client, url: &str) -> bool {
    http.get(url)
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
}
