//! The ISV's parent Twilio account: discovering its subaccounts into Postgres, and making
//! tenants of the chosen ones, each with its own auth token fetched from Twilio through the
//! parent. Both run as jobs; pages only read what these store.

use anyhow::Context;

use super::engine::Engine;
use crate::db::tenants::{self, NewTenant, TenantError};
use crate::db::{parent_account, subaccounts};
use crate::domain::ids::{OnboardBatchId, TenantId};
use crate::domain::tenant_slug;
use crate::queue::sweep_tenant::SweepTenant;
use crate::twilio::{AccountStatus, TenantTwilio, TwilioCredentials, TwilioError};

/// The discovery error shown when Twilio refuses the parent account's SID and token.
pub const PARENT_REFUSED: &str =
    "Twilio refused the parent account's SID and auth token (error 20003): connect it again";

/// What one discovery did.
#[derive(Debug)]
pub enum Discovery {
    /// No parent account is connected: nothing to list.
    NotConnected,
    /// The subaccounts were listed and stored.
    Listed(usize),
    /// Twilio refused the parent's credentials (recorded; retrying only repeats it).
    Refused,
    /// Twilio could not be asked (recorded; worth trying again).
    Unreachable(TwilioError),
}

/// What Twilio said of SID and token offered as the parent account's.
#[derive(Debug)]
pub enum ParentCheck {
    /// They work, and the account is a parent (main) account.
    Parent,
    /// They work, but the account is a subaccount.
    Subaccount,
    /// Twilio refused them.
    Refused,
    /// Twilio could not be asked.
    Unverified(TwilioError),
}

/// Asks Twilio whether `credentials` work and belong to a parent account (one call).
pub async fn check(engine: &Engine, credentials: &TwilioCredentials) -> ParentCheck {
    let twilio = engine.twilio.for_parent_account(credentials);
    match twilio.fetch_own_account().await {
        Ok(account) if account.is_subaccount() => ParentCheck::Subaccount,
        Ok(_) => ParentCheck::Parent,
        Err(TwilioError::Unauthorized) => ParentCheck::Refused,
        Err(error) => ParentCheck::Unverified(error),
    }
}

/// A handle acting as the parent account, when one is connected.
pub async fn parent_twilio(engine: &Engine) -> anyhow::Result<Option<TenantTwilio>> {
    let credentials = parent_account::credentials(&engine.db, &engine.config.secret_key)
        .await
        .context("reading the parent account")?;
    Ok(credentials.map(|c| engine.twilio.for_parent_account(&c)))
}

/// Lists the parent's subaccounts into Postgres, flagging new ones and those that became
/// suspended or closed, and records how it went.
#[tracing::instrument(skip_all)]
pub async fn discover(engine: &Engine) -> anyhow::Result<Discovery> {
    let Some(twilio) = parent_twilio(engine).await? else {
        return Ok(Discovery::NotConnected);
    };
    match twilio.list_subaccounts().await {
        Ok(accounts) => {
            let ours: Vec<_> = accounts
                .into_iter()
                .filter(|a| a.owner_account_sid == twilio.account_sid())
                .collect();
            let mut tx = engine.db.begin().await?;
            subaccounts::record_listing(&mut tx, &ours).await?;
            parent_account::record_discovery(&mut *tx, Ok(ours.len())).await?;
            tx.commit().await?;
            tracing::info!(subaccounts = ours.len(), "subaccounts discovered");
            Ok(Discovery::Listed(ours.len()))
        }
        Err(TwilioError::Unauthorized) => {
            parent_account::record_discovery(&engine.db, Err(PARENT_REFUSED)).await?;
            Ok(Discovery::Refused)
        }
        Err(error) => {
            let message = format!("Twilio could not be asked: {error}");
            parent_account::record_discovery(&engine.db, Err(message.as_str())).await?;
            Ok(Discovery::Unreachable(error))
        }
    }
}

/// Why one subaccount did not become a tenant.
enum Refusal {
    /// For good: the message is shown beside the subaccount.
    Failed(String),
    /// Twilio refused the parent's own credentials: every other row would fail the same way.
    ParentRefused,
    /// Twilio could not be asked: left waiting for the job's next attempt.
    Unreachable(TwilioError),
}

impl From<TwilioError> for Refusal {
    fn from(error: TwilioError) -> Self {
        match error {
            TwilioError::Unauthorized => Self::ParentRefused,
            TwilioError::NotFound { .. } => Self::Failed(
                "Twilio does not know this account as a subaccount of the parent".into(),
            ),
            error if error.is_retryable() => Self::Unreachable(error),
            error => Self::Failed(format!("Twilio answered: {error}")),
        }
    }
}

/// Makes tenants of the subaccounts waiting in request `batch_id`. One that fails is marked
/// with why and the others go on; those Twilio could not be asked about stay waiting and the
/// job fails so that it runs again for them. Idempotent on the account SID: a subaccount that
/// already is a tenant is not made twice.
#[tracing::instrument(skip_all, fields(%batch_id))]
pub async fn create_tenants(engine: &Engine, batch_id: OnboardBatchId) -> anyhow::Result<()> {
    let waiting = subaccounts::pending_in_batch(&engine.db, batch_id).await?;
    if waiting.is_empty() {
        return Ok(());
    }
    let Some(twilio) = parent_twilio(engine).await? else {
        for (sid, _, _) in &waiting {
            subaccounts::mark_failed(&engine.db, sid, "no parent account is connected").await?;
        }
        return Ok(());
    };
    let mut unreachable = 0;
    let mut parent_refused = false;
    for (sid, friendly_name, chosen) in &waiting {
        if parent_refused {
            subaccounts::mark_failed(&engine.db, sid, PARENT_REFUSED).await?;
            continue;
        }
        match make_tenant(engine, &twilio, sid, friendly_name, *chosen).await? {
            Ok(()) => {}
            Err(Refusal::Failed(message)) => {
                subaccounts::mark_failed(&engine.db, sid, &message).await?;
            }
            Err(Refusal::ParentRefused) => {
                parent_refused = true;
                subaccounts::mark_failed(&engine.db, sid, PARENT_REFUSED).await?;
            }
            Err(Refusal::Unreachable(error)) => {
                tracing::warn!(account_sid = %sid, %error, "subaccount left for the next attempt");
                unreachable += 1;
            }
        }
    }
    anyhow::ensure!(
        unreachable == 0,
        "Twilio could not be asked about {unreachable} subaccount(s); they are tried again"
    );
    Ok(())
}

/// One subaccount: reuse the tenant already tied to it, or make one named after it, and store
/// its own credentials as fetched through the parent. The outer error is the database's.
async fn make_tenant(
    engine: &Engine,
    parent: &TenantTwilio,
    account_sid: &str,
    friendly_name: &str,
    chosen: Option<TenantId>,
) -> anyhow::Result<Result<(), Refusal>> {
    let db = &engine.db;
    if chosen.is_none()
        && let Some(tenant) = tenants::find_tenant_by_account_sid(db, account_sid).await?
    {
        subaccounts::mark_created(db, account_sid, tenant.tenant_id, Some("already a tenant"))
            .await?;
        return Ok(Ok(()));
    }
    let account = match parent.fetch_subaccount(account_sid).await {
        Ok(account) => account,
        Err(error) => return Ok(Err(error.into())),
    };
    if account.owner_account_sid != parent.account_sid() {
        return Ok(Err(Refusal::Failed(
            "this account is not a subaccount of the parent account".into(),
        )));
    }
    if account.status != AccountStatus::Active {
        let message = format!("the subaccount is {} at Twilio", account.status.as_str());
        return Ok(Err(Refusal::Failed(message)));
    }
    let credentials = TwilioCredentials::with_auth_token(account_sid, account.auth_token);
    let mut tx = db.begin().await?;
    let tenant_id = match chosen {
        Some(tenant_id) => tenant_id,
        None => {
            let details = NewTenant {
                name: tenant_slug::tenant_name(friendly_name, account_sid),
                slug: free_slug(engine, friendly_name).await?,
                support_email: None,
            };
            match tenants::create_tenant(&mut *tx, &details).await {
                Ok(tenant) => tenant.tenant_id,
                Err(error) => return Ok(Err(refusal_of(error)?)),
            }
        }
    };
    let key = &engine.config.secret_key;
    if let Err(error) = tenants::set_credentials(&mut *tx, key, tenant_id, &credentials).await {
        return Ok(Err(refusal_of(error)?));
    }
    subaccounts::mark_created(&mut *tx, account_sid, tenant_id, None).await?;
    crate::queue::enqueue(&mut tx, &SweepTenant { tenant_id }).await?;
    tx.commit().await?;
    tracing::info!(%account_sid, %tenant_id, "tenant made from a subaccount");
    Ok(Ok(()))
}

/// A tenant error as the message beside the subaccount (a database failure stays an error).
fn refusal_of(error: TenantError) -> anyhow::Result<Refusal> {
    match error {
        TenantError::Database(error) => Err(error.into()),
        other => Ok(Refusal::Failed(other.to_string())),
    }
}

/// The first free slug made from `friendly_name` (`acme`, `acme-2`, …).
async fn free_slug(engine: &Engine, friendly_name: &str) -> anyhow::Result<String> {
    let base = tenant_slug::slug_from(friendly_name);
    for n in 1..1000 {
        let slug = tenant_slug::candidate(&base, n);
        if tenants::find_tenant_by_slug(&engine.db, &slug)
            .await?
            .is_none()
        {
            return Ok(slug);
        }
    }
    anyhow::bail!("no free slug for {base:?}")
}
