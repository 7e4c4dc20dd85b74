//! Rendering and sending one notification about one renewal: to every user of the tenant
//! (each greeted by name, in their language, with their own link), or to every staff member
//! for staff alerts. Each recipient's delivery is recorded under the notification's id, so a
//! retry after a partial failure reaches only the others. Every email names its tenant.

use anyhow::Context;

use super::facts::{Facts, Letterhead};
use super::templates::{self, EmailView, Rendered, greeting};
use super::{Notification, NotificationKind, customer_link, staff_renewal_link};
use crate::domain::ids::NotificationId;
use crate::email::Email;
use crate::i18n::Tr;
use crate::lifecycle::{Engine, tenants};

/// Renders and sends `notification`, to each recipient in their language. A renewal that no
/// longer exists sends nothing. Returns how many emails went out.
pub async fn deliver(engine: &Engine, notification: &Notification) -> anyhow::Result<usize> {
    let (tenant_id, renewal_id) = (notification.tenant_id, notification.renewal_id);
    let Some(facts) = Facts::load(engine, tenant_id, renewal_id, notification.kind).await? else {
        return Ok(0);
    };
    let facts = facts.with(notification.reason.as_deref(), notification.days_left);
    let letterhead = Letterhead::load(engine, tenant_id).await?;
    // A retry skips whoever an earlier attempt reached (and mints them no new link).
    let reached = match notification.notification_id {
        Some(id) => crate::email::delivered_recipients(&engine.db, id).await?,
        None => Vec::new(),
    };
    let mut sent = 0;
    if notification.kind == NotificationKind::StaffAlert {
        for staff in tenants::staff_recipients(&engine.db).await? {
            if reached.contains(&staff.email) {
                continue;
            }
            // Staff read English, with dates in UTC.
            let tr = Tr::english();
            let mut view = facts.view(tr.clone(), &letterhead, greeting(&tr, &staff.name));
            view.link = staff_renewal_link(engine, renewal_id);
            let rendered = render(notification.kind, &view)?;
            if send(engine, notification, &staff.email, &rendered, Vec::new()).await? {
                sent += 1;
            }
        }
        return Ok(sent);
    }
    for customer in tenants::recipients(&engine.db, tenant_id).await? {
        if reached.contains(&customer.email) {
            continue;
        }
        let tr = Tr::new(customer.locale, letterhead.zone.clone());
        let link = customer_link(
            engine,
            notification.kind,
            customer.app_user_id,
            renewal_id,
            &tr,
        )
        .await?;
        let mut view = facts.view(tr.clone(), &letterhead, greeting(&tr, &customer.name));
        view.link = link.url;
        view.link_note = link.note;
        view.automatic = notification.automatic;
        let rendered = render(notification.kind, &view)?;
        let secrets = link.token.into_iter().collect();
        if send(engine, notification, &customer.email, &rendered, secrets).await? {
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
    secrets: Vec<String>,
) -> anyhow::Result<bool> {
    let email = Email {
        tenant_id: Some(notification.tenant_id),
        renewal_id: Some(notification.renewal_id),
        kind: notification.kind.as_str(),
        to: to.to_owned(),
        subject: rendered.subject.clone(),
        text: rendered.text.clone(),
        html: rendered.html.clone(),
        secrets,
    };
    send_email(engine, &email, notification.notification_id).await
}

/// Sends `email` as the delivery `delivery_id` to its recipient (at most once), or without a
/// delivery key; `false` when that delivery was already made.
pub(super) async fn send_email(
    engine: &Engine,
    email: &Email,
    delivery_id: Option<NotificationId>,
) -> anyhow::Result<bool> {
    match delivery_id {
        Some(id) => Ok(engine
            .mailer
            .send_once(&engine.db, email, id)
            .await?
            .is_some()),
        None => engine.mailer.send(&engine.db, email).await.map(|_| true),
    }
}
