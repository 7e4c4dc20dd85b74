//! What changed between two evaluations of a copy, in plain words: the verdict, requirements
//! that started or stopped passing, End-User values, and documents added or removed.

use std::collections::HashSet;

use super::snapshot::RenewalSnapshot;
use crate::i18n::{Tr, Translated};

/// The differences from `before` to `after`, one sentence each in `tr`'s language (empty when
/// nothing changed). Twilio's own names and the values stay as they are.
pub fn evaluation_changes(
    before: &RenewalSnapshot,
    after: &RenewalSnapshot,
    tr: &Tr,
) -> Vec<String> {
    let mut out = Vec::new();
    let status = |s: &RenewalSnapshot| s.evaluation.as_ref().map(|e| e.status.to_string());
    if let (Some(old), Some(new)) = (status(before), status(after))
        && old != new
    {
        out.push(tr.t2("change-verdict", "old", old, "new", new));
    }
    if let (Some(old), Some(new)) = (&before.evaluation, &after.evaluation) {
        for result in &new.results {
            let was = old
                .results
                .iter()
                .find(|r| r.requirement_name == result.requirement_name)
                .map(|r| r.passed);
            if was.is_some_and(|passed| passed != result.passed) {
                let id = if result.passed {
                    "change-now-passes"
                } else {
                    "change-now-fails"
                };
                out.push(tr.t1(id, "requirement", &result.requirement_friendly_name));
            }
        }
    }
    for item in &after.end_users {
        let Some(old) = before.end_users.iter().find(|o| o.sid == item.sid) else {
            out.push(tr.t1("change-end-user-added", "name", &item.friendly_name));
            continue;
        };
        let mut seen = HashSet::new();
        for key in item.attributes.keys().chain(old.attributes.keys()) {
            let (was, now) = (old.field_text(key), item.field_text(key));
            if was != now && seen.insert(key) {
                out.push(tr.lookup(
                    "change-value",
                    &[
                        ("field", Translated::Text(key.clone())),
                        ("old", Translated::Text(was)),
                        ("new", Translated::Text(now)),
                    ],
                ));
            }
        }
    }
    for doc in &after.documents {
        if !before.documents.iter().any(|o| o.sid == doc.sid) {
            out.push(tr.t2(
                "change-document-added",
                "name",
                &doc.friendly_name,
                "type",
                &doc.item_type,
            ));
        }
    }
    for doc in &before.documents {
        if !after.documents.iter().any(|n| n.sid == doc.sid) {
            out.push(tr.t2(
                "change-document-removed",
                "name",
                &doc.friendly_name,
                "type",
                &doc.item_type,
            ));
        }
    }
    out
}
