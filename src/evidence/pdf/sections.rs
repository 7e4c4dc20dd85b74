//! What each part of the PDF says, from the pack.

use serde_json::Value;
use time::OffsetDateTime;

use super::fonts::Face;
use super::layout::{Column, Layout};
use crate::evidence::pack::{EvidencePack, PackScope, RenewalEvidence, TimelineEntry};

const fn col(head: &'static str, share: f32, face: Face) -> Column {
    Column { head, share, face }
}

/// `2026-12-02 07:45:12 UTC`.
fn when(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn maybe(at: Option<OffsetDateTime>) -> String {
    at.map(when).unwrap_or_else(|| "—".to_owned())
}

/// The title block.
pub fn title(layout: &mut Layout, pack: &EvidencePack, product: &str) {
    layout.text(
        &format!("{product} · Twilio Regulatory Compliance renewals"),
        Face::Regular,
        9.0,
        0.0,
    );
    layout.gap(4.0);
    layout.text("Evidence pack", Face::Bold, 22.0, 0.0);
    layout.gap(6.0);
    let mut pairs = vec![(
        "Tenant",
        format!("{} ({})", pack.tenant.name, pack.tenant.slug),
    )];
    match &pack.scope {
        PackScope::Renewal { renewal_id } => {
            if let Some(renewal) = pack.renewals.first() {
                pairs.push((
                    "Bundle",
                    format!("{} ({})", renewal.bundle_name, renewal.bundle_sid),
                ));
            }
            pairs.push(("Renewal", renewal_id.to_string()));
        }
        PackScope::TenantRange { from, to } => {
            pairs.push(("Period", format!("{from} to {to} (UTC days, inclusive)")));
            pairs.push(("Renewals", pack.renewals.len().to_string()));
        }
    }
    pairs.push(("Generated at", when(pack.generated_at)));
    pairs.push((
        "Format",
        // The generator (software and version) is in the JSON pack; the PDF speaks the brand.
        format!("version {}", pack.format_version),
    ));
    layout.pairs(&pairs);
}

/// The summary: what the pack holds and how to check it.
pub fn summary(layout: &mut Layout, pack: &EvidencePack) {
    layout.heading("Summary", 13.0, 60.0);
    let count = |f: fn(&RenewalEvidence) -> usize| pack.renewals.iter().map(f).sum::<usize>();
    let mut pairs = Vec::new();
    if let (PackScope::Renewal { .. }, Some(renewal)) = (&pack.scope, pack.renewals.first()) {
        pairs.push(("State", renewal.state.as_str().replace('_', " ")));
        pairs.push(("Opened", when(renewal.opened_at)));
        pairs.push(("Completed", maybe(renewal.completed_at)));
    }
    pairs.extend([
        ("Timeline rows", pack.chain.rows_in_pack.to_string()),
        ("Evaluations", count(|r| r.evaluations.len()).to_string()),
        (
            "Documents uploaded",
            count(|r| r.documents.len()).to_string(),
        ),
        (
            "Twilio decisions",
            count(|r| r.twilio_decisions.len()).to_string(),
        ),
        (
            "Tenant chain",
            format!("{} rows when generated", pack.chain.tenant_rows),
        ),
    ]);
    layout.pairs(&pairs);
    layout.text("Chain head when generated", Face::Bold, 9.0, 0.0);
    layout.text(&pack.chain.head_hash, Face::Mono, 8.5, 0.0);
    layout.gap(4.0);
    layout.text(
        "Every timeline row carries the hash of the row before it in the tenant's chain and its \
         own hash (the \"Hash\" column shows its first 12 characters; the JSON pack has them in \
         full). The operator's `audit verify` command prints the tenant's head hash: when nothing was written \
         after this pack, it equals the head above. Each row's hash can be recomputed from the \
         JSON pack with the rule in docs/audit-trail.md.",
        Face::Regular,
        8.5,
        0.0,
    );
}

/// One renewal's sections.
pub fn renewal(layout: &mut Layout, renewal: &RenewalEvidence, with_heading: bool) {
    if with_heading {
        layout.heading(&format!("Renewal of “{}”", renewal.bundle_name), 14.0, 60.0);
        layout.pairs(&[
            ("Bundle", renewal.bundle_sid.clone()),
            ("Renewal", renewal.renewal_id.to_string()),
            ("State", renewal.state.as_str().replace('_', " ")),
        ]);
    }
    layout.heading("Renewal", 12.0, 40.0);
    layout.pairs(&[
        (
            "Bundle",
            format!("{} ({})", renewal.bundle_name, renewal.bundle_sid),
        ),
        (
            "Bundle copy",
            renewal.copy_sid.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Deadline (valid until)", maybe(renewal.deadline)),
        ("Opened", when(renewal.opened_at)),
        ("Last submitted", maybe(renewal.submitted_at)),
        ("Completed", maybe(renewal.completed_at)),
    ]);
    timeline(layout, renewal);
    evaluations(layout, renewal);
    values(layout, renewal);
    documents(layout, renewal);
    decisions(layout, renewal);
}

/// `details` without its `event` key, as compact `key: value` text.
fn details_text(entry: &TimelineEntry) -> String {
    let Ok(Value::Object(mut details)) = serde_json::from_str::<Value>(&entry.row.details_text)
    else {
        return entry.row.details_text.clone();
    };
    details.remove("event");
    details
        .iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| match value {
            Value::String(text) => format!("{key}: {text}"),
            other => format!("{key}: {other}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn timeline(layout: &mut Layout, renewal: &RenewalEvidence) {
    layout.heading("Timeline", 12.0, 40.0);
    let columns = [
        col("Time", 0.15, Face::Regular),
        col("Who", 0.2, Face::Regular),
        col("Event", 0.16, Face::Regular),
        col("Details", 0.33, Face::Regular),
        col("#  Hash", 0.16, Face::Mono),
    ];
    let rows: Vec<Vec<String>> = renewal
        .timeline
        .iter()
        .map(|entry| {
            let row = &entry.row;
            let states = match &row.from_state {
                Some(from) if from != &row.to_state => format!("\n{from} → {}", row.to_state),
                None => format!("\n→ {}", row.to_state),
                _ => String::new(),
            };
            vec![
                when(row.created_at),
                format!(
                    "{}\n{}",
                    entry.actor_kind.label(),
                    row.actor.clone().unwrap_or_default()
                ),
                format!("{}{states}", entry.event.replace('_', " ")),
                details_text(entry),
                format!(
                    "{} {}…",
                    row.chain_seq,
                    &row.row_hash[..12.min(row.row_hash.len())]
                ),
            ]
        })
        .collect();
    layout.table(&columns, &rows);
}

fn evaluations(layout: &mut Layout, renewal: &RenewalEvidence) {
    layout.heading("Evaluations", 12.0, 40.0);
    let columns = [
        col("Time", 0.15, Face::Regular),
        col("Caused by", 0.2, Face::Regular),
        col("Verdict", 0.17, Face::Regular),
        col("Requirements not met", 0.26, Face::Regular),
        col("Changed since the one before", 0.22, Face::Regular),
    ];
    let rows: Vec<Vec<String>> = renewal
        .evaluations
        .iter()
        .map(|evaluation| {
            let failing: Vec<String> = evaluation
                .results
                .iter()
                .filter(|r| !r.passed)
                .map(|r| {
                    let mut text = r.requirement.clone();
                    for field in &r.invalid_fields {
                        text.push_str(&format!("\n– {field}"));
                    }
                    text
                })
                .collect();
            vec![
                when(evaluation.evaluated_at),
                format!(
                    "{} {}\n({})",
                    evaluation.actor_kind.label(),
                    evaluation.actor,
                    evaluation.reason.replace('_', " ")
                ),
                format!(
                    "{}\n{}",
                    evaluation.status.clone().unwrap_or_else(|| "—".into()),
                    evaluation.evaluation_sid.clone().unwrap_or_default()
                ),
                if failing.is_empty() {
                    "none".into()
                } else {
                    failing.join("\n")
                },
                evaluation.changes_since_previous.join("\n"),
            ]
        })
        .collect();
    layout.table(&columns, &rows);
}

fn values(layout: &mut Layout, renewal: &RenewalEvidence) {
    layout.heading("Values submitted (as last evaluated)", 12.0, 40.0);
    let columns = [
        col("Item", 0.3, Face::Regular),
        col("Field", 0.25, Face::Regular),
        col("Value", 0.45, Face::Regular),
    ];
    let rows: Vec<Vec<String>> = renewal
        .values_submitted
        .iter()
        .flat_map(|item| {
            let name = format!(
                "{} “{}”\n{} · {}",
                item.item_kind.replace('_', " "),
                item.friendly_name,
                item.item_type,
                item.sid
            );
            item.fields
                .iter()
                .enumerate()
                .map(move |(index, (field, value))| {
                    let label = if index == 0 {
                        name.clone()
                    } else {
                        String::new()
                    };
                    vec![label, field.clone(), value.clone()]
                })
        })
        .collect();
    layout.table(&columns, &rows);
}

fn documents(layout: &mut Layout, renewal: &RenewalEvidence) {
    layout.heading("Documents uploaded", 12.0, 40.0);
    let columns = [
        col("Type", 0.18, Face::Regular),
        col("Name and file", 0.24, Face::Regular),
        col("Size", 0.12, Face::Regular),
        col("SHA-256", 0.24, Face::Mono),
        col("Uploaded", 0.22, Face::Regular),
    ];
    let rows: Vec<Vec<String>> = renewal
        .documents
        .iter()
        .map(|doc| {
            vec![
                doc.document_type.clone(),
                format!(
                    "{}\n{}\n{}",
                    doc.friendly_name, doc.file_name, doc.document_sid
                ),
                format!("{} bytes\n{}", doc.size_bytes, doc.mime_type),
                doc.sha256.clone(),
                format!(
                    "{}\n{} {}",
                    when(doc.uploaded_at),
                    doc.actor_kind.label(),
                    doc.actor
                ),
            ]
        })
        .collect();
    layout.table(&columns, &rows);
}

fn decisions(layout: &mut Layout, renewal: &RenewalEvidence) {
    layout.heading("Twilio's decisions", 12.0, 40.0);
    let columns = [
        col("Time", 0.18, Face::Regular),
        col("Decision", 0.16, Face::Regular),
        col("Reasons", 0.66, Face::Regular),
    ];
    let rows: Vec<Vec<String>> = renewal
        .twilio_decisions
        .iter()
        .map(|decision| {
            vec![
                when(decision.at),
                decision.decision.replace('_', " "),
                decision.reasons.join("\n"),
            ]
        })
        .collect();
    layout.table(&columns, &rows);
}
