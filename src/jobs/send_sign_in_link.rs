//! Emails one user a link: mints it (only now, so no payload or retry holds a usable token)
//! and sends it once under the job's delivery id.

use super::{JobContext, RunJob};
use crate::db;
use crate::domain::link_kind::LinkKind;
use crate::i18n::Tr;
use crate::links::link_email::{LinkLetter, link_email};
use crate::links::magic_link::{self, LinkSpec};
pub use crate::queue::send_sign_in_link::{JOB_NAME, SendSignInLink};

impl RunJob for SendSignInLink {
    async fn run(self, ctx: &JobContext) -> anyhow::Result<()> {
        let engine = &ctx.engine;
        let pool = &engine.db;
        // A user deleted since the request gets nothing.
        let Some(user) =
            db::users::find_user_with_tenant(pool, self.tenant_id, self.app_user_id).await?
        else {
            return Ok(());
        };
        // A retry after the email left mints no second link.
        if crate::email::delivered_recipients(pool, self.delivery_id)
            .await?
            .contains(&user.email)
        {
            return Ok(());
        }
        let ttl = match self.kind {
            LinkKind::SignIn => engine.config.magic_links.ttl,
            LinkKind::Renewal => engine.config.renewal_link_ttl(),
        };
        let spec = LinkSpec {
            app_user_id: user.app_user_id,
            renewal_id: self.renewal_id,
            kind: self.kind,
            ttl,
        };
        let config = &engine.config;
        let minted = magic_link::mint(pool, &config.secret_key, &config.public_url, &spec).await?;
        let Some(link) = minted else {
            tracing::warn!(kind = %self.kind, "the link's renewal is not the user's; nothing sent");
            return Ok(());
        };
        // The user's own choice, else the page they asked from, else the tenant's default.
        let locale = user
            .locale
            .or(self.page_locale)
            .unwrap_or(user.tenant_locale);
        let tr = Tr::new(locale, user.time_zone.clone());
        let brand = db::brand::load(pool)
            .await?
            .for_email(|path| engine.config.url_for(path));
        let letter = LinkLetter {
            link: &link,
            kind: self.kind,
            ttl,
            renewal_id: self.renewal_id,
        };
        let email = link_email(&user, &letter, &tr, &brand)?;
        engine
            .mailer
            .send_once(pool, &email, self.delivery_id)
            .await?;
        tracing::info!(kind = %self.kind, "link email sent");
        Ok(())
    }
}
