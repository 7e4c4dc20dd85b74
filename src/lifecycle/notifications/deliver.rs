//! Rendering and sending one notification: to every user of the tenant (each with their own
//! link), or to every staff member for staff alerts. Each recipient's delivery is recorded
//! under the notification's id, so a retry after a partial failure reaches only the others.
//! Every email names its tenant (staff alerts too: each is about one tenant's renewal).

use anyhow::Context;
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::format_description;

use super::templates::{self, EmailView, Rendered};
use super::{Notification, NotificationKind, customer_link, staff_renewal_link};
use crate::db::{bundles, renewals};
use crate::domain::deadline::{days_left_words, days_until};
use crate::email::Email;
use crate::lifecycle::{Engine, tenants};

/// Renders and sends `notification`. A renewal that no longer exists sends nothing.
pub async fn deliver(engine: &Engine, notification: &Notification) -> anyhow::Result<usize> {
    let (tenant_id, renewal_id) = (notification.tenant_id, notification.renewal_id);
    let Some(renewal) = renewals::find(&engine.db, tenant_id, renewal_id).await? else {
        return Ok(0);
    };
    let bundle = bundles::find_by_sid(&engine.db, tenant_id, &renewal.bundle_sid).await?;
    let now = OffsetDateTime::now_utc();
    let mut view = EmailView {
        tenant_name: tenants::name(&engine.db, tenant_id).await?,
        bundle_name: non_empty(&renewal.bundle_name, &renewal.bundle_sid),
        bundle_sid: renewal.bundle_sid.to_string(),
        regulation_name: bundle
            .and_then(|b| b.regulation_name)
            .unwrap_or_else(|| "your regulation".into()),
        deadline: renewal
            .deadline
            .map(format_date)
            .unwrap_or_else(|| "soon".into()),
        days_left: days_left_words(
            notification
                .days_left
                .or_else(|| renewal.deadline.map(|d| days_until(d, now)))
                .unwrap_or(0),
        ),
        link: String::new(),
        link_note: String::new(),
        reason: notification.reason.clone().unwrap_or_default(),
        documents: Vec::new(),
    };
    if notification.kind == NotificationKind::Rejected {
        fill_rejection(&mut view, renewal.rejection.as_ref());
    }
    // A retry skips whoever an earlier attempt reached (and mints them no new sign-in link).
    let reached = match notification.notification_id {
        Some(id) => crate::email::delivered_recipients(&engine.db, id).await?,
        None => Vec::new(),
    };
    let mut sent = 0;
    if notification.kind == NotificationKind::StaffAlert {
        view.link = staff_renewal_link(engine, renewal_id);
        let rendered = render(notification.kind, &view)?;
        for to in tenants::staff_recipients(&engine.db).await? {
            if !reached.contains(&to) && send(engine, notification, &to, &rendered, None).await? {
                sent += 1;
            }
        }
        return Ok(sent);
    }
    for (app_user_id, to) in tenants::recipients(&engine.db, tenant_id).await? {
        if reached.contains(&to) {
            continue;
        }
        let link = customer_link(engine, notification.kind, app_user_id, renewal_id).await?;
        view.link = link.url;
        view.link_note = link.note;
        let rendered = render(notification.kind, &view)?;
        if send(engine, notification, &to, &rendered, link.token).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

fn render(kind: NotificationKind, view: &EmailView) -> anyhow::Result<Rendered> {
    let rendered = match kind {
        NotificationKind::ActionNeeded => templates::action_needed(view),
        NotificationKind::Reminder => templates::reminder(view),
        NotificationKind::Submitted => templates::submitted(view),
        NotificationKind::Rejected => templates::rejected(view),
        NotificationKind::Completed => templates::completed(view),
        NotificationKind::Expired => templates::expired(view),
        NotificationKind::StaffAlert => templates::staff_alert(view),
    };
    rendered.with_context(|| format!("rendering the {} email", kind.as_str()))
}

/// Sends one recipient's copy; `false` when that delivery was already made.
async fn send(
    engine: &Engine,
    notification: &Notification,
    to: &str,
    rendered: &Rendered,
    secret: Option<String>,
) -> anyhow::Result<bool> {
    let email = Email {
        tenant_id: Some(notification.tenant_id),
        renewal_id: Some(notification.renewal_id),
        kind: notification.kind.as_str(),
        to: to.to_owned(),
        subject: rendered.subject.clone(),
        text: rendered.text.clone(),
        html: rendered.html.clone(),
        secrets: secret.into_iter().collect(),
    };
    match notification.notification_id {
        Some(id) => Ok(engine
            .mailer
            .send_once(&engine.db, &email, id)
            .await?
            .is_some()),
        None => engine.mailer.send(&engine.db, &email).await.map(|_| true),
    }
}

fn fill_rejection(view: &mut EmailView, rejection: Option<&Value>) {
    let Some(rejection) = rejection else { return };
    if let Some(reason) = rejection.get("failure_reason").and_then(Value::as_str) {
        view.reason = reason.to_owned();
    }
    for document in rejection
        .get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |key: &str| {
            document
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        view.documents
            .push((text("friendly_name"), text("failure_reason")));
    }
}

fn format_date(at: OffsetDateTime) -> String {
    at.format(format_description!(
        "[day padding:none] [month repr:long] [year]"
    ))
    .unwrap_or_else(|_| at.date().to_string())
}

fn non_empty(text: &str, fallback: &str) -> String {
    if text.is_empty() { fallback } else { text }.to_owned()
}
