//! The JSON API's lists: each in creation order (`created_at`, then id), one page after a
//! keyset, always scoped by tenant (the tenant list by the key's tenant, when it has one).

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::snapshot::StoredSnapshot;
use crate::domain::ids::{BundleId, RenewalId, TenantId, UserId};
use crate::domain::renewal::RenewalState;
use crate::domain::sid::BundleSid;

use super::renewals::Renewal;
use super::tenants::Tenant;
use super::users::AppUser;

/// Where a page ends: the last row's creation time and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyset {
    /// The row's `created_at`.
    pub created_at: OffsetDateTime,
    /// The row's id.
    pub id: Uuid,
}

/// One page's bounds: rows after `after`, at most `limit` of them.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Exclusive lower bound.
    pub after: Option<Keyset>,
    /// Rows to fetch.
    pub limit: i64,
}

impl Window {
    fn time(&self) -> Option<OffsetDateTime> {
        self.after.map(|k| k.created_at)
    }

    fn id(&self) -> Uuid {
        self.after.map_or_else(Uuid::nil, |k| k.id)
    }
}

/// A bundle as the API shows it.
#[derive(Debug, Clone, FromRow)]
pub struct ApiBundleRow {
    /// Primary key.
    pub bundle_id: BundleId,
    /// Owning tenant.
    pub tenant_id: TenantId,
    /// `BU…`.
    pub sid: String,
    /// Display name.
    pub friendly_name: String,
    /// Twilio's status.
    pub status: String,
    /// The regulation's friendly name.
    pub regulation_name: Option<String>,
    /// ISO country.
    pub iso_country: Option<String>,
    /// `mobile`, `local`, …
    pub number_type: Option<String>,
    /// `business` or `individual`.
    pub end_user_type: Option<String>,
    /// Twilio's deadline.
    pub valid_until: Option<OffsetDateTime>,
    /// Last read from Twilio.
    pub synced_at: OffsetDateTime,
    /// First seen.
    pub created_at: OffsetDateTime,
}

/// Tenants (only `only` when the key is restricted to it).
pub async fn tenants(
    db: &PgPool,
    only: Option<TenantId>,
    window: Window,
) -> sqlx::Result<Vec<Tenant>> {
    sqlx::query_as!(
        Tenant,
        "select tenant_id as \"tenant_id: TenantId\", name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at
         from tenant
         where ($1::uuid is null or tenant_id = $1)
           and ($2::timestamptz is null or (created_at, tenant_id) > ($2, $3))
         order by created_at, tenant_id limit $4",
        only as _,
        window.time(),
        window.id(),
        window.limit,
    )
    .fetch_all(db)
    .await
}

/// A tenant's users.
pub async fn users(db: &PgPool, tenant_id: TenantId, window: Window) -> sqlx::Result<Vec<AppUser>> {
    sqlx::query_as!(
        AppUser,
        r#"select app_user_id as "app_user_id: UserId", tenant_id as "tenant_id: TenantId", email,
            name, created_at from app_user
         where tenant_id = $1
           and ($2::timestamptz is null or (created_at, app_user_id) > ($2, $3))
         order by created_at, app_user_id limit $4"#,
        tenant_id as _,
        window.time(),
        window.id(),
        window.limit,
    )
    .fetch_all(db)
    .await
}

/// A tenant's bundles.
pub async fn bundles(
    db: &PgPool,
    tenant_id: TenantId,
    window: Window,
) -> sqlx::Result<Vec<ApiBundleRow>> {
    sqlx::query_as!(
        ApiBundleRow,
        r#"select bundle_id as "bundle_id: BundleId", tenant_id as "tenant_id: TenantId", sid,
            friendly_name, status, regulation_name,
    iso_country, number_type, end_user_type, valid_until, synced_at, created_at from bundle
         where tenant_id = $1
           and ($2::timestamptz is null or (created_at, bundle_id) > ($2, $3))
         order by created_at, bundle_id limit $4"#,
        tenant_id as _,
        window.time(),
        window.id(),
        window.limit,
    )
    .fetch_all(db)
    .await
}

/// One bundle of a tenant.
pub async fn bundle(
    db: &PgPool,
    tenant_id: TenantId,
    bundle_id: BundleId,
) -> sqlx::Result<Option<ApiBundleRow>> {
    sqlx::query_as!(
        ApiBundleRow,
        r#"select bundle_id as "bundle_id: BundleId", tenant_id as "tenant_id: TenantId", sid,
            friendly_name, status, regulation_name,
    iso_country, number_type, end_user_type, valid_until, synced_at,
        created_at from bundle where tenant_id = $1 and bundle_id = $2"#,
        tenant_id as _,
        bundle_id as _,
    )
    .fetch_optional(db)
    .await
}

/// A tenant's renewals.
pub async fn renewals(
    db: &PgPool,
    tenant_id: TenantId,
    window: Window,
) -> sqlx::Result<Vec<Renewal>> {
    sqlx::query_as!(
        Renewal,
        r#"select r.renewal_id as "renewal_id: RenewalId", r.tenant_id as "tenant_id: TenantId",
            r.bundle_id as "bundle_id: BundleId", b.sid as "bundle_sid: BundleSid",
        b.friendly_name as bundle_name, r.state as "state: RenewalState", r.deadline,
            r.submit_by, r.copy_sid as "copy_sid: BundleSid",
        r.attention_reason, r.rejection, r.snapshot as "stored_snapshot!: StoredSnapshot",
            r.snapshot_at, r.submitted_at,
        r.completed_at, r.closed_at, r.copy_discarded_at, r.created_at
    from renewal r join bundle b on b.bundle_id = r.bundle_id
         where r.tenant_id = $1
           and ($2::timestamptz is null or (r.created_at, r.renewal_id) > ($2, $3))
         order by r.created_at, r.renewal_id limit $4"#,
        tenant_id as _,
        window.time(),
        window.id(),
        window.limit,
    )
    .fetch_all(db)
    .await
}
