//! Who may have sent a status callback, read in one query: the tenants whose auth token may
//! have signed it, with their credentials opened, and where each forwards the bundle's
//! callbacks.

use crate::domain::ids::TenantId;
use sqlx::{FromRow, PgExecutor};

use super::tenants::TenantError;
use crate::crypto::SecretKey;
use crate::twilio::TwilioCredentials;

/// A tenant that may have signed a callback.
#[derive(Debug, Clone)]
pub struct Signer {
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its Twilio credentials (`None` when it has none).
    pub credentials: Option<TwilioCredentials>,
    /// The bundle's original status callback URL, while recomply holds the callback.
    pub forward_url: Option<String>,
}

#[derive(FromRow)]
struct SignerRow {
    tenant_id: TenantId,
    twilio_account_sid: Option<String>,
    twilio_credentials: Option<Vec<u8>>,
    forward_url: Option<String>,
}

/// The tenants of `account_sid` (not removed) that could own a callback's bundle: the one whose
/// mirror holds the bundle or whose renewal made it, if any, else every tenant of the account
/// with credentials (oldest first). Credentials that do not open are an error.
pub async fn of_callback(
    db: impl PgExecutor<'_>,
    key: &SecretKey,
    account_sid: &str,
    bundle_sid: Option<&str>,
) -> Result<Vec<Signer>, TenantError> {
    let rows: Vec<SignerRow> = sqlx::query_as!(
        SignerRow,
        r#"with owner as (
             select t.tenant_id from tenant t
              where t.twilio_account_sid = $1 and t.removed_at is null and $2::text is not null
                and (exists (select 1 from bundle b
                              where b.tenant_id = t.tenant_id and b.sid = $2)
                     or exists (select 1 from bundle_copy c
                                 where c.tenant_id = t.tenant_id and c.copy_sid = $2))
              order by t.created_at limit 1
         ), candidates as (
             select tenant_id from owner
             union all
             select tenant_id from tenant
              where twilio_account_sid = $1 and removed_at is null
                and twilio_credentials is not null and not exists (select 1 from owner)
         )
         select t.tenant_id as "tenant_id: TenantId", t.twilio_account_sid,
             t.twilio_credentials,
                (select o.original_url from bundle_callback_origin o
                  where o.tenant_id = t.tenant_id and o.bundle_sid = $2
                    and o.restored_at is null) as forward_url
         from candidates c join tenant t on t.tenant_id = c.tenant_id
         order by t.created_at, t.tenant_id"#,
        account_sid,
        bundle_sid,
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let credentials = match (row.twilio_account_sid, row.twilio_credentials) {
                (Some(account_sid), Some(sealed)) => Some(super::tenant_credentials::open(
                    key,
                    row.tenant_id,
                    &account_sid,
                    &sealed,
                )?),
                _ => None,
            };
            Ok(Signer {
                tenant_id: row.tenant_id,
                credentials,
                forward_url: row.forward_url,
            })
        })
        .collect()
}
