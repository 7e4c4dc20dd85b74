//! What is missing, in plain words: one line per requirement Twilio's latest evaluation of the
//! copy found not met, in the words the renewal page uses for it
//! (`wording::customer::snapshot_failure`), with the fields Twilio named.

use crate::domain::snapshot::RenewalSnapshot;
use crate::i18n::Tr;
use crate::wording::customer::snapshot_failure;

/// "Business information: Some of your business details are missing or incomplete (VAT
/// Number)." for each failing requirement; empty when nothing fails or nothing was evaluated.
pub fn in_words(snapshot: &RenewalSnapshot, tr: &Tr) -> Vec<String> {
    let Some(evaluation) = &snapshot.evaluation else {
        return Vec::new();
    };
    evaluation
        .results
        .iter()
        .filter(|result| !result.passed)
        .map(|result| {
            let fields: Vec<&str> = result
                .invalid
                .iter()
                .map(|field| field.friendly_name.as_str())
                .filter(|name| !name.is_empty())
                .collect();
            let why = snapshot_failure(tr, snapshot, result);
            let line = if fields.is_empty() {
                why
            } else {
                tr.t2(
                    "email-missing-fields",
                    "why",
                    why,
                    "fields",
                    fields.join(", "),
                )
            };
            tr.t2(
                "email-missing-line",
                "requirement",
                &result.requirement_friendly_name,
                "why",
                line,
            )
        })
        .collect()
}
