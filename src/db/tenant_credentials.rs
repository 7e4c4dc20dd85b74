//! A tenant's Twilio credentials at rest: stored, opened, cleared and re-sealed under a new key.
//!
//! Credentials are sealed with the application [`SecretKey`] (XChaCha20-Poly1305) with the
//! tenant id as associated data, so a sealed blob copied onto another tenant's row does not
//! open. The account SID also lives in clear (`twilio_account_sid`) because webhooks are routed
//! by it; the sealed JSON repeats it and loading checks that both agree.

use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::tenants::TenantError;
use crate::crypto::SecretKey;
use crate::domain::ids::TenantId;
use crate::secret::SecretString;
use crate::twilio::{Auth, TwilioCredentials};

/// Validates, seals and stores a tenant's credentials (and its account SID in clear).
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id, account_sid = %credentials.account_sid))]
pub async fn set_credentials(
    pool: impl sqlx::PgExecutor<'_>,
    key: &SecretKey,
    tenant_id: TenantId,
    credentials: &TwilioCredentials,
) -> Result<(), TenantError> {
    credentials.validate()?;
    let sealed = seal(key, tenant_id, credentials);
    // An account another tenant takes whole is refused. One that other tenants share is
    // joined taking only the bundles staff assign, until staff choose this tenant's rule
    // (`db::shared_accounts`).
    let (updated, taken): (bool, bool) = sqlx::query!(
        r#"with whole_elsewhere as (
            select 1 from tenant
             where twilio_account_sid = $2 and tenant_id <> $1 and bundle_scope = 'account'),
              shared as (
            select 1 from tenant where twilio_account_sid = $2 and tenant_id <> $1),
              updated as (
            update tenant set twilio_account_sid = $2, twilio_credentials = $3,
                   bundle_scope = case when exists (select 1 from shared)
                                        and bundle_scope = 'account'
                                       then 'assigned' else bundle_scope end,
                   bundle_scope_value = case when exists (select 1 from shared)
                                              and bundle_scope = 'account'
                                             then null else bundle_scope_value end
             where tenant_id = $1 and not exists (select 1 from whole_elsewhere)
            returning 1)
         select exists (select 1 from updated) as "updated!",
             exists (select 1 from whole_elsewhere) as "taken!""#,
        tenant_id as _,
        &credentials.account_sid,
        sealed,
    )
    .map(|row| (row.updated, row.taken))
    .fetch_one(pool)
    .await?;
    match (updated, taken) {
        (true, _) => Ok(()),
        (false, true) => Err(TenantError::AccountSidTaken),
        (false, false) => Err(TenantError::NotFound),
    }
}

/// Removes a tenant's credentials and account SID.
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id))]
pub async fn clear_credentials(pool: &PgPool, tenant_id: TenantId) -> Result<(), TenantError> {
    let result = sqlx::query!(
        "update tenant set twilio_account_sid = null, twilio_credentials = null where tenant_id = $1",
        tenant_id as _,
    )
    .execute(pool)
    .await?;
    if result.rows_affected() == 0 {
        return Err(TenantError::NotFound);
    }
    Ok(())
}

/// The tenant's credentials, opened; `None` when the tenant has none (or does not exist).
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id))]
pub async fn load_credentials(
    pool: &PgPool,
    key: &SecretKey,
    tenant_id: TenantId,
) -> Result<Option<TwilioCredentials>, TenantError> {
    let row: Option<(Option<String>, Option<Vec<u8>>)> = sqlx::query!(
        "select twilio_account_sid, twilio_credentials from tenant where tenant_id = $1",
        tenant_id as _,
    )
    .map(|row| (row.twilio_account_sid, row.twilio_credentials))
    .fetch_optional(pool)
    .await?;
    match row {
        Some((Some(account_sid), Some(sealed))) => {
            open(key, tenant_id, &account_sid, &sealed).map(Some)
        }
        _ => Ok(None),
    }
}

/// What [`reseal_all`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResealReport {
    /// Credentials opened with the old key and sealed with the new one.
    pub resealed: u64,
    /// Credentials that already open with the new key (a repeated rotation); left as they are.
    pub already_current: u64,
}

/// Re-seals every tenant's credentials from `old_key` to `new_key` in one transaction: either
/// all of them move to the new key or nothing changes.
#[tracing::instrument(skip_all)]
pub async fn reseal_all(
    pool: &PgPool,
    old_key: &SecretKey,
    new_key: &SecretKey,
) -> Result<ResealReport, TenantError> {
    let mut tx = pool.begin().await?;
    let rows: Vec<(TenantId, String, Vec<u8>)> = sqlx::query!(
        "select tenant_id as \"tenant_id: TenantId\", twilio_account_sid as \"twilio_account_sid!\",
            twilio_credentials as \"twilio_credentials!\" from tenant \
         where twilio_credentials is not null order by tenant_id for update"
    )
    .map(|row| {
        (
            row.tenant_id,
            row.twilio_account_sid,
            row.twilio_credentials,
        )
    })
    .fetch_all(&mut *tx)
    .await?;
    let mut report = ResealReport::default();
    for (tenant_id, account_sid, sealed) in rows {
        let credentials = match open(old_key, tenant_id, &account_sid, &sealed) {
            Ok(credentials) => credentials,
            Err(error) => {
                if open(new_key, tenant_id, &account_sid, &sealed).is_ok() {
                    report.already_current += 1;
                    continue;
                }
                return Err(error);
            }
        };
        sqlx::query!(
            "update tenant set twilio_credentials = $2 where tenant_id = $1",
            tenant_id as _,
            seal(new_key, tenant_id, &credentials),
        )
        .execute(&mut *tx)
        .await?;
        report.resealed += 1;
    }
    tx.commit().await?;
    tracing::info!(
        resealed = report.resealed,
        already_current = report.already_current,
        "tenant credentials re-sealed"
    );
    Ok(report)
}

/// The sealed JSON (version 1). Field names are part of the stored format.
#[derive(Serialize, Deserialize)]
struct SealedCredentials {
    v: u8,
    account_sid: String,
    #[serde(default)]
    auth_token: Option<String>,
    #[serde(default)]
    api_key_sid: Option<String>,
    #[serde(default)]
    api_key_secret: Option<String>,
    #[serde(default)]
    webhook_auth_token: Option<String>,
}

fn seal(key: &SecretKey, tenant_id: TenantId, credentials: &TwilioCredentials) -> Vec<u8> {
    let (auth_token, api_key_sid, api_key_secret) = match &credentials.auth {
        Auth::AuthToken(token) => (Some(token.expose().to_owned()), None, None),
        Auth::ApiKey { sid, secret } => (None, Some(sid.clone()), Some(secret.expose().to_owned())),
    };
    let plain = SealedCredentials {
        v: 1,
        account_sid: credentials.account_sid.clone(),
        auth_token,
        api_key_sid,
        api_key_secret,
        webhook_auth_token: credentials
            .auth_token
            .as_ref()
            .map(|t| t.expose().to_owned()),
    };
    let json = serde_json::to_vec(&plain).expect("plain strings always serialize");
    key.seal(tenant_id.as_uuid().as_bytes(), &json)
}

pub(super) fn open(
    key: &SecretKey,
    tenant_id: TenantId,
    account_sid: &str,
    sealed: &[u8],
) -> Result<TwilioCredentials, TenantError> {
    let json = key
        .open(tenant_id.as_uuid().as_bytes(), sealed)
        .map_err(|_| TenantError::Unseal(tenant_id))?;
    let plain: SealedCredentials =
        serde_json::from_slice(&json).map_err(|_| TenantError::Unseal(tenant_id))?;
    if plain.v != 1 || plain.account_sid != account_sid {
        return Err(TenantError::Unseal(tenant_id));
    }
    let auth = match (plain.auth_token, plain.api_key_sid, plain.api_key_secret) {
        (Some(token), None, None) => Auth::AuthToken(SecretString::from(token)),
        (None, Some(sid), Some(secret)) => Auth::ApiKey {
            sid,
            secret: SecretString::from(secret),
        },
        _ => return Err(TenantError::Unseal(tenant_id)),
    };
    Ok(TwilioCredentials {
        account_sid: plain.account_sid,
        auth,
        auth_token: plain.webhook_auth_token.map(SecretString::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AC: &str = "AC0123456789abcdef0123456789abcdef";
    const SK: &str = "SK0123456789abcdef0123456789abcdef";

    #[test]
    fn sealed_credentials_round_trip_for_the_same_tenant_only() {
        let key = SecretKey::generate();
        let tenant = TenantId::random();
        let credentials =
            TwilioCredentials::with_api_key(AC, SK, "key-secret".into(), Some("tok".into()));
        let sealed = seal(&key, tenant, &credentials);
        assert!(!sealed.windows(10).any(|w| w == b"key-secret"));
        assert_eq!(open(&key, tenant, AC, &sealed).unwrap(), credentials);
        assert!(matches!(
            open(&key, TenantId::random(), AC, &sealed),
            Err(TenantError::Unseal(_))
        ));
        let other_sid = "AC1123456789abcdef0123456789abcdef";
        assert!(open(&key, tenant, other_sid, &sealed).is_err());
    }
}
