//! Magic links: the only way end customers sign in.
//!
//! A link carries 32 random bytes (base64url); only their keyed hash is stored. A link is bound
//! to one user, used once, and expires (15 minutes unless `RECOMPLY_MAGIC_LINK_TTL_MINUTES` says
//! otherwise). Opening a link only shows a "Continue" page; the form on it consumes the link
//! (`web::portal::login`), so mail scanners leave it usable. Requests are rate-limited per address and per client address in Postgres, so
//! several `serve` processes enforce one limit. Whatever happens, the requester learns nothing
//! about whether the address exists.

use std::sync::LazyLock;

use askama::Template;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use url::Url;
use uuid::Uuid;

use crate::crypto::{SecretKey, random_token};
use crate::db;
use crate::email::{Email, Mailer};

/// How long links live and how often they may be requested.
#[derive(Debug, Clone, Copy)]
pub struct MagicLinkPolicy {
    /// Lifetime of a link (`RECOMPLY_MAGIC_LINK_TTL_MINUTES`, default 15).
    pub ttl: Duration,
    /// Requests allowed per address within `window` (`RECOMPLY_MAGIC_LINK_PER_ADDRESS`, 5).
    pub per_address: i64,
    /// Requests allowed per client address within `window` (`RECOMPLY_MAGIC_LINK_PER_CLIENT`, 20).
    pub per_client: i64,
    /// The rate-limit window (15 minutes).
    pub window: Duration,
}

impl MagicLinkPolicy {
    /// The policy from the environment (defaults above).
    pub fn from_env() -> Self {
        // Start-up has already refused bad values (`Config::from_env`), so the defaults only
        // stand in for a process that never loaded its configuration (tests).
        let (ttl, per_address, per_client) =
            crate::config::magic_link_limits(&crate::config::Source::process())
                .unwrap_or((15, 5, 20));
        Self {
            ttl: Duration::minutes(ttl),
            per_address,
            per_client,
            window: Duration::minutes(15),
        }
    }

    /// The process-wide policy, read once.
    pub fn current() -> &'static Self {
        static POLICY: LazyLock<MagicLinkPolicy> = LazyLock::new(MagicLinkPolicy::from_env);
        &POLICY
    }
}

/// Creates a link for `app_user_id` and returns its absolute URL (on `public_url`). With
/// `target_renewal`, signing in lands on that renewal (ignored unless it belongs to the user's
/// tenant). For the sign-in page, staff "resend link" and the engine's "action needed" emails.
#[tracing::instrument(skip_all, fields(%app_user_id))]
pub async fn issue(
    db: &PgPool,
    key: &SecretKey,
    public_url: &Url,
    app_user_id: Uuid,
    target_renewal: Option<Uuid>,
) -> sqlx::Result<String> {
    let token = random_token(32);
    let expires_at = OffsetDateTime::now_utc() + MagicLinkPolicy::current().ttl;
    db::magic_links::insert_link(
        db,
        app_user_id,
        &key.token_hash(&token),
        target_renewal,
        expires_at,
    )
    .await?;
    let base = public_url.as_str().trim_end_matches('/');
    Ok(format!("{base}{}", crate::routes::login_token(&token)))
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
    pub target_renewal: Option<Uuid>,
}

/// What happened to a request (never shown to the requester: the page is always the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    /// One email per matching user was sent (zero for an unknown address).
    Sent(usize),
    /// Over the limit: nothing was sent.
    RateLimited,
}

/// Handles a sign-in request: counts it against the limits, then emails one link per user with
/// that address (one per tenant).
#[tracing::instrument(skip_all)]
pub async fn request_links(
    db: &PgPool,
    mailer: &Mailer,
    key: &SecretKey,
    public_url: &Url,
    request: &LinkRequest,
) -> anyhow::Result<LinkOutcome> {
    let policy = MagicLinkPolicy::current();
    let email = db::users::normalise_email(&request.email);
    let email_bucket = format!("email:{email}");
    let client_bucket = format!("client:{}", request.client);
    let allowed = db::magic_links::record_attempt(
        db,
        &[
            (&email_bucket, policy.per_address),
            (&client_bucket, policy.per_client),
        ],
        policy.window,
    )
    .await?;
    if !allowed {
        tracing::warn!("sign-in link request over the rate limit; nothing sent");
        return Ok(LinkOutcome::RateLimited);
    }
    let users = db::users::find_users_by_email(db, &email).await?;
    for user in &users {
        let url = issue(
            db,
            key,
            public_url,
            user.app_user_id,
            request.target_renewal,
        )
        .await?;
        let email = link_email(user, &url, policy.ttl, None)?;
        mailer.send(db, &email).await?;
    }
    Ok(LinkOutcome::Sent(users.len()))
}

/// The sign-in email for one user, tied to the renewal the link opens (if any). Used by the
/// sign-in page and by staff handing a link to one user.
pub fn link_email(
    user: &db::users::UserWithTenant,
    url: &str,
    ttl: Duration,
    renewal_id: Option<Uuid>,
) -> anyhow::Result<Email> {
    let minutes = ttl.whole_minutes();
    let tenant_name = user.tenant_name.as_str();
    let greeting_name = user.name.as_str();
    Ok(Email {
        tenant_id: Some(user.tenant_id),
        renewal_id,
        kind: "magic_link",
        to: user.email.clone(),
        subject: MagicLinkSubject { tenant_name }.render()?.trim().to_owned(),
        text: MagicLinkText {
            url,
            tenant_name,
            greeting_name,
            minutes,
        }
        .render()?,
        html: MagicLinkHtml {
            url,
            tenant_name,
            greeting_name,
            minutes,
        }
        .render()?,
    })
}

/// Subject line of the sign-in email.
#[derive(Template)]
#[template(path = "emails/magic_link/subject.txt")]
struct MagicLinkSubject<'a> {
    tenant_name: &'a str,
}

/// Plain-text body of the sign-in email.
#[derive(Template)]
#[template(path = "emails/magic_link/body.txt")]
struct MagicLinkText<'a> {
    url: &'a str,
    tenant_name: &'a str,
    greeting_name: &'a str,
    minutes: i64,
}

/// HTML body of the sign-in email.
#[derive(Template)]
#[template(path = "emails/magic_link/body.html")]
struct MagicLinkHtml<'a> {
    url: &'a str,
    tenant_name: &'a str,
    greeting_name: &'a str,
    minutes: i64,
}

/// The hash under which `token` is stored (for consuming it).
pub fn token_hash(key: &SecretKey, token: &str) -> Vec<u8> {
    key.token_hash(token)
}
