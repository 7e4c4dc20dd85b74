//! Browser tests in headless Chromium (Debian's `chromium` + `chromium-driver`, driven through
//! WebDriver by thirtyfour), with axe-core accessibility checks on every page visited.

mod journey;
mod page_tour;
mod public_pages;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;
use thirtyfour::{ChromiumLikeCapabilities, DesiredCapabilities};

/// A chromedriver process and one headless Chromium session.
pub struct Browser {
    /// The WebDriver session.
    pub driver: WebDriver,
    chromedriver: Child,
    _profile: PathBuf,
}

/// The demo's world after "France: Mobile - Business" changed: seeded, swept, and its renewals
/// prepared (the Paris bundle's renewal waits for the customer).
pub async fn demo_world_after_the_france_change() -> (
    crate::lifecycle_support::World,
    recomply::demo::seed::SeedReport,
) {
    use recomply::demo::seed;
    let world = crate::lifecycle_support::World::spawn().await;
    let webhook_url = format!("{}/webhooks/twilio/bundle-status", world.address);
    let report = seed::seed(&seed::SeedTarget {
        db: &world.db,
        key: &world.config.secret_key,
        emulator_url: world.emulator.base_url(),
        webhook_url: &webhook_url,
        review_delay_seconds: 60,
    })
    .await
    .expect("the demo data seeds");
    let acme = &report.tenants[0];
    seed::enact_france_change(
        world.emulator.base_url(),
        &acme.account_sid,
        &acme.auth_token,
        21,
    )
    .await
    .unwrap();
    let tenant_ids: Vec<_> = report.tenants.iter().map(|t| t.tenant_id).collect();
    seed::sweep_all(&world.db, &tenant_ids).await.unwrap();
    world.run_jobs().await;
    (world, report)
}

/// Where screenshots go: under `target/`, so a test run never changes tracked files.
/// `scripts/refresh-screenshots.sh` copies the ones the README shows into `docs/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium session.
    pub async fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let chromedriver = Command::new(find_binary("chromedriver"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (apt-get install chromium chromium-driver)");
        let base = format!("http://127.0.0.1:{port}");
        wait_for_driver(&base).await;
        let profile = std::env::temp_dir().join(format!(
            "recomply-chromium-{}",
            uuid::Uuid::new_v4().simple()
        ));
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&find_binary("chromium")).unwrap();
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
        ] {
            caps.add_arg(arg).unwrap();
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))
            .unwrap();
        let driver = WebDriver::new(&base, caps)
            .await
            .expect("a Chromium session starts");
        Browser {
            driver,
            chromedriver,
            _profile: profile,
        }
    }

    /// Saves a full-page screenshot as `target/screenshots/<name>.png`, 1280 px wide.
    pub async fn screenshot(&self, name: &str) {
        self.screenshot_at(name, 1280).await;
        self.resize(1280).await;
    }

    /// Saves a full-page screenshot `width` px wide as `target/screenshots/<name>.png` (a name
    /// may hold a folder), and leaves the window at that width.
    pub async fn screenshot_at(&self, name: &str, width: u32) {
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Grow the window to the page's height so the screenshot shows the whole page.
        let height = self
            .driver
            .execute(
                "return Math.min(document.documentElement.scrollHeight, 4000);",
                Vec::new(),
            )
            .await
            .ok()
            .and_then(|ret| ret.json().as_u64())
            .unwrap_or(1000);
        let _ = self
            .driver
            .set_window_rect(0, 0, width, height.max(700) as u32 + 120)
            .await;
        self.driver.screenshot(&path).await.expect("screenshot");
        self.resize(width).await;
    }

    /// Sets the window to `width` px (and the usual height).
    pub async fn resize(&self, width: u32) {
        let _ = self.driver.set_window_rect(0, 0, width, 1000).await;
    }

    /// How many px the page is wider than the window's viewport (0 or less: no sideways
    /// scrolling).
    pub async fn horizontal_overflow(&self) -> i64 {
        self.driver
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth;",
                Vec::new(),
            )
            .await
            .expect("the page answers a script")
            .json()
            .as_i64()
            .unwrap_or(0)
    }

    /// The innermost elements whose right edge passes the viewport, as `tag.class` (the first
    /// few), to say what makes a page scroll sideways.
    pub async fn overflowing_elements(&self) -> Vec<String> {
        let found = self
            .driver
            .execute(
                r#"const w = window.innerWidth;
                   const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
                       if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)
                           && a !== document.body && a !== document.documentElement) return true; }
                       return false; };
                   return [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e))
                     .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
                     .slice(0, 5)
                     .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                               + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');"#,
                Vec::new(),
            )
            .await
            .expect("the page answers a script");
        serde_json::from_value(found.json().clone()).unwrap_or_default()
    }

    /// Runs axe-core on the current page; panics listing any serious or critical violation.
    pub async fn assert_accessible(&self, page: &str) {
        let violations = self.accessibility_violations().await;
        assert!(
            violations.is_empty(),
            "accessibility violations on {page}:\n{}",
            violations.join("\n")
        );
    }

    /// axe-core's serious and critical violations on the current page, one line each.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = axe_source();
        self.driver
            .execute(&axe, Vec::new())
            .await
            .expect("axe-core loads");
        let result = self
            .driver
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done(r.violations
                          .filter(v => v.impact === 'serious' || v.impact === 'critical')
                          .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                               v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));"#,
                Vec::new(),
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(result.json().clone()).unwrap()
    }

    /// Closes the session and chromedriver.
    pub async fn stop(mut self) {
        let _ = self.driver.clone().quit().await;
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }
}

fn find_binary(name: &str) -> String {
    locate(name)
        .map(|path| path.display().to_string())
        .unwrap_or_else(|| name.to_owned())
}

/// `name` in Debian's install locations or on `PATH`.
fn locate(name: &str) -> Option<PathBuf> {
    let path_dirs = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"]
        .into_iter()
        .map(PathBuf::from)
        .chain(path_dirs)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// The Debian packages the browser tests need and this machine lacks.
fn missing_packages() -> Vec<&'static str> {
    let axe_ready = std::env::var_os("AXE_CORE_JS").is_some()
        || Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/browser-tools/node_modules/axe-core/axe.min.js")
            .is_file();
    [
        ("chromium", "chromium", false),
        ("chromedriver", "chromium-driver", false),
        ("npm", "npm", axe_ready),
    ]
    .into_iter()
    .filter(|(binary, _, not_needed)| !not_needed && locate(binary).is_none())
    .map(|(_, package, _)| package)
    .collect()
}

/// What to tell the person running `test`, given the missing packages.
fn missing_message(test: &str, packages: &[&str]) -> String {
    format!(
        "browser test {test} needs {}: install with `sudo apt-get install {}` \
         (or run ./test.sh as root, which installs them)",
        packages.join(", "),
        packages.join(" ")
    )
}

/// Whether `test` can run here. Without a browser it says exactly what to install and
/// returns `false` (the test then passes without running); under `CI=true` it panics instead,
/// so CI never skips the browser tests.
pub fn available(test: &str) -> bool {
    let missing = missing_packages();
    if missing.is_empty() {
        return true;
    }
    let message = missing_message(test, &missing);
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{message} (CI=true: browser tests never skip)");
    }
    eprintln!("SKIPPED: {message}");
    false
}

#[test]
fn the_skip_message_names_the_exact_apt_command() {
    assert_eq!(
        missing_message("landing", &["chromium", "chromium-driver"]),
        "browser test landing needs chromium, chromium-driver: install with \
         `sudo apt-get install chromium chromium-driver` (or run ./test.sh as root, which \
         installs them)"
    );
}

async fn wait_for_driver(base: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    // A child process: its readiness endpoint is the only signal it gives.
    while client.get(format!("{base}/status")).send().await.is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// axe-core's source: `AXE_CORE_JS` if set, else installed once from npm into `target/`.
/// Browser tests run in parallel threads of this process: the first one installs, the others
/// wait for it.
fn axe_source() -> String {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(load_axe).clone()
}

fn load_axe() -> String {
    let path = match std::env::var("AXE_CORE_JS") {
        Ok(path) => PathBuf::from(path),
        Err(_) => {
            let prefix = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-tools");
            let path = prefix.join("node_modules/axe-core/axe.min.js");
            if !path.is_file() {
                let status = Command::new("npm")
                    .args(["install", "--no-save", "--silent", "--prefix"])
                    .arg(&prefix)
                    .arg("axe-core@4")
                    .status()
                    .expect("npm runs");
                assert!(status.success(), "npm install axe-core failed");
            }
            path
        }
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
