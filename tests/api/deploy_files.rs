//! The container files: every variable they set is one the configuration reads, the build
//! context leaves secrets and build output out, the image runs as a numeric non-root user, and
//! the compose file wires the emulator's callbacks to the app (not to itself) and keeps the
//! emulator's state in a volume.

use std::collections::BTreeSet;
use std::path::Path;

use regex::Regex;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The configuration's source: `src/config.rs` and `src/config/`, plus the command-line options
/// that also read a variable (`env = "…"` in `src/cli.rs` and the demo's options).
fn config_source() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut source = std::fs::read_to_string(root.join("config.rs")).unwrap_or_default();
    for options in ["cli.rs", "demo/mod.rs"] {
        source.push_str(&std::fs::read_to_string(root.join(options)).unwrap_or_default());
    }
    if let Ok(entries) = std::fs::read_dir(root.join("config")) {
        for entry in entries.flatten() {
            source.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    assert!(!source.is_empty(), "no configuration source under src/");
    source
}

/// Every `RECOMPLY_*` and `DATABASE_URL` named in `text`.
fn variables_named_in(text: &str) -> BTreeSet<String> {
    let pattern = Regex::new(r"\b(RECOMPLY_[A-Z0-9_]+|DATABASE_URL)\b").unwrap();
    pattern
        .find_iter(text)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// The lines of compose service `service` (a line-based read: the file is hand-written with
/// two-space indentation).
fn service_block<'a>(compose: &'a str, service: &str) -> Vec<&'a str> {
    let header = format!("  {service}:");
    compose
        .lines()
        .skip_while(|line| *line != header)
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with("   "))
        .collect()
}

/// The value of `key:` in the block of compose service `service`.
fn service_value(compose: &str, service: &str, key: &str) -> Option<String> {
    service_block(compose, service)
        .into_iter()
        .find_map(|line| {
            let (name, value) = line.trim().split_once(':')?;
            (name == key).then(|| value.trim().to_owned())
        })
}

#[test]
fn every_variable_the_container_files_set_is_read_by_the_configuration() {
    let config = config_source();
    for file in ["docker-compose.yml", "Dockerfile"] {
        let names = variables_named_in(&read(file));
        assert!(!names.is_empty(), "{file} names no variable");
        let unknown: Vec<_> = names
            .iter()
            .filter(|name| !config.contains(&format!("\"{name}\"")))
            .collect();
        assert!(
            unknown.is_empty(),
            "{file} sets variables the configuration never reads: {unknown:?}"
        );
    }
}

#[test]
fn the_variable_scan_finds_names_and_ignores_lookalikes() {
    let names = variables_named_in("RECOMPLY_BIND: x\nDATABASE_URL: y\nMY_DATABASE_URLS: z");
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["DATABASE_URL", "RECOMPLY_BIND"]
    );
}

#[test]
fn the_build_context_leaves_out_secrets_build_output_and_history() {
    let ignore_file = read(".dockerignore");
    let ignored: BTreeSet<&str> = ignore_file
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.trim_end_matches('/'))
        .collect();
    for entry in [".env", "target", ".git", "tmp", "*.state.json"] {
        assert!(
            ignored.contains(entry),
            ".dockerignore does not exclude {entry}:\n{ignore_file}"
        );
    }
}

#[test]
fn the_image_runs_as_a_numeric_non_root_user() {
    let dockerfile = read("Dockerfile");
    let user = dockerfile
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("USER "))
        .expect("the Dockerfile sets a USER");
    let uid: u32 = user
        .split(':')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("USER {user} is not numeric"));
    assert_ne!(uid, 0, "the image runs as root");
}

#[test]
fn the_emulator_calls_the_app_back_by_its_service_name() {
    let compose = read("docker-compose.yml");
    let public_url = service_value(&compose, "app", "RECOMPLY_PUBLIC_URL").unwrap();
    let api_url = service_value(&compose, "app", "RECOMPLY_TWILIO_API_URL").unwrap();

    let public = url::Url::parse(&public_url).unwrap();
    assert_eq!(public.host_str(), Some("app"), "{public_url}");
    assert_eq!(public.port_or_known_default(), Some(8080));
    let api = url::Url::parse(&api_url).unwrap();
    assert_eq!(api.host_str(), Some("emulator"), "{api_url}");
    // The app listens where the public URL points.
    let bind = service_value(&compose, "app", "RECOMPLY_BIND").unwrap();
    assert_eq!(bind, "0.0.0.0:8080");
}

#[test]
fn the_emulator_keeps_its_state_in_a_volume() {
    let compose = read("docker-compose.yml");
    let command = service_value(&compose, "emulator", "command").unwrap();
    let state = Regex::new(r#""--state",\s*"([^"]+)""#)
        .unwrap()
        .captures(&command)
        .unwrap_or_else(|| panic!("the emulator runs without --state: {command}"))[1]
        .to_owned();
    let volume_line = Regex::new(r"^\s+- ([a-z][a-z-]*):(/\S+)$").unwrap();
    let (volume, mount_point) = service_block(&compose, "emulator")
        .into_iter()
        .find_map(|line| {
            let captures = volume_line.captures(line)?;
            Some((captures[1].to_owned(), captures[2].to_owned()))
        })
        .expect("the emulator mounts a named volume");
    assert!(
        state.starts_with(&format!("{mount_point}/")),
        "state file {state} is outside the volume mounted at {mount_point}"
    );
    let declared = compose
        .split_once("\nvolumes:\n")
        .map(|(_, top_level)| top_level)
        .unwrap_or_default();
    assert!(
        declared.lines().any(|line| line == format!("  {volume}:")),
        "volume {volume} is not declared"
    );
}

#[test]
fn every_long_running_service_has_a_healthcheck() {
    let compose = read("docker-compose.yml");
    for service in ["db", "emulator", "app", "demo", "demo-db"] {
        assert!(
            service_value(&compose, service, "healthcheck").is_some(),
            "service {service} has no healthcheck"
        );
    }
    assert_eq!(
        service_value(&compose, "demo", "profiles").as_deref(),
        Some("[demo]")
    );
}
