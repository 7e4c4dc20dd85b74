//! `handoff_settings`: the installation's hand-off secret (sealed under the application secret
//! key), whether hand-offs are on, and whether they may create users. One row at most; none
//! means "never configured" (off, no secret).

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use crate::crypto::{CryptoError, SecretKey};

/// What the secret is sealed to, so the sealed bytes cannot stand in for another secret.
const SEAL_CONTEXT: &[u8] = b"recomply/handoff-secret/v1";

/// The settings as staff see them (never the secret).
#[derive(Debug, Clone, Default, FromRow)]
pub struct HandoffSettings {
    /// Whether a secret exists.
    pub has_secret: bool,
    /// Whether hand-offs are accepted.
    pub enabled: bool,
    /// Whether a hand-off for an address the tenant does not have creates that user.
    pub create_users: bool,
    /// When the current secret was generated.
    pub secret_created_at: Option<OffsetDateTime>,
    /// By whom.
    pub secret_created_by: Option<String>,
}

/// What checking a hand-off needs: the opened secret, when hand-offs are on.
#[derive(Debug, Clone)]
pub struct ActiveHandoff {
    /// The secret's text (the HMAC key).
    pub secret: String,
    /// Whether unknown addresses become users of the tenant.
    pub create_users: bool,
}

/// The settings (defaults when never configured).
pub async fn get(db: &PgPool) -> sqlx::Result<HandoffSettings> {
    let row = sqlx::query_as!(
        HandoffSettings,
        r#"select secret_sealed is not null as "has_secret!", enabled, create_users,
                secret_created_at, secret_created_by
         from handoff_settings"#,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.unwrap_or_default())
}

/// The secret and options when hand-offs are enabled and a secret exists; `None` otherwise.
/// A secret that does not open (sealed under another key) counts as none, logged.
pub async fn active(db: &PgPool, key: &SecretKey) -> sqlx::Result<Option<ActiveHandoff>> {
    let row: Option<(Vec<u8>, bool)> = sqlx::query!(
        r#"select secret_sealed as "secret_sealed!", create_users from handoff_settings
         where enabled and secret_sealed is not null"#
    )
    .map(|row| (row.secret_sealed, row.create_users))
    .fetch_optional(db)
    .await?;
    let Some((sealed, create_users)) = row else {
        return Ok(None);
    };
    match open(key, &sealed) {
        Ok(secret) => Ok(Some(ActiveHandoff {
            secret,
            create_users,
        })),
        Err(error) => {
            tracing::error!(%error, "the hand-off secret does not open with the secret key");
            Ok(None)
        }
    }
}

/// Seals and stores a new secret (the old one stops working at once).
#[tracing::instrument(skip_all)]
pub async fn replace_secret(
    db: &PgPool,
    key: &SecretKey,
    secret: &str,
    by: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into handoff_settings (secret_sealed, secret_created_at, secret_created_by, updated_by)
         values ($1, now(), $2, $2)
         on conflict (singleton) do update
            set secret_sealed = excluded.secret_sealed,
                secret_created_at = excluded.secret_created_at,
                secret_created_by = excluded.secret_created_by,
                updated_at = now(), updated_by = excluded.updated_by",
        key.seal(SEAL_CONTEXT, secret.as_bytes()),
        by,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Turns hand-offs on or off and sets whether they may create users.
#[tracing::instrument(skip_all, fields(enabled, create_users))]
pub async fn set_options(
    db: &PgPool,
    enabled: bool,
    create_users: bool,
    by: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into handoff_settings (enabled, create_users, updated_by) values ($1, $2, $3)
         on conflict (singleton) do update
            set enabled = excluded.enabled, create_users = excluded.create_users,
                updated_at = now(), updated_by = excluded.updated_by",
        enabled,
        create_users,
        by,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Re-seals the secret from `old_key` to `new_key` (`recomply rotate-secret-key`): whether
/// one was re-sealed (false when there is none, or it already opens with the new key).
#[tracing::instrument(skip_all)]
pub async fn reseal(
    pool: &PgPool,
    old_key: &SecretKey,
    new_key: &SecretKey,
) -> anyhow::Result<bool> {
    let mut tx = pool.begin().await?;
    let sealed: Option<Option<Vec<u8>>> =
        sqlx::query_scalar!("select secret_sealed from handoff_settings for update")
            .fetch_optional(&mut *tx)
            .await?;
    let Some(sealed) = sealed.flatten() else {
        return Ok(false);
    };
    let secret = match open(old_key, &sealed) {
        Ok(secret) => secret,
        Err(_) if open(new_key, &sealed).is_ok() => return Ok(false),
        Err(error) => anyhow::bail!("the hand-off secret: {error}"),
    };
    sqlx::query!(
        "update handoff_settings set secret_sealed = $1",
        new_key.seal(SEAL_CONTEXT, secret.as_bytes()),
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

fn open(key: &SecretKey, sealed: &[u8]) -> Result<String, CryptoError> {
    let bytes = key.open(SEAL_CONTEXT, sealed)?;
    String::from_utf8(bytes).map_err(|_| CryptoError::Unseal)
}
