//! Magic links: the only way end customers sign in.
//!
//! A link carries 32 random bytes (base64url); only their keyed hash is stored. A link is bound
//! to one user and is one of two kinds ([`LinkKind`]): a *sign-in* link (the sign-in page, staff)
//! is used once and expires after 15 minutes (`RECOMPLY_MAGIC_LINK_TTL_MINUTES`); a *renewal*
//! link (notification emails) opens one renewal as often as needed until it expires
//! (`RECOMPLY_RENEWAL_LINK_DAYS`, 30), the renewal closes or staff revoke it. Opening a link only
//! shows a "Continue" page; the form on it uses the link (`web::portal::login`), so mail scanners
//! leave it usable. Requests are rate-limited per address and per client address in Postgres, so
//! several `serve` processes enforce one limit. Whatever happens, the requester learns nothing
//! about whether the address exists. Links are minted only when their email is sent (inside
//! the `send_sign_in_link` and `send_notification` jobs), so no job payload holds one.

use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use url::Url;

use crate::config::Config;
pub use crate::config::MagicLinkPolicy;
use crate::crypto::{SecretKey, random_token};
use crate::db;
use crate::db::magic_links::NewLink;
use crate::domain::ids::{RenewalId, UserId};
use crate::domain::link_kind::LinkKind;
use crate::queue::send_sign_in_link::SendSignInLink;

/// A freshly minted link: the URL for the email, and its token, which must never be stored
/// (the outbox records the email with it redacted).
#[derive(Clone)]
pub struct IssuedLink {
    /// The absolute URL (on the public origin).
    pub url: String,
    /// The token inside it.
    pub token: String,
}

impl std::fmt::Debug for IssuedLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IssuedLink([redacted])")
    }
}

/// Which link to mint.
#[derive(Debug, Clone, Copy)]
pub struct LinkSpec {
    /// The user it signs in.
    pub app_user_id: UserId,
    /// The renewal it lands on (ignored unless it belongs to the user's tenant; required for a
    /// renewal link).
    pub renewal_id: Option<RenewalId>,
    /// Sign-in or renewal link.
    pub kind: LinkKind,
    /// How long it works.
    pub ttl: Duration,
}

/// Mints a link and stores its hash. `None` when the user is gone, or a renewal link's
/// renewal is not of the user's tenant.
#[tracing::instrument(skip_all, fields(app_user_id = %spec.app_user_id, kind = %spec.kind))]
pub async fn mint(
    db: &PgPool,
    key: &SecretKey,
    public_url: &Url,
    spec: &LinkSpec,
) -> sqlx::Result<Option<IssuedLink>> {
    let token = random_token(32);
    let stored = db::magic_links::insert_link(
        db,
        &NewLink {
            app_user_id: spec.app_user_id,
            token_hash: &key.token_hash(&token),
            renewal_id: spec.renewal_id,
            kind: spec.kind,
            expires_at: OffsetDateTime::now_utc() + spec.ttl,
        },
    )
    .await?;
    let base = public_url.as_str().trim_end_matches('/');
    Ok(stored.map(|_| IssuedLink {
        url: format!("{base}{}", crate::routes::login_token(&token)),
        token,
    }))
}

/// Mints a single-use sign-in link for `app_user_id` (landing on `target_renewal` when it
/// belongs to the user's tenant) and returns its URL: for the staff action that shows one link
/// once, and for the demo's welcome text. Emailed links are minted by [`mint`] in their job.
pub async fn issue(
    db: &PgPool,
    config: &Config,
    app_user_id: UserId,
    target_renewal: Option<RenewalId>,
) -> sqlx::Result<String> {
    let spec = LinkSpec {
        app_user_id,
        renewal_id: target_renewal,
        kind: LinkKind::SignIn,
        ttl: config.magic_links.ttl,
    };
    mint(db, &config.secret_key, &config.public_url, &spec)
        .await?
        .map(|link| link.url)
        .ok_or(sqlx::Error::RowNotFound)
}

/// What the sign-in page asks for: an address, the client it came from, and optionally the
/// renewal the customer was trying to reach (from an expired link).
#[derive(Debug, Clone)]
pub struct LinkRequest {
    /// The address typed in (any case, any surrounding spaces).
    pub email: String,
    /// The client's IP address, for the per-client limit.
    pub client: String,
    /// The renewal to land on after signing in.
    pub target_renewal: Option<RenewalId>,
    /// The language of the page it was asked from.
    pub locale: crate::i18n::Locale,
}

/// What happened to a request (never shown to the requester: the page is always the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    /// One email per matching user was queued (zero for an unknown address).
    Queued(usize),
    /// Over the limit: nothing was sent.
    RateLimited,
}

/// Counts one request for `email` from `client` against both limits; `false` when over.
pub async fn within_limits(
    db: &PgPool,
    policy: &MagicLinkPolicy,
    email: &str,
    client: &str,
) -> sqlx::Result<bool> {
    let email_bucket = format!("email:{}", db::users::normalise_email(email));
    let client_bucket = format!("client:{client}");
    db::magic_links::record_attempt(
        db,
        &[
            (&email_bucket, policy.per_address),
            (&client_bucket, policy.per_client),
        ],
        policy.window,
    )
    .await
}

/// Handles a sign-in request: counts it against the limits, then queues one sign-in link
/// email per user with that address (one per tenant). The job mints the link when it sends.
#[tracing::instrument(skip_all)]
pub async fn request_links(
    db: &PgPool,
    policy: &MagicLinkPolicy,
    request: &LinkRequest,
) -> anyhow::Result<LinkOutcome> {
    if !within_limits(db, policy, &request.email, &request.client).await? {
        tracing::warn!("sign-in link request over the rate limit; nothing sent");
        return Ok(LinkOutcome::RateLimited);
    }
    let email = db::users::normalise_email(&request.email);
    let users = db::users::find_users_by_email(db, &email).await?;
    let mut tx = db.begin().await?;
    for user in &users {
        let job = SendSignInLink::new(
            user.tenant_id,
            user.app_user_id,
            request.target_renewal,
            LinkKind::SignIn,
        )
        .from_page_in(request.locale);
        job.enqueue(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(LinkOutcome::Queued(users.len()))
}

/// The hash under which `token` is stored (for consuming it).
pub fn token_hash(key: &SecretKey, token: &str) -> Vec<u8> {
    key.token_hash(token)
}
