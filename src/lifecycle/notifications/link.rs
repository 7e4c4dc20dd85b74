//! Links that emails carry.
//!
//! Emails that ask the customer to act or to follow the review (action needed, reminders,
//! rejected, submitted) carry a *renewal link*: bound to that user and that renewal, usable
//! again until `RECOMPLY_RENEWAL_LINK_DAYS` pass or the renewal closes. Emails about a closed
//! renewal (completed, expired) carry its plain address, behind sign-in: a closed renewal's
//! links are revoked anyway.

use super::NotificationKind;
use crate::domain::ids::{RenewalId, UserId};
use crate::domain::link_kind::LinkKind;
use crate::i18n::Tr;
use crate::lifecycle::Engine;
use crate::links::magic_link::{self, LinkSpec};

/// Where a customer's email points, and what it says about the link.
#[derive(Clone)]
pub struct CustomerLink {
    /// The URL in the email.
    pub url: String,
    /// How long it works (for a plain address: that it asks the reader to sign in).
    pub note: String,
    /// The token inside `url`, if any: delivered, never stored.
    pub token: Option<String>,
}

/// The link a customer follows from an email of `kind` into the renewal page.
pub async fn customer_link(
    engine: &Engine,
    kind: NotificationKind,
    app_user_id: UserId,
    renewal_id: RenewalId,
    tr: &Tr,
) -> anyhow::Result<CustomerLink> {
    let plain = CustomerLink {
        url: engine.config.url_for(&crate::routes::renewal(renewal_id)),
        note: tr.t("email-link-plain"),
        token: None,
    };
    if matches!(
        kind,
        NotificationKind::Completed | NotificationKind::Expired
    ) {
        return Ok(plain);
    }
    let ttl = engine.config.renewal_link_ttl();
    let spec = LinkSpec {
        app_user_id,
        renewal_id: Some(renewal_id),
        kind: LinkKind::Renewal,
        ttl,
    };
    let config = &engine.config;
    let minted =
        magic_link::mint(&engine.db, &config.secret_key, &config.public_url, &spec).await?;
    Ok(match minted {
        Some(link) => CustomerLink {
            url: link.url,
            note: LinkKind::Renewal.lifetime_note(ttl, tr),
            token: Some(link.token),
        },
        None => plain,
    })
}

/// The staff view of a renewal.
pub fn staff_renewal_link(engine: &Engine, renewal_id: RenewalId) -> String {
    engine
        .config
        .url_for(&crate::routes::admin_renewal(renewal_id))
}
