//! Tenants: their rows, how customers see them, removal. Their Twilio credentials at rest are
//! in [`super::tenant_credentials`] (re-exported here).

use sqlx::PgPool;
use time::OffsetDateTime;

pub use super::tenant_credentials::{
    ResealReport, clear_credentials, load_credentials, reseal_all, set_credentials,
};
use crate::domain::ids::TenantId;
use crate::twilio::CredentialsError;

/// A tenant row (the sealed credentials themselves are never loaded into it).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Tenant {
    /// Primary key.
    pub tenant_id: TenantId,
    /// Display name.
    pub name: String,
    /// URL-safe unique name.
    pub slug: String,
    /// The Twilio account (`AC…`), once credentials are set.
    pub twilio_account_sid: Option<String>,
    /// Whether sealed credentials are stored.
    pub has_credentials: bool,
    /// Where the customer can get human help.
    pub support_email: Option<String>,
    /// The name the tenant's customers see in place of `name`, when set.
    pub display_name: Option<String>,
    /// The language of emails to users who chose none.
    pub default_locale: crate::i18n::Locale,
    /// The time zone customer pages and emails show dates in.
    pub time_zone: crate::i18n::Zone,
    /// Every bundle's status callbacks come to recomply (not only those with a deadline).
    pub callbacks_on_every_bundle: bool,
    /// When staff removed the tenant.
    pub removed_at: Option<OffsetDateTime>,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last update time.
    pub updated_at: OffsetDateTime,
}

/// What it takes to create a tenant (and, unchanged, to edit one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTenant {
    /// 1–200 characters.
    pub name: String,
    /// `^[a-z0-9][a-z0-9-]{0,62}$`, unique.
    pub slug: String,
    /// Optional support address.
    pub support_email: Option<String>,
}

/// Why a tenant operation failed.
#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    /// No tenant with that id.
    #[error("tenant not found")]
    NotFound,
    /// Another tenant has the slug.
    #[error("another tenant already uses this slug")]
    SlugTaken,
    /// Another tenant takes every bundle of the Twilio account.
    #[error("another tenant already takes this whole Twilio account")]
    AccountSidTaken,
    /// The name or slug breaks the table's checks.
    #[error("invalid tenant {0}")]
    Invalid(&'static str),
    /// The credentials are malformed.
    #[error(transparent)]
    InvalidCredentials(#[from] CredentialsError),
    /// Stored credentials do not open with the key (wrong key, tampered, or moved between rows).
    #[error("the stored Twilio credentials of tenant {0} cannot be opened with this key")]
    Unseal(TenantId),
    /// Any other database failure.
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for TenantError {
    fn from(error: sqlx::Error) -> Self {
        let constraint = error
            .as_database_error()
            .and_then(|e| e.constraint())
            .map(str::to_owned);
        match constraint.as_deref() {
            Some("tenant_slug_key") => Self::SlugTaken,
            Some("tenant_whole_account_key") => Self::AccountSidTaken,
            Some("tenant_slug_check") => Self::Invalid("slug"),
            Some("tenant_name_check") => Self::Invalid("name"),
            Some("tenant_display_name_check") => Self::Invalid("display name"),
            Some("tenant_twilio_account_sid_check") => Self::Invalid("account SID"),
            _ => Self::Database(error),
        }
    }
}

/// Inserts a tenant without credentials.
#[tracing::instrument(skip_all, fields(slug = %tenant.slug))]
pub async fn create_tenant(
    pool: impl sqlx::PgExecutor<'_>,
    tenant: &NewTenant,
) -> Result<Tenant, TenantError> {
    Ok(sqlx::query_as!(
        Tenant,
        "insert into tenant (name, slug, support_email) values ($1, $2, $3) returning tenant_id as \"tenant_id: TenantId\",
            name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at",
        &tenant.name,
        &tenant.slug,
        &tenant.support_email as _,
    )
        .fetch_one(pool)
        .await?)
}

/// One tenant by id.
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id))]
pub async fn get_tenant(pool: &PgPool, tenant_id: TenantId) -> Result<Option<Tenant>, TenantError> {
    Ok(sqlx::query_as!(
        Tenant,
        "select tenant_id as \"tenant_id: TenantId\", name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at from tenant where tenant_id = $1",
        tenant_id as _,
    )
    .fetch_optional(pool)
    .await?)
}

/// The tenant tied to a Twilio account (how status callbacks find their tenant).
#[tracing::instrument(skip_all, fields(account_sid = %account_sid))]
pub async fn find_tenant_by_account_sid(
    pool: &PgPool,
    account_sid: &str,
) -> Result<Option<Tenant>, TenantError> {
    Ok(sqlx::query_as!(
        Tenant,
        "select tenant_id as \"tenant_id: TenantId\", name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at from tenant where twilio_account_sid = $1",
        account_sid,
    )
    .fetch_optional(pool)
    .await?)
}

/// The tenant with this slug, if any (how an imported row finds its tenant).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn find_tenant_by_slug(pool: &PgPool, slug: &str) -> Result<Option<Tenant>, TenantError> {
    Ok(sqlx::query_as!(
        Tenant,
        "select tenant_id as \"tenant_id: TenantId\", name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at from tenant where slug = $1",
        slug,
    )
    .fetch_optional(pool)
    .await?)
}

/// Every tenant, by name.
#[tracing::instrument(skip_all)]
pub async fn list_tenants(pool: &PgPool) -> Result<Vec<Tenant>, TenantError> {
    Ok(sqlx::query_as!(
        Tenant,
        "select tenant_id as \"tenant_id: TenantId\", name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at from tenant order by lower(name), slug",
    )
    .fetch_all(pool)
    .await?)
}

/// Changes name, slug and support email.
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id))]
pub async fn update_tenant(
    pool: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
    changes: &NewTenant,
) -> Result<Tenant, TenantError> {
    sqlx::query_as!(
        Tenant,
        "update tenant set name = $2, slug = $3, support_email = $4 where tenant_id = $1 \
         returning tenant_id as \"tenant_id: TenantId\", name, slug, twilio_account_sid, \
     twilio_credentials is not null as \"has_credentials!\", support_email, display_name, \
     default_locale as \"default_locale: crate::i18n::Locale\",
         time_zone as \"time_zone: crate::i18n::Zone\", callbacks_on_every_bundle, removed_at,
         created_at, updated_at",
        tenant_id as _,
        &changes.name,
        &changes.slug,
        &changes.support_email as _,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(TenantError::NotFound)
}

/// What a tenant's customers see of it: the name in place of its own (`None`: its name), the
/// language of emails to users who chose none, and the time zone of their dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFacing {
    /// Shown in place of the tenant's name.
    pub display_name: Option<String>,
    /// The default language.
    pub locale: crate::i18n::Locale,
    /// The time zone.
    pub zone: crate::i18n::Zone,
}

/// Sets what the tenant's customers see of it, in one statement.
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id))]
pub async fn set_customer_facing(
    pool: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
    facing: &CustomerFacing,
) -> Result<(), TenantError> {
    let result = sqlx::query!(
        "update tenant set display_name = $2, default_locale = $3, time_zone = $4
         where tenant_id = $1",
        tenant_id as _,
        &facing.display_name as _,
        facing.locale as _,
        &facing.zone as _,
    )
    .execute(pool)
    .await?;
    if result.rows_affected() == 0 {
        return Err(TenantError::NotFound);
    }
    Ok(())
}

/// The tenant's name as its customers see it on pages and in emails: the display name when
/// one is set, else the name. `sqlx::Error::RowNotFound` when there is no such tenant.
#[tracing::instrument(skip_all, fields(tenant_id = %tenant_id))]
pub async fn customer_facing_name(db: &PgPool, tenant_id: TenantId) -> sqlx::Result<String> {
    sqlx::query_scalar!(
        r#"select customer_name as "customer_name!" from tenant where tenant_id = $1"#,
        tenant_id as _,
    )
    .fetch_one(db)
    .await
}

/// Whether every bundle's status callbacks come to recomply for the tenant.
pub async fn set_callbacks_on_every_bundle(
    db: &PgPool,
    tenant_id: TenantId,
    every_bundle: bool,
) -> Result<(), TenantError> {
    let result = sqlx::query!(
        "update tenant set callbacks_on_every_bundle = $2 where tenant_id = $1",
        tenant_id as _,
        every_bundle,
    )
    .execute(db)
    .await?;
    if result.rows_affected() == 0 {
        return Err(TenantError::NotFound);
    }
    Ok(())
}

/// Marks the tenant removed; `false` when it was already removed (or does not exist).
pub async fn mark_removed(
    db: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update tenant set removed_at = now() where tenant_id = $1 and removed_at is null",
        tenant_id as _,
    )
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A tenant's id, slug and name, in the caller's transaction or pool.
pub async fn identity(
    db: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Option<(TenantId, String, String)>> {
    sqlx::query!(
        r#"select tenant_id as "tenant_id: TenantId", slug, name from tenant where tenant_id = $1"#,
        tenant_id as _,
    )
    .map(|row| (row.tenant_id, row.slug, row.name))
    .fetch_optional(db)
    .await
}
