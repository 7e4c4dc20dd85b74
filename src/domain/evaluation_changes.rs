//! What changed between two evaluations of a copy, in plain words: the verdict, requirements
//! that started or stopped passing, End-User values, and documents added or removed.

use super::snapshot::RenewalSnapshot;

/// The differences from `before` to `after`, one sentence each (empty when nothing changed).
pub fn evaluation_changes(before: &RenewalSnapshot, after: &RenewalSnapshot) -> Vec<String> {
    let mut out = Vec::new();
    let status = |s: &RenewalSnapshot| s.evaluation.as_ref().map(|e| e.status.clone());
    if let (Some(old), Some(new)) = (status(before), status(after))
        && old != new
    {
        out.push(format!("Verdict: {old} → {new}"));
    }
    if let (Some(old), Some(new)) = (&before.evaluation, &after.evaluation) {
        for result in &new.results {
            let was = old
                .results
                .iter()
                .find(|r| r.requirement_name == result.requirement_name)
                .map(|r| r.passed);
            if was.is_some_and(|passed| passed != result.passed) {
                let now = if result.passed {
                    "now passes"
                } else {
                    "now fails"
                };
                out.push(format!("{} {now}", result.requirement_friendly_name));
            }
        }
    }
    for item in &after.end_users {
        let Some(old) = before.end_users.iter().find(|o| o.sid == item.sid) else {
            out.push(format!("End-User {} added", item.friendly_name));
            continue;
        };
        for key in item.attributes.keys().chain(old.attributes.keys()) {
            let (was, now) = (old.field_text(key), item.field_text(key));
            if was != now && !out.iter().any(|line| line.starts_with(&format!("{key}: "))) {
                out.push(format!("{key}: “{was}” → “{now}”"));
            }
        }
    }
    for doc in &after.documents {
        if !before.documents.iter().any(|o| o.sid == doc.sid) {
            out.push(format!(
                "Document “{}” ({}) added",
                doc.friendly_name, doc.item_type
            ));
        }
    }
    for doc in &before.documents {
        if !after.documents.iter().any(|n| n.sid == doc.sid) {
            out.push(format!(
                "Document “{}” ({}) removed",
                doc.friendly_name, doc.item_type
            ));
        }
    }
    out
}
