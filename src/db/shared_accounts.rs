//! Tenants that share one Twilio account: each tenant's rule for which of the account's bundles
//! are its own, the bundles staff assigned by hand, and the bundles no rule takes (for staff to
//! assign). Which tenant a bundle is decided by `domain::bundle_scope::owner_of`.

use std::collections::HashMap;

use sqlx::{PgExecutor, PgPool};
use time::OffsetDateTime;

use crate::domain::bundle_scope::{BundleScope, BundleScopeKind, Claim};
use crate::domain::ids::TenantId;

/// Why a rule was not stored.
#[derive(Debug, thiserror::Error)]
pub enum ScopeError {
    /// No such tenant (or it has no Twilio account yet).
    #[error("tenant not found")]
    NotFound,
    /// "Every bundle" while other tenants share the account.
    #[error("other tenants share this Twilio account")]
    AccountShared,
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A tenant's stored rule.
#[derive(Debug, Clone, sqlx::FromRow)]
struct ScopeRow {
    tenant_id: TenantId,
    bundle_scope: String,
    bundle_scope_value: Option<String>,
}

impl ScopeRow {
    /// The rule; a stored value the rule cannot read (never written by this code) takes no
    /// bundle rather than every bundle.
    fn claim(self) -> Claim {
        let scope = self
            .bundle_scope
            .parse::<BundleScopeKind>()
            .ok()
            .and_then(|kind| {
                BundleScope::parse(kind, self.bundle_scope_value.as_deref().unwrap_or("")).ok()
            })
            .unwrap_or_else(|| {
                tracing::error!(tenant_id = %self.tenant_id, "unreadable bundle rule: taking no bundle");
                BundleScope::Assigned
            });
        Claim {
            tenant_id: self.tenant_id,
            scope,
        }
    }
}

/// The tenant's rule (every bundle for a tenant without an account).
pub async fn scope_of(db: impl PgExecutor<'_>, tenant_id: TenantId) -> sqlx::Result<BundleScope> {
    let row: Option<ScopeRow> = sqlx::query_as!(
        ScopeRow,
        r#"select tenant_id as "tenant_id: TenantId", bundle_scope,
            bundle_scope_value from tenant where tenant_id = $1"#,
        tenant_id as _,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map_or(BundleScope::WholeAccount, |row| row.claim().scope))
}

/// The tenants (not removed) of an account, with their rules, oldest first.
pub async fn claims_on(db: impl PgExecutor<'_>, account_sid: &str) -> sqlx::Result<Vec<Claim>> {
    let rows: Vec<ScopeRow> = sqlx::query_as!(
        ScopeRow,
        r#"select tenant_id as "tenant_id: TenantId", bundle_scope, bundle_scope_value from tenant
         where twilio_account_sid = $1 and removed_at is null
         order by created_at, tenant_id"#,
        account_sid,
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(ScopeRow::claim).collect())
}

/// Stores `tenant_id`'s rule. Taking the whole account is refused while another tenant shares
/// it: each tenant of a shared account takes only its own bundles.
pub async fn set_scope(
    db: &PgPool,
    tenant_id: TenantId,
    scope: &BundleScope,
) -> Result<(), ScopeError> {
    let (updated, shared): (bool, bool) = sqlx::query!(
        r#"with me as (select twilio_account_sid from tenant where tenant_id = $1),
              others as (
                select 1 from tenant t, me
                 where t.twilio_account_sid = me.twilio_account_sid
                   and t.tenant_id <> $1 and t.removed_at is null),
              updated as (
                update tenant set bundle_scope = $2, bundle_scope_value = $3
                 where tenant_id = $1
                   and twilio_account_sid is not null
                   and ($2 <> 'account' or not exists (select 1 from others))
                returning 1)
         select exists (select 1 from updated) as "updated!",
             exists (select 1 from others) as "shared!""#,
        tenant_id as _,
        scope.kind().as_str(),
        scope.value(),
    )
    .map(|row| (row.updated, row.shared))
    .fetch_one(db)
    .await
    .map_err(|error| match constraint(&error) {
        Some("tenant_whole_account_key") => ScopeError::AccountShared,
        _ => ScopeError::Database(error),
    })?;
    match (updated, shared) {
        (true, _) => Ok(()),
        (false, true) if scope.kind() == BundleScopeKind::WholeAccount => {
            Err(ScopeError::AccountShared)
        }
        (false, _) => Err(ScopeError::NotFound),
    }
}

fn constraint(error: &sqlx::Error) -> Option<&str> {
    error.as_database_error().and_then(|e| e.constraint())
}

/// Staff assignments on an account: bundle SID → tenant.
pub async fn assignments_on(
    db: impl PgExecutor<'_>,
    account_sid: &str,
) -> sqlx::Result<HashMap<String, TenantId>> {
    let rows: Vec<(String, TenantId)> = sqlx::query!(
        r#"select bundle_sid,
            tenant_id as "tenant_id: TenantId" from bundle_assignment where account_sid = $1"#,
        account_sid,
    )
    .map(|row| (row.bundle_sid, row.tenant_id))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The bundles among `sids` that a renewal of one of `tenants` made (its copies): SID → tenant.
pub async fn made_by_among(
    db: impl PgExecutor<'_>,
    tenants: &[TenantId],
    sids: &[String],
) -> sqlx::Result<HashMap<String, TenantId>> {
    let rows: Vec<(String, TenantId)> = sqlx::query!(
        r#"select copy_sid, tenant_id as "tenant_id: TenantId" from bundle_copy
          where tenant_id = any($1) and copy_sid = any($2)"#,
        tenants as _,
        sids,
    )
    .map(|row| (row.copy_sid, row.tenant_id))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Assigns a bundle of a shared account to one of its tenants: the assignment outweighs every
/// rule, and the bundle leaves the unassigned list. `false` when the tenant is not on the
/// account.
pub async fn assign(
    db: &PgPool,
    account_sid: &str,
    bundle_sid: &str,
    tenant_id: TenantId,
    assigned_by: &str,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let inserted = sqlx::query!(
        "insert into bundle_assignment (account_sid, bundle_sid, tenant_id, assigned_by)
         select $1, $2, tenant_id, $4 from tenant
          where tenant_id = $3 and twilio_account_sid = $1 and removed_at is null
         on conflict (account_sid, bundle_sid)
         do update set tenant_id = excluded.tenant_id, assigned_by = excluded.assigned_by,
                       created_at = now()",
        account_sid,
        bundle_sid,
        tenant_id as _,
        assigned_by,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        sqlx::query!(
            "delete from unassigned_bundle where account_sid = $1 and bundle_sid = $2",
            account_sid,
            bundle_sid,
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(inserted == 1)
}

/// A bundle no tenant's rule takes, as a sweep saw it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnassignedBundle {
    /// The shared account.
    pub account_sid: String,
    /// `BU…`.
    pub bundle_sid: String,
    /// Its `FriendlyName`.
    pub friendly_name: Option<String>,
    /// Its `Email`.
    pub email: Option<String>,
    /// Its Twilio status.
    pub status: String,
    /// Its deadline, if any.
    pub valid_until: Option<OffsetDateTime>,
    /// The tenants whose rules all take it (empty: none does).
    pub contested_by: Vec<TenantId>,
    /// When a sweep last saw it.
    pub seen_at: OffsetDateTime,
}

/// Replaces what the account's unassigned list holds with what one sweep of the account saw.
pub async fn record_unassigned(
    db: &PgPool,
    account_sid: &str,
    bundles: &[UnassignedBundle],
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    let sids: Vec<&str> = bundles.iter().map(|b| b.bundle_sid.as_str()).collect();
    sqlx::query!(
        "delete from unassigned_bundle where account_sid = $1 and bundle_sid <> all($2)",
        account_sid,
        &sids as _,
    )
    .execute(&mut *tx)
    .await?;
    for bundle in bundles {
        sqlx::query!(
            "insert into unassigned_bundle
                (account_sid, bundle_sid, friendly_name, email, status, valid_until, contested_by)
             values ($1, $2, $3, $4, $5, $6, $7)
             on conflict (account_sid, bundle_sid) do update set
                friendly_name = excluded.friendly_name, email = excluded.email,
                status = excluded.status, valid_until = excluded.valid_until,
                contested_by = excluded.contested_by, seen_at = now()",
            account_sid,
            &bundle.bundle_sid,
            &bundle.friendly_name as _,
            &bundle.email as _,
            &bundle.status,
            bundle.valid_until,
            &bundle.contested_by as _,
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Every unassigned bundle, soonest deadline first.
pub async fn unassigned(db: &PgPool) -> sqlx::Result<Vec<UnassignedBundle>> {
    sqlx::query_as!(
        UnassignedBundle,
        r#"select u.account_sid, u.bundle_sid, u.friendly_name, u.email, u.status, u.valid_until,
                u.contested_by as "contested_by: Vec<TenantId>", u.seen_at
           from unassigned_bundle u
          where exists (select 1 from tenant t
                         where t.twilio_account_sid = u.account_sid and t.removed_at is null)
          order by u.valid_until nulls last, u.account_sid, u.bundle_sid"#,
    )
    .fetch_all(db)
    .await
}

/// A tenant on a shared account, for staff.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SharingTenant {
    /// The account.
    pub account_sid: String,
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its name.
    pub name: String,
    /// Its stored rule kind.
    pub bundle_scope: String,
    /// Its stored rule value.
    pub bundle_scope_value: Option<String>,
    /// How many bundles staff assigned to it.
    pub assigned: i64,
}

impl SharingTenant {
    /// Its rule in staff's words.
    pub fn rule(&self) -> String {
        ScopeRow {
            tenant_id: self.tenant_id,
            bundle_scope: self.bundle_scope.clone(),
            bundle_scope_value: self.bundle_scope_value.clone(),
        }
        .claim()
        .scope
        .describe()
    }
}

/// The tenants of every shared account (one where a tenant takes less than the whole account),
/// by account then name.
pub async fn sharing_tenants(db: &PgPool) -> sqlx::Result<Vec<SharingTenant>> {
    sqlx::query_as!(
        SharingTenant,
        r#"select t.twilio_account_sid as "account_sid!", t.tenant_id as "tenant_id: TenantId", t.name,
            t.bundle_scope,
                t.bundle_scope_value,
                (select count(*) from bundle_assignment a where a.tenant_id = t.tenant_id) as "assigned!"
           from tenant t
          where t.removed_at is null
            and t.twilio_account_sid in (
                select twilio_account_sid from tenant
                 where bundle_scope <> 'account' and removed_at is null)
          order by t.twilio_account_sid, t.name"#,
    )
    .fetch_all(db)
    .await
}

/// Every tenant (not removed) on `tenant_id`'s Twilio account, `tenant_id` included.
pub async fn tenants_sharing_with(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<TenantId>> {
    sqlx::query_scalar!(
        r#"select o.tenant_id as "tenant_id: TenantId" from tenant t join tenant o
             on o.twilio_account_sid = t.twilio_account_sid and o.removed_at is null
          where t.tenant_id = $1"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// Forgets the tenant's mirrored bundles among `sids` (now another tenant's) that never had a
/// renewal; those with one stay, for their history.
pub async fn forget_mirrored(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "delete from bundle b where b.tenant_id = $1 and b.sid = any($2)
            and not exists (select 1 from renewal r where r.bundle_id = b.bundle_id)",
        tenant_id as _,
        sids,
    )
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}
