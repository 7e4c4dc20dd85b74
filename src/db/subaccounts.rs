//! `subaccount`: the parent account's subaccounts as the last discovery listed them, the flags
//! staff have not reviewed yet (new, became suspended or closed), and the progress of making
//! tenants of them. Staff-level: a row belongs to no tenant until it becomes one.

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use crate::db::PgTx;
use crate::domain::ids::{OnboardBatchId, TenantId};
use crate::twilio::{Account, AccountStatus};

/// How making a tenant of a subaccount went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum OnboardState {
    /// Waiting for the job.
    Pending,
    /// The tenant exists with the subaccount's own credentials.
    Created,
    /// It could not be made (the message says why).
    Failed,
}

/// One subaccount as the admin page lists it, with the tenant it is (if any).
#[derive(Debug, Clone, FromRow)]
pub struct Subaccount {
    /// `AC…`.
    pub account_sid: String,
    /// The name the ISV gave it at Twilio.
    pub friendly_name: String,
    /// Active, suspended or closed.
    pub status: AccountStatus,
    /// First listed.
    pub first_seen_at: OffsetDateTime,
    /// Last listed.
    pub last_seen_at: OffsetDateTime,
    /// Listed for the first time since staff last reviewed the list.
    pub is_new: bool,
    /// Became suspended or closed since staff last reviewed the list.
    pub status_flagged: bool,
    /// The tenant tied to this account (made from it, or given its SID by hand).
    pub tenant_id: Option<TenantId>,
    /// That tenant's name.
    pub tenant_name: Option<String>,
    /// Making a tenant of it, when that was asked for.
    pub onboard_state: Option<OnboardState>,
    /// Why that failed (or a note on how it went).
    pub onboard_message: Option<String>,
}

/// The flags staff have not reviewed, for the dashboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct FlagCounts {
    /// New subaccounts.
    pub new: i64,
    /// Subaccounts that became suspended.
    pub suspended: i64,
    /// Subaccounts that became closed.
    pub closed: i64,
}

impl FlagCounts {
    /// Whether anything is flagged.
    pub fn any(&self) -> bool {
        self.new + self.suspended + self.closed > 0
    }
}

/// The progress of the latest "create tenants" request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct BatchProgress {
    /// The request.
    pub batch_id: OnboardBatchId,
    /// Subaccounts in it.
    pub total: i64,
    /// Tenants made.
    pub created: i64,
    /// Subaccounts that failed.
    pub failed: i64,
}

impl BatchProgress {
    /// Whether the job still has work to do.
    pub fn running(&self) -> bool {
        self.created + self.failed < self.total
    }
}

/// A `query_as!` of [`Subaccount`] rows: their select list and joins followed by `$tail`
/// (a string literal) and its arguments. The tenant comes from a lateral left join, so its
/// columns are declared nullable (`?`): the macros would infer them non-null and fail to
/// decode a subaccount that is no tenant.
macro_rules! query_subaccounts {
    ($tail:literal $(, $arg:expr)* $(,)?) => {
        sqlx::query_as!(
            Subaccount,
            r#"select s.account_sid, s.friendly_name, s.status as "status: AccountStatus",
                    s.first_seen_at, s.last_seen_at, s.is_new, s.status_flagged,
                    t.tenant_id as "tenant_id?: TenantId", t.name as "tenant_name?",
                    s.onboard_state as "onboard_state: OnboardState", s.onboard_message
             from subaccount s
             left join lateral (select tenant_id, name from tenant
                                where tenant_id = s.tenant_id or twilio_account_sid = s.account_sid
                                order by (tenant_id = s.tenant_id) desc limit 1) t on true "#
                + $tail
            $(, $arg)*
        )
    };
}

/// Records one listing of the parent's subaccounts: new ones are flagged new, a status that
/// became suspended or closed is flagged (one that became active again is not).
pub async fn record_listing(tx: &mut PgTx<'_>, accounts: &[Account]) -> sqlx::Result<()> {
    for account in accounts {
        sqlx::query!(
            "insert into subaccount (account_sid, friendly_name, status, status_flagged)
             values ($1, $2, $3, $3 <> 'active')
             on conflict (account_sid) do update set
               friendly_name = excluded.friendly_name,
               status_flagged = case when subaccount.status = excluded.status
                                then subaccount.status_flagged
                                else excluded.status <> 'active' end,
               status = excluded.status,
               last_seen_at = now()",
            &account.sid,
            &account.friendly_name,
            account.status as _,
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Every discovered subaccount, by name.
pub async fn list(db: &PgPool) -> sqlx::Result<Vec<Subaccount>> {
    query_subaccounts!("order by lower(s.friendly_name), s.account_sid")
        .fetch_all(db)
        .await
}

/// One discovered subaccount.
pub async fn find(db: &PgPool, account_sid: &str) -> sqlx::Result<Option<Subaccount>> {
    query_subaccounts!("where s.account_sid = $1", account_sid)
        .fetch_optional(db)
        .await
}

/// What is flagged and not reviewed yet.
pub async fn flag_counts(db: &PgPool) -> sqlx::Result<FlagCounts> {
    sqlx::query_as!(
        FlagCounts,
        r#"select count(*) filter (where is_new) as "new!",
                count(*) filter (where status_flagged and status = 'suspended') as "suspended!",
                count(*) filter (where status_flagged and status = 'closed') as "closed!"
         from subaccount"#,
    )
    .fetch_one(db)
    .await
}

/// Staff reviewed the list: every flag is cleared. Returns how many rows were flagged.
pub async fn mark_reviewed(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update subaccount set is_new = false, status_flagged = false
         where is_new or status_flagged",
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Puts the active subaccounts among `account_sids` into request `batch_id`; returns how
/// many. Subaccounts that already are a tenant are left out.
pub async fn request_tenants(
    tx: &mut PgTx<'_>,
    batch_id: OnboardBatchId,
    account_sids: &[String],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update subaccount set onboard_batch_id = $1, onboard_state = 'pending',
           onboard_message = null, onboard_requested_at = now()
         where account_sid = any($2) and status = 'active' and tenant_id is null
           and onboard_state is distinct from 'created'
           and not exists (select 1 from tenant t where t.twilio_account_sid = subaccount.account_sid)",
        batch_id as _,
        account_sids,
    )
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// An import made (or matched) `tenant_id` for `account_sid`: its credentials are to be
/// fetched by request `batch_id`.
pub async fn request_credentials(
    tx: &mut PgTx<'_>,
    batch_id: OnboardBatchId,
    account_sid: &str,
    tenant_id: TenantId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update subaccount set tenant_id = $3, onboard_batch_id = $1, onboard_state = 'pending',
           onboard_message = null, onboard_requested_at = now(), is_new = false
         where account_sid = $2",
        batch_id as _,
        account_sid,
        tenant_id as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The subaccounts of request `batch_id` still waiting, with the tenant already chosen for
/// them (by an import), if any.
pub async fn pending_in_batch(
    db: &PgPool,
    batch_id: OnboardBatchId,
) -> sqlx::Result<Vec<(String, String, Option<TenantId>)>> {
    sqlx::query!(
        r#"select account_sid, friendly_name, tenant_id as "tenant_id: TenantId" from subaccount
         where onboard_batch_id = $1 and onboard_state = 'pending' order by account_sid"#,
        batch_id as _,
    )
    .map(|row| (row.account_sid, row.friendly_name, row.tenant_id))
    .fetch_all(db)
    .await
}

/// The tenant of `account_sid` exists with its credentials.
pub async fn mark_created(
    db: impl sqlx::PgExecutor<'_>,
    account_sid: &str,
    tenant_id: TenantId,
    note: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update subaccount set onboard_state = 'created', tenant_id = $2, onboard_message = $3,
           is_new = false
         where account_sid = $1",
        account_sid,
        tenant_id as _,
        note,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Making a tenant of `account_sid` failed for `message`.
pub async fn mark_failed(db: &PgPool, account_sid: &str, message: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update subaccount set onboard_state = 'failed', onboard_message = $2
         where account_sid = $1 and onboard_state = 'pending'",
        account_sid,
        message,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The latest request's progress, if there was one.
pub async fn latest_batch(db: &PgPool) -> sqlx::Result<Option<BatchProgress>> {
    sqlx::query_as!(
        BatchProgress,
        r#"select onboard_batch_id as "batch_id!: OnboardBatchId", count(*) as "total!",
                count(*) filter (where onboard_state = 'created') as "created!",
                count(*) filter (where onboard_state = 'failed') as "failed!"
         from subaccount
         where onboard_batch_id = (select onboard_batch_id from subaccount
                                   where onboard_batch_id is not null
                                   order by onboard_requested_at desc limit 1)
         group by onboard_batch_id"#,
    )
    .fetch_optional(db)
    .await
}

/// Whether a job with `dedupe_key` is pending or running (the page reloads itself meanwhile).
pub async fn job_waiting(db: &PgPool, dedupe_key: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists(select 1 from job where dedupe_key = $1
                       and status in ('pending', 'running')) as "waiting!""#,
        dedupe_key,
    )
    .fetch_one(db)
    .await
}
