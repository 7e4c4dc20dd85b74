//! Action-needed emails as digests: several bundles of one tenant needing its customers'
//! action around the same time reach each of its users as one email listing every bundle with
//! its deadline, what is missing and its own link.
//!
//! An action-needed notification is *held* (`action_notice`) in the transaction that causes it,
//! and a `send_action_digest` job is enqueued for the tenant. The job waits until the oldest
//! held notice is `RECOMPLY_ACTION_DIGEST_SECS` old (re-enqueueing itself for then), claims
//! every held notice under a new digest id, sends, and marks them delivered. The digest id is
//! stored with the notices and is the delivery key of every recipient's email, so:
//! - a retry, or a crash mid-digest, is finished by the next run under the same id, reaching
//!   only the recipients it missed (never twice, never lost);
//! - notices held meanwhile go out in the next digest;
//! - one tenant's digests are worked on by one runner at a time (an advisory lock).
//!
//! A digest of one bundle is the ordinary action-needed email, with everything said about that
//! bundle; a window of 0 sends each notice at once on its own.

use anyhow::Context;
use time::OffsetDateTime;

use super::deliver::send_email;
use super::facts::{Facts, Letterhead};
use super::templates::{self, greeting};
use super::{Notification, NotificationKind, customer_link};
use crate::db::action_notices::{self, Digest};
use crate::domain::ids::{NotificationId, TenantId};
use crate::email::Email;
use crate::i18n::Tr;
use crate::lifecycle::{Engine, tenants};
use crate::queue::send_action_digest::SendActionDigest;

/// Sends every digest of `tenant_id` that is due (finishing unfinished ones first); schedules
/// the next run when notices are still held. Returns how many emails went out.
pub async fn send_digests(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<usize> {
    let mut lock = engine.db.begin().await?;
    action_notices::lock_tenant(&mut lock, tenant_id).await?;
    let window = time::Duration::try_from(engine.config.action_digest_window)
        .context("the digest window")?;
    let mut sent = 0;
    loop {
        let digest = match action_notices::unfinished(&engine.db, tenant_id).await? {
            Some(digest) => digest,
            None => {
                let Some(held_at) = action_notices::oldest_held(&engine.db, tenant_id).await?
                else {
                    break;
                };
                let due = held_at + window;
                if due > OffsetDateTime::now_utc() {
                    let mut tx = engine.db.begin().await?;
                    crate::queue::enqueue_at(&mut tx, &SendActionDigest { tenant_id }, due).await?;
                    tx.commit().await?;
                    break;
                }
                let only_oldest = window.is_zero();
                match action_notices::claim_held(&engine.db, tenant_id, only_oldest).await? {
                    Some(digest) => digest,
                    None => break,
                }
            }
        };
        sent += deliver_digest(engine, tenant_id, &digest).await?;
        action_notices::mark_delivered(&engine.db, digest.digest_id).await?;
    }
    lock.commit().await?;
    Ok(sent)
}

/// Sends one digest to every user of the tenant it has not reached yet. Renewals that closed
/// or vanished meanwhile are left out.
async fn deliver_digest(
    engine: &Engine,
    tenant_id: TenantId,
    digest: &Digest,
) -> anyhow::Result<usize> {
    let kind = NotificationKind::ActionNeeded;
    let mut bundles = Vec::new();
    for renewal_id in &digest.renewal_ids {
        if let Some(facts) = Facts::load(engine, tenant_id, *renewal_id, kind).await?
            && facts.state.is_open()
        {
            bundles.push(facts);
        }
    }
    // Soonest deadline first: the one to start with.
    bundles.sort_by_key(|f| (f.deadline.is_none(), f.deadline));
    match bundles.as_slice() {
        [] => Ok(0),
        [only] => {
            let single = Notification {
                kind,
                tenant_id,
                renewal_id: only.renewal_id,
                days_left: None,
                reason: None,
                notification_id: Some(digest.digest_id),
                automatic: false,
            };
            super::deliver(engine, &single).await
        }
        several => deliver_several(engine, tenant_id, digest.digest_id, several).await,
    }
}

/// The digest email of `bundles` (two or more), to each user not reached yet.
async fn deliver_several(
    engine: &Engine,
    tenant_id: TenantId,
    digest_id: NotificationId,
    bundles: &[Facts],
) -> anyhow::Result<usize> {
    let letterhead = Letterhead::load(engine, tenant_id).await?;
    let reached = crate::email::delivered_recipients(&engine.db, digest_id).await?;
    let link_days = engine.config.renewal_link_ttl().whole_days().max(1);
    let mut sent = 0;
    for customer in tenants::recipients(&engine.db, tenant_id).await? {
        if reached.contains(&customer.email) {
            continue;
        }
        let tr = Tr::new(customer.locale, letterhead.zone.clone());
        let mut items = Vec::new();
        let mut secrets = Vec::new();
        for facts in bundles {
            let kind = NotificationKind::ActionNeeded;
            // Minted for this email only: a retry skips recipients already reached.
            let link =
                customer_link(engine, kind, customer.app_user_id, facts.renewal_id, &tr).await?;
            items.push(facts.item(&tr, link.url));
            secrets.extend(link.token);
        }
        // The first bundle (the soonest deadline) sets the subject's deadline.
        let mut view = bundles[0].view(tr.clone(), &letterhead, greeting(&tr, &customer.name));
        view.link = items[0].link.clone();
        view.link_note = tr.n("email-digest-links", link_days);
        let rendered = templates::action_digest(&view, &items).context("rendering a digest")?;
        let email = Email {
            tenant_id: Some(tenant_id),
            renewal_id: None,
            kind: "action_digest",
            to: customer.email,
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            secrets,
        };
        if send_email(engine, &email, Some(digest_id)).await? {
            sent += 1;
        }
    }
    Ok(sent)
}
