//! The shape of the source tree, checked on every run: which top-level module may import which
//! (the layers below, so no module reaches up and no two form a cycle), no SQL outside `db/`,
//! and nothing but the configuration reads the environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

/// The top-level modules from the bottom up: a module may import only modules of lower rows.
/// Modules of one row do not import each other.
const LAYERS: &[&[&str]] = &[
    &["secret", "crypto", "i18n"],
    &["domain"],
    &["routes"],
    &["brand"],
    &["config"],
    &["telemetry"],
    &["twilio"],
    &["emulator", "wording"],
    &["db"],
    &["email"],
    &["queue"],
    &["links", "evidence"],
    &["lifecycle"],
    &["jobs"],
    &["error", "state"],
    &["auth"],
    &["web"],
];

/// The composition root: wires everything together, so it may import any module.
const COMPOSITION_ROOT: &[&str] = &["lib", "main", "cli", "startup", "demo"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    files.sort();
    assert!(files.len() > 50, "the source tree was not found");
    files
}

/// The top-level module a file belongs to (`src/db/jobs.rs` → `db`, `src/error.rs` → `error`).
fn top_module(path: &Path) -> String {
    let relative = path.strip_prefix(src()).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_owned()
}

/// The file's lines that are code (line comments and doc comments dropped), numbered from 1.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
}

fn rank_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&module))
}

#[test]
fn every_top_level_module_has_a_place_in_the_layers() {
    let mut unplaced = Vec::new();
    for entry in std::fs::read_dir(src()).unwrap().flatten() {
        let name = entry
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if rank_of(&name).is_none() && !COMPOSITION_ROOT.contains(&name.as_str()) {
            unplaced.push(name);
        }
    }
    assert!(
        unplaced.is_empty(),
        "add these modules to LAYERS or COMPOSITION_ROOT: {unplaced:?}"
    );
}

#[test]
fn no_module_imports_one_above_it_or_beside_it() {
    let import = Regex::new(r"\bcrate::(\w+|\{)").unwrap();
    let mut violations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in rust_files(&src()) {
        let from = top_module(&path);
        if COMPOSITION_ROOT.contains(&from.as_str()) {
            continue;
        }
        let from_rank = rank_of(&from).unwrap_or_else(|| panic!("{from} has no layer"));
        for (number, line) in code_lines(&text) {
            for found in import.captures_iter(line) {
                let to = &found[1];
                if to == "{" {
                    violations
                        .entry(format!("{from} -> crate::{{…}} (name each import)"))
                        .or_default()
                        .push(format!("{}:{number}", path.display()));
                    continue;
                }
                if to == from {
                    continue;
                }
                let Some(to_rank) = rank_of(to) else {
                    // Not a module: a macro path such as `crate::some_macro!`.
                    continue;
                };
                if to_rank >= from_rank {
                    violations
                        .entry(format!("{from} -> {to}"))
                        .or_default()
                        .push(format!("{}:{number}", path.display()));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports that point up or sideways:\n{violations:#?}"
    );
}

/// The code lines matching `pattern` in files of `src/` that `allowed` does not cover, as
/// `path:line: text`.
fn matches_outside(pattern: &Regex, allowed: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut outside = Vec::new();
    for (path, text) in rust_files(&src()) {
        if allowed(&path) {
            continue;
        }
        for (number, line) in code_lines(&text) {
            if pattern.is_match(line) {
                outside.push(format!("{}:{number}: {}", path.display(), line.trim()));
            }
        }
    }
    outside
}

#[test]
fn statements_live_only_in_the_db_module() {
    let statement = Regex::new(
        r"\bsqlx::(query|query_as|query_scalar|query_with|raw_sql)\b\s*[!(:<]|\bQueryBuilder\b",
    )
    .unwrap();
    let db = src().join("db");
    let outside = matches_outside(&statement, |path| path.starts_with(&db));
    assert!(
        outside.is_empty(),
        "SQL outside src/db:\n{}",
        outside.join("\n")
    );
}

#[test]
fn only_the_configuration_reads_the_environment() {
    let read = Regex::new(r"\benv::(var|var_os|vars|vars_os)\b").unwrap();
    let (config_dir, config_file) = (src().join("config"), src().join("config.rs"));
    let outside = matches_outside(&read, |path| {
        path.starts_with(&config_dir) || path == config_file
    });
    assert!(
        outside.is_empty(),
        "environment read outside src/config:\n{}",
        outside.join("\n")
    );
}
