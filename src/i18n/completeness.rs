//! Every locale has every message English has (and no others), every file parses, and every
//! message id the code and templates use exists.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use fluent_templates::fluent_bundle::FluentResource;

use super::Locale;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The message ids of one locale, per file name.
fn ids(locale: Locale) -> BTreeSet<(String, String)> {
    let dir = Path::new(ROOT).join("src/i18n/locales").join(locale.code());
    let mut ids = BTreeSet::new();
    for path in files(&dir, "ftl") {
        let text = fs::read_to_string(&path).unwrap();
        if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
            panic!("{} does not parse: {errors:?}", path.display());
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for line in text.lines() {
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            let id = id.trim_end();
            if line.starts_with(|c: char| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                ids.insert((file.clone(), id.to_owned()));
            }
        }
    }
    ids
}

#[test]
fn every_locale_has_exactly_the_messages_english_has() {
    let english = ids(Locale::En);
    assert!(
        english.len() > 100,
        "English has only {} messages",
        english.len()
    );
    for locale in Locale::ALL.into_iter().skip(1) {
        let theirs = ids(locale);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has messages English lacks: {extra:?}"
        );
    }
}

/// Ids passed as the first literal argument of `t(`, `t1(`, `t2(`, `range(`, `n(`, `n1(` (outside
/// comments).
fn used_ids(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = code.as_str();
    let mut used = Vec::new();
    for call in [
        "t(\"",
        "t1(\"",
        "t2(\"",
        "range(\"",
        "n(\"",
        "n1(\"",
        "around(\"",
    ] {
        for (at, _) in text.match_indices(call) {
            let before = text[..at].chars().last();
            if before != Some('.') {
                continue;
            }
            let rest = &text[at + call.len()..];
            if let Some(end) = rest.find('"') {
                used.push(rest[..end].to_owned());
            }
        }
    }
    used
}

#[test]
fn every_message_the_code_uses_exists_in_english() {
    let english: BTreeSet<String> = ids(Locale::En).into_iter().map(|(_, id)| id).collect();
    let mut sources = files(&Path::new(ROOT).join("templates"), "html");
    sources.extend(files(&Path::new(ROOT).join("templates"), "txt"));
    sources.extend(files(&Path::new(ROOT).join("src"), "rs"));
    let mut unknown = Vec::new();
    let mut count = 0;
    for path in sources {
        let text = fs::read_to_string(&path).unwrap();
        for id in used_ids(&text) {
            count += 1;
            if !english.contains(&id) && id != "no-such-message" {
                unknown.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(count > 100, "found only {count} uses");
    assert!(unknown.is_empty(), "unknown message ids: {unknown:#?}");
}
