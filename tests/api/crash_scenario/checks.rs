//! The end of the run: what must hold after every kill, and the figures read from the job
//! table, the emulator's logs and the mailbox. Each check adds a line to `failures` instead
//! of stopping, so one run reports everything that went wrong.

use std::collections::{BTreeSet, HashMap};

use sqlx::PgPool;

use super::emulator::Emulator;
use super::figures::Figures;
use super::world::SeededTenant;
use crate::mailbox::Mailbox;

/// What was checked: the failures (empty when every target was met).
pub struct Checked {
    /// One line per broken promise.
    pub failures: Vec<String>,
}

/// Reads the figures into `figures` and checks every promise.
pub async fn check(
    db: &PgPool,
    emulator: &Emulator,
    mailbox: &Mailbox,
    world: &[SeededTenant],
    figures: &mut Figures,
) -> Checked {
    let mut failures = Vec::new();
    renewals(db, emulator, world, figures, &mut failures).await;
    twilio_figures(emulator, figures).await;
    copies(emulator, world, &mut failures).await;
    emulator.clear_faults().await;
    for tenant in world {
        let originals: BTreeSet<String> = tenant.originals.iter().cloned().collect();
        let at_twilio: BTreeSet<String> = emulator
            .account_bundles(&tenant.account_sid, &tenant.auth_token)
            .await
            .into_iter()
            .collect();
        let orphans: Vec<_> = at_twilio.difference(&originals).collect();
        if !orphans.is_empty() {
            failures.push(format!("orphan copies left at Twilio: {orphans:?}"));
        }
        let mirrored: BTreeSet<String> =
            sqlx::query_scalar("select sid from bundle where tenant_id = $1")
                .bind(tenant.tenant_id)
                .fetch_all(db)
                .await
                .expect("read the mirror")
                .into_iter()
                .collect();
        if mirrored != originals {
            let phantoms: Vec<_> = mirrored.difference(&originals).collect();
            failures.push(format!(
                "{}: the mirror is not exactly the originals; phantoms {phantoms:?}",
                tenant.email
            ));
        }
    }
    emails(db, mailbox, figures, &mut failures).await;
    let dead: Vec<(String, Option<String>)> =
        sqlx::query_as("select kind, last_error from job where status = 'dead'")
            .fetch_all(db)
            .await
            .expect("read dead jobs");
    if !dead.is_empty() {
        failures.push(format!("dead jobs: {dead:?}"));
    }
    Checked { failures }
}

/// Every renewal completed, one per original, and every original approved without a deadline.
async fn renewals(
    db: &PgPool,
    emulator: &Emulator,
    world: &[SeededTenant],
    figures: &mut Figures,
    failures: &mut Vec<String>,
) {
    let states: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "select b.sid, r.state, r.attention_reason from renewal r
         join bundle b using (bundle_id) order by b.sid, r.created_at",
    )
    .fetch_all(db)
    .await
    .expect("read renewals");
    figures.completed = states.iter().filter(|s| s.1 == "completed").count();
    let not_done: Vec<_> = states.iter().filter(|s| s.1 != "completed").collect();
    if !not_done.is_empty() {
        failures.push(format!("renewals not completed: {not_done:?}"));
    }
    for original in world.iter().flat_map(|t| &t.originals) {
        let count = states.iter().filter(|s| &s.0 == original).count();
        if count != 1 {
            failures.push(format!("{original} has {count} renewals"));
        }
        let view = emulator
            .bundle(original)
            .await
            .expect("the original exists");
        if view["status"] != "twilio-approved" || !view["valid_until"].is_null() {
            failures.push(format!(
                "{original} is {} with valid_until {}",
                view["status"], view["valid_until"]
            ));
        }
    }
}

/// Twilio calls and the faults the emulator injected.
async fn twilio_figures(emulator: &Emulator, figures: &mut Figures) {
    let requests = emulator.requests().await;
    figures.twilio_calls = requests.len();
    let fault =
        |r: &recomply::emulator::LoggedRequest, kind: &str| r.fault.as_deref() == Some(kind);
    figures.injected_errors = requests
        .iter()
        .filter(|r| fault(r, "status") || fault(r, "rate_limit"))
        .count();
    figures.lost_answers = requests
        .iter()
        .filter(|r| fault(r, "latency") && r.latency_ms >= 2500)
        .count();
    figures.slowed = requests
        .iter()
        .filter(|r| fault(r, "latency") && r.latency_ms < 2500)
        .count();
    let callbacks = emulator.callbacks().await;
    let mut delivered: HashMap<u64, usize> = HashMap::new();
    for attempt in &callbacks {
        if attempt["outcome"] == "delivered" {
            *delivered
                .entry(attempt["callback_id"].as_u64().unwrap_or_default())
                .or_default() += 1;
        }
    }
    let ids: BTreeSet<u64> = callbacks
        .iter()
        .filter_map(|a| a["callback_id"].as_u64())
        .collect();
    figures.callbacks = ids.len();
    figures.callbacks_dropped = callbacks
        .iter()
        .filter(|a| a["outcome"] == "dropped")
        .count();
    figures.callbacks_duplicated = delivered.values().filter(|n| **n > 1).count();
}

/// Exactly one copy of each original was ever created (the emulator's request log: successful
/// `POST …/Bundles/{original}/Copies`, those whose answer was lost included).
async fn copies(emulator: &Emulator, world: &[SeededTenant], failures: &mut Vec<String>) {
    let requests = emulator.requests().await;
    for original in world.iter().flat_map(|t| &t.originals) {
        let path = format!("/v2/RegulatoryCompliance/Bundles/{original}/Copies");
        let created = requests
            .iter()
            .filter(|r| r.method == "POST" && r.path == path && (200..300).contains(&r.status))
            .count();
        if created != 1 {
            failures.push(format!("{original} was copied {created} times"));
        }
    }
}

/// No repeated email: the outbox holds one email per renewal, kind and recipient, and a
/// recipient received a subject twice only after a kill in the sending window.
async fn emails(db: &PgPool, mailbox: &Mailbox, figures: &mut Figures, failures: &mut Vec<String>) {
    let repeated: Vec<(String, String, i64)> = sqlx::query_as(
        "select kind, to_address, count(*) from email_outbox
         group by kind, to_address, renewal_id having count(*) > 1",
    )
    .fetch_all(db)
    .await
    .expect("read the outbox");
    if !repeated.is_empty() {
        failures.push(format!("repeated emails in the outbox: {repeated:?}"));
    }
    let alerts: i64 =
        sqlx::query_scalar("select count(*) from email_outbox where kind = 'staff_alert'")
            .fetch_one(db)
            .await
            .expect("count staff alerts");
    if alerts > 0 {
        failures.push(format!(
            "{alerts} staff alerts (a renewal needed attention)"
        ));
    }
    let mail = mailbox.all();
    figures.emails = mail.len();
    let mut seen: HashMap<(Vec<String>, String), usize> = HashMap::new();
    for m in &mail {
        *seen.entry((m.to.clone(), m.subject.clone())).or_default() += 1;
    }
    // A worker killed after the SMTP server accepted an email but before the outbox recorded
    // it leaves the delivery "failed"; its retry sends it again. Only such kills may resend.
    figures.emails_resent = seen.values().map(|n| n - 1).sum();
    let killed_while_sending = figures
        .kills
        .iter()
        .flat_map(|k| &k.held)
        .filter(|kind| *kind == "send_notification")
        .count();
    if figures.emails_resent > killed_while_sending {
        let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
        failures.push(format!(
            "emails received more than once ({} kills held a send_notification job): {twice:?}",
            killed_while_sending
        ));
    }
    let outbox: i64 = sqlx::query_scalar("select count(*) from email_outbox")
        .fetch_one(db)
        .await
        .expect("count the outbox");
    if outbox as usize + figures.emails_resent != mail.len() {
        failures.push(format!(
            "the outbox has {outbox} emails, the mailbox received {} ({} resent)",
            mail.len(),
            figures.emails_resent
        ));
    }
}

/// Writes every job (kind, attempts, last error, when it ran) to `path`, for reading a failed
/// or slow run next to the processes' logs.
pub async fn write_job_history(db: &PgPool, path: &std::path::Path) {
    let rows: Vec<(i64, String, String, i32, Option<String>, String)> = sqlx::query_as(
        "select job_id, kind, status, attempts, last_error,
                to_char(created_at, 'HH24:MI:SS.MS') || ' -> ' ||
                coalesce(to_char(finished_at, 'HH24:MI:SS.MS'), '-')
         from job order by job_id",
    )
    .fetch_all(db)
    .await
    .expect("read the jobs");
    let text: String = rows
        .iter()
        .map(|(id, kind, status, attempts, error, times)| {
            format!("{id} {kind} {status} attempts={attempts} {times} {error:?}\n")
        })
        .collect();
    let _ = std::fs::write(path, text);
}
