//! The email that carries one link (a sign-in link, or a fresh renewal link asked for from an
//! expired one), rendered from `templates/emails/magic_link/`.

use askama::Template;
use time::Duration;
use uuid::Uuid;

use super::magic_link::IssuedLink;
use crate::db::users::UserWithTenant;
use crate::domain::link_kind::LinkKind;
use crate::email::Email;

/// The link email for one user, tied to the renewal the link opens (if any). Its token is
/// listed as a secret, so the outbox keeps the email with the link redacted.
pub fn link_email(
    user: &UserWithTenant,
    link: &IssuedLink,
    kind: LinkKind,
    ttl: Duration,
    renewal_id: Option<Uuid>,
) -> anyhow::Result<Email> {
    let lifetime = kind.lifetime_note(ttl);
    let view = LinkView {
        url: &link.url,
        tenant_name: &user.tenant_name,
        greeting_name: &user.name,
        lifetime: &lifetime,
        for_renewal: kind == LinkKind::Renewal,
    };
    Ok(Email {
        tenant_id: Some(user.tenant_id),
        renewal_id,
        kind: "magic_link",
        to: user.email.clone(),
        subject: MagicLinkSubject { v: &view }.render()?.trim().to_owned(),
        text: MagicLinkText { v: &view }.render()?,
        html: MagicLinkHtml { v: &view }.render()?,
        secrets: vec![link.token.clone()],
    })
}

/// What the templates show.
struct LinkView<'a> {
    url: &'a str,
    tenant_name: &'a str,
    greeting_name: &'a str,
    /// "The link works once and for 15 minutes."
    lifetime: &'a str,
    /// A renewal link (opens one renewal) rather than a plain sign-in link.
    for_renewal: bool,
}

/// Subject line of the link email.
#[derive(Template)]
#[template(path = "emails/magic_link/subject.txt")]
struct MagicLinkSubject<'a> {
    v: &'a LinkView<'a>,
}

/// Plain-text body of the link email.
#[derive(Template)]
#[template(path = "emails/magic_link/body.txt")]
struct MagicLinkText<'a> {
    v: &'a LinkView<'a>,
}

/// HTML body of the link email.
#[derive(Template)]
#[template(path = "emails/magic_link/body.html")]
struct MagicLinkHtml<'a> {
    v: &'a LinkView<'a>,
}
