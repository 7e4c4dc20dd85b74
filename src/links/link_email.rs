//! The email that carries one link (a sign-in link, or a fresh renewal link asked for from an
//! expired one), rendered from `templates/emails/magic_link/`.

use askama::Template;
use time::Duration;

use super::magic_link::IssuedLink;
use crate::brand::Brand;
use crate::db::users::UserWithTenant;
use crate::domain::ids::RenewalId;
use crate::domain::link_kind::LinkKind;
use crate::email::Email;
use crate::i18n::{Tr, Translated};

/// What a link email is about: the link and how long it works.
pub struct LinkLetter<'a> {
    /// The minted link.
    pub link: &'a IssuedLink,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
    /// How long it works.
    pub ttl: Duration,
    /// The renewal it opens, if any.
    pub renewal_id: Option<RenewalId>,
}

/// The link email for one user in `tr`'s language under `brand`, tied to the renewal the link
/// opens (if any). Its token is listed as a secret, so the outbox keeps the email with the
/// link redacted.
pub fn link_email(
    user: &UserWithTenant,
    letter: &LinkLetter<'_>,
    tr: &Tr,
    brand: &Brand,
) -> anyhow::Result<Email> {
    let (link, kind, renewal_id) = (letter.link, letter.kind, letter.renewal_id);
    let lifetime = kind.lifetime_note(letter.ttl, tr);
    let view = LinkView {
        url: &link.url,
        tenant_name: &user.tenant_name,
        greeting_name: &user.name,
        lifetime: &lifetime,
        for_renewal: kind == LinkKind::Renewal,
        tr,
        brand,
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
    tr: &'a Tr,
    brand: &'a Brand,
}

impl LinkView<'_> {
    /// The message `id` with `$tenant`, `$product` and `$company`.
    fn say(&self, id: &str) -> String {
        self.tr.lookup(
            id,
            &[
                ("tenant", Translated::Text(self.tenant_name.to_owned())),
                ("product", Translated::Text(self.brand.product_name.clone())),
                ("company", Translated::Text(self.brand.company().to_owned())),
            ],
        )
    }
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
