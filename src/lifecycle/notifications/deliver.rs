//! Rendering and sending one notification: to every user of the tenant (each with their own
//! link), or to every staff member for staff alerts. Each recipient's delivery is recorded
//! under the notification's id, so a retry after a partial failure reaches only the others.
//! Every email names its tenant (staff alerts too: each is about one tenant's renewal).

use anyhow::Context;
use serde_json::Value;
use time::OffsetDateTime;

use super::templates::{self, EmailView, Rendered};
use super::{Notification, NotificationKind, customer_link, staff_renewal_link};
use crate::brand::Brand;
use crate::db::{bundles, renewals};
use crate::domain::deadline::days_until;
use crate::email::Email;
use crate::i18n::Tr;
use crate::lifecycle::what_changed::{WhatChanged, what_changed};
use crate::lifecycle::{Engine, tenants};

/// What an email about one renewal says, before it is put in the recipient's language.
struct Facts {
    tenant_name: String,
    bundle_name: String,
    bundle_sid: String,
    regulation_name: Option<String>,
    deadline: Option<OffsetDateTime>,
    days_left: i64,
    reason: String,
    documents: Vec<(String, String)>,
    change: WhatChanged,
}

impl Facts {
    /// The email's view in `tr`'s language.
    fn view(&self, tr: Tr, brand: &Brand) -> EmailView {
        EmailView {
            tenant_name: self.tenant_name.clone(),
            bundle_name: self.bundle_name.clone(),
            bundle_sid: self.bundle_sid.clone(),
            regulation_name: self
                .regulation_name
                .clone()
                .unwrap_or_else(|| tr.t("email-your-regulation")),
            deadline: self
                .deadline
                .map(|d| tr.date(d))
                .unwrap_or_else(|| tr.t("email-soon")),
            days_left: tr.countdown(self.days_left),
            link: String::new(),
            link_note: String::new(),
            reason: self.reason.clone(),
            documents: self.documents.clone(),
            change_note: self.change.note(&tr),
            brand: brand.clone(),
            tr,
        }
    }
}

/// Renders and sends `notification`, to each recipient in their language. A renewal that no
/// longer exists sends nothing.
pub async fn deliver(engine: &Engine, notification: &Notification) -> anyhow::Result<usize> {
    let (tenant_id, renewal_id) = (notification.tenant_id, notification.renewal_id);
    let Some(renewal) = renewals::find(&engine.db, tenant_id, renewal_id).await? else {
        return Ok(0);
    };
    let bundle = bundles::find_by_sid(&engine.db, tenant_id, &renewal.bundle_sid).await?;
    let now = OffsetDateTime::now_utc();
    let (tenant_name, zone) = tenants::letterhead(&engine.db, tenant_id).await?;
    let mut facts = Facts {
        tenant_name,
        bundle_name: non_empty(&renewal.bundle_name, &renewal.bundle_sid),
        bundle_sid: renewal.bundle_sid.to_string(),
        regulation_name: bundle.and_then(|b| b.regulation_name),
        deadline: renewal.deadline,
        days_left: notification
            .days_left
            .or_else(|| renewal.deadline.map(|d| days_until(d, now)))
            .unwrap_or(0),
        reason: notification.reason.clone().unwrap_or_default(),
        documents: Vec::new(),
        change: if notification.kind == NotificationKind::ActionNeeded {
            what_changed(&engine.db, tenant_id, renewal_id).await?
        } else {
            WhatChanged::NotPrepared
        },
    };
    if notification.kind == NotificationKind::Rejected {
        fill_rejection(&mut facts, renewal.rejection.as_ref());
    }
    let brand = crate::db::brand::load(&engine.db)
        .await?
        .for_email(|path| engine.config.url_for(path));
    // A retry skips whoever an earlier attempt reached (and mints them no new sign-in link).
    let reached = match notification.notification_id {
        Some(id) => crate::email::delivered_recipients(&engine.db, id).await?,
        None => Vec::new(),
    };
    let mut sent = 0;
    if notification.kind == NotificationKind::StaffAlert {
        // Staff read English, with dates in UTC.
        let mut view = facts.view(Tr::english(), &brand);
        view.link = staff_renewal_link(engine, renewal_id);
        let rendered = render(notification.kind, &view)?;
        for to in tenants::staff_recipients(&engine.db).await? {
            if !reached.contains(&to) && send(engine, notification, &to, &rendered, None).await? {
                sent += 1;
            }
        }
        return Ok(sent);
    }
    for (app_user_id, to, locale) in tenants::recipients(&engine.db, tenant_id).await? {
        if reached.contains(&to) {
            continue;
        }
        let tr = Tr::new(locale, zone.clone());
        let link = customer_link(engine, notification.kind, app_user_id, renewal_id, &tr).await?;
        let mut view = facts.view(tr, &brand);
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

fn fill_rejection(view: &mut Facts, rejection: Option<&Value>) {
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

fn non_empty(text: &str, fallback: &str) -> String {
    if text.is_empty() { fallback } else { text }.to_owned()
}
