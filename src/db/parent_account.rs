//! `parent_account`: the ISV's parent Twilio account (one row at most), its auth token sealed
//! with the application key (the account SID as associated data, so the sealed bytes cannot
//! stand in for another account's token), who connected it, and how the last discovery went.

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use crate::crypto::SecretKey;
use crate::domain::ids::StaffUserId;
use crate::domain::sid::AccountSid;
use crate::secret::SecretString;
use crate::twilio::TwilioCredentials;

/// The connection as staff see it (never the token).
#[derive(Debug, Clone, FromRow)]
pub struct ParentAccount {
    /// `AC…`.
    pub account_sid: AccountSid,
    /// When Twilio last accepted the SID and token; `None`: saved unverified.
    pub verified_at: Option<OffsetDateTime>,
    /// The staff member who connected it (gone when they were deleted).
    pub connected_by: Option<String>,
    /// When it was connected.
    pub connected_at: OffsetDateTime,
    /// When the last discovery ended.
    pub discovered_at: Option<OffsetDateTime>,
    /// How many subaccounts it listed.
    pub discovered_count: Option<i32>,
    /// Why it failed, when it did.
    pub discovery_error: Option<String>,
}

/// Why the stored parent credentials could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ParentAccountError {
    /// The sealed token does not open with this key.
    #[error("the parent account's stored auth token cannot be opened with this key")]
    Unseal,
    /// The database failed.
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

fn context(account_sid: &str) -> Vec<u8> {
    format!("recomply/parent-account/v1/{account_sid}").into_bytes()
}

/// The connected parent account, if any.
pub async fn load(db: &PgPool) -> sqlx::Result<Option<ParentAccount>> {
    sqlx::query_as!(
        ParentAccount,
        r#"select p.account_sid as "account_sid: AccountSid", p.verified_at,
                s.name as "connected_by?", p.connected_at,
                p.discovered_at, p.discovered_count, p.discovery_error
         from parent_account p left join staff_user s on s.staff_user_id = p.connected_by"#,
    )
    .fetch_optional(db)
    .await
}

/// Stores the parent account (replacing any other). Connecting a different account forgets
/// the subaccounts discovered under the old one (tenants made from them stay).
#[tracing::instrument(skip_all, fields(account_sid = %account_sid))]
pub async fn connect(
    db: &PgPool,
    key: &SecretKey,
    account_sid: &AccountSid,
    auth_token: &SecretString,
    verified: bool,
    staff_user_id: StaffUserId,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        "delete from subaccount where exists
           (select 1 from parent_account where account_sid <> $1)",
        account_sid.as_str(),
    )
    .execute(&mut *tx)
    .await?;
    let sealed = key.seal(
        &context(account_sid.as_str()),
        auth_token.expose().as_bytes(),
    );
    sqlx::query!(
        "insert into parent_account (account_sid, auth_token_sealed, verified_at, connected_by)
         values ($1, $2, case when $3 then now() end, $4)
         on conflict (parent_account_id) do update set
           account_sid = excluded.account_sid, auth_token_sealed = excluded.auth_token_sealed,
           verified_at = excluded.verified_at, connected_by = excluded.connected_by,
           connected_at = now(),
           discovered_at = case when parent_account.account_sid = excluded.account_sid
                           then parent_account.discovered_at end,
           discovered_count = case when parent_account.account_sid = excluded.account_sid
                              then parent_account.discovered_count end,
           discovery_error = null",
        account_sid.as_str(),
        sealed,
        verified,
        staff_user_id as _,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The parent account's credentials, opened; `None` when none is connected.
pub async fn credentials(
    db: &PgPool,
    key: &SecretKey,
) -> Result<Option<TwilioCredentials>, ParentAccountError> {
    let row = sqlx::query!("select account_sid, auth_token_sealed from parent_account")
        .map(|row| (row.account_sid, row.auth_token_sealed))
        .fetch_optional(db)
        .await?;
    let Some((account_sid, sealed)) = row else {
        return Ok(None);
    };
    let token = key
        .open(&context(&account_sid), &sealed)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(ParentAccountError::Unseal)?;
    Ok(Some(TwilioCredentials::with_auth_token(
        account_sid,
        SecretString::from(token),
    )))
}

/// Records how a discovery of the parent account's subaccounts ended: how many it listed, or
/// why it failed (the count of the last success is kept).
pub async fn record_discovery(
    db: impl sqlx::PgExecutor<'_>,
    outcome: Result<usize, &str>,
) -> sqlx::Result<()> {
    let (count, error) = match outcome {
        Ok(count) => (Some(i32::try_from(count).unwrap_or(i32::MAX)), None),
        Err(message) => (None, Some(message)),
    };
    sqlx::query!(
        "update parent_account set discovered_at = now(),
           discovered_count = coalesce($1, discovered_count), discovery_error = $2",
        count,
        error,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Re-seals the stored token from `old_key` to `new_key`; `false` when there is none or it is
/// already sealed with the new key.
pub async fn reseal(
    pool: &PgPool,
    old_key: &SecretKey,
    new_key: &SecretKey,
) -> anyhow::Result<bool> {
    let mut tx = pool.begin().await?;
    let row = sqlx::query!("select account_sid, auth_token_sealed from parent_account for update")
        .map(|row| (row.account_sid, row.auth_token_sealed))
        .fetch_optional(&mut *tx)
        .await?;
    let Some((account_sid, sealed)) = row else {
        return Ok(false);
    };
    let context = context(&account_sid);
    let token = match old_key.open(&context, &sealed) {
        Ok(token) => token,
        Err(_) if new_key.open(&context, &sealed).is_ok() => return Ok(false),
        Err(error) => anyhow::bail!("the parent account's auth token: {error}"),
    };
    sqlx::query!(
        "update parent_account set auth_token_sealed = $1",
        new_key.seal(&context, &token),
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}
