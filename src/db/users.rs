//! `app_user`: the end-customer users of each tenant (they sign in by magic link).
//!
//! Every function takes the tenant it acts in, except [`find_users_by_email`], which the sign-in
//! page needs (one address may belong to users of several tenants), and [`export_records`],
//! the staff-only users export.

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use crate::domain::ids::{TenantId, UserId};
use crate::i18n::{Locale, Zone};

/// One end-customer user.
#[derive(Debug, Clone, FromRow)]
pub struct AppUser {
    /// Primary key.
    pub app_user_id: UserId,
    /// The tenant the user belongs to.
    pub tenant_id: TenantId,
    /// Lower-case email address.
    pub email: String,
    /// Display name (may be empty).
    pub name: String,
    /// When the user was added.
    pub created_at: OffsetDateTime,
}

/// A user together with the name of their tenant (for emails that span tenants).
#[derive(Debug, Clone, FromRow)]
pub struct UserWithTenant {
    /// Primary key of the user.
    pub app_user_id: UserId,
    /// The user's tenant.
    pub tenant_id: TenantId,
    /// Lower-case email address.
    pub email: String,
    /// Display name (may be empty).
    pub name: String,
    /// The tenant's name.
    pub tenant_name: String,
    /// The language the user chose, if they did.
    pub locale: Option<Locale>,
    /// The tenant's default language.
    pub tenant_locale: Locale,
    /// The tenant's time zone.
    pub time_zone: Zone,
}

impl UserWithTenant {
    /// The language to write to this user in when no browser is asking (emails).
    pub fn language(&self) -> Locale {
        self.locale.unwrap_or(self.tenant_locale)
    }
}

/// The form every address is stored in: trimmed and lower-case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Every user with this address, of the tenants recomply still serves (a removed tenant's
/// users can no longer sign in).
#[tracing::instrument(skip_all)]
pub async fn find_users_by_email(db: &PgPool, email: &str) -> sqlx::Result<Vec<UserWithTenant>> {
    sqlx::query_as!(
        UserWithTenant,
        r#"select u.app_user_id as "app_user_id: UserId", u.tenant_id as "tenant_id: TenantId",
            u.email, u.name, t.customer_name as "tenant_name!", u.locale as "locale: Locale",
                t.default_locale as "tenant_locale: Locale",
                    t.time_zone as "time_zone: Zone"
         from app_user u join tenant t using (tenant_id)
         where u.email = $1 and t.removed_at is null
         order by t.name, u.app_user_id"#,
        normalise_email(email),
    )
    .fetch_all(db)
    .await
}

/// One user of `tenant_id`, if it exists there.
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn find_user(
    db: &PgPool,
    tenant_id: TenantId,
    app_user_id: UserId,
) -> sqlx::Result<Option<AppUser>> {
    sqlx::query_as!(
        AppUser,
        r#"select app_user_id as "app_user_id: UserId", tenant_id as "tenant_id: TenantId", email,
            name, created_at
         from app_user where tenant_id = $1 and app_user_id = $2"#,
        tenant_id as _,
        app_user_id as _,
    )
    .fetch_optional(db)
    .await
}

/// One user of `tenant_id` with the tenant's name (what a signed-in page needs); none once the
/// tenant is removed, so its users' sessions end and nothing more is sent to them.
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn find_user_with_tenant(
    db: &PgPool,
    tenant_id: TenantId,
    app_user_id: UserId,
) -> sqlx::Result<Option<UserWithTenant>> {
    sqlx::query_as!(
        UserWithTenant,
        r#"select u.app_user_id as "app_user_id: UserId", u.tenant_id as "tenant_id: TenantId",
            u.email, u.name, t.customer_name as "tenant_name!", u.locale as "locale: Locale",
                t.default_locale as "tenant_locale: Locale",
                    t.time_zone as "time_zone: Zone"
         from app_user u join tenant t using (tenant_id)
         where u.tenant_id = $1 and u.app_user_id = $2 and t.removed_at is null"#,
        tenant_id as _,
        app_user_id as _,
    )
    .fetch_optional(db)
    .await
}

/// The users of a tenant, by email.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn list_users(db: &PgPool, tenant_id: TenantId) -> sqlx::Result<Vec<AppUser>> {
    sqlx::query_as!(
        AppUser,
        r#"select app_user_id as "app_user_id: UserId", tenant_id as "tenant_id: TenantId", email,
            name, created_at
         from app_user where tenant_id = $1 order by email"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// Adds a user to a tenant. The address is normalised; a second user with the same address in
/// the same tenant violates the constraint `app_user_tenant_email_key` (map it with
/// `on_constraint`), a malformed one the check on `app_user.email`.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn add_user(
    db: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
    email: &str,
    name: &str,
) -> sqlx::Result<AppUser> {
    sqlx::query_as!(
        AppUser,
        r#"insert into app_user (tenant_id, email, name) values ($1, $2, $3)
         returning app_user_id as "app_user_id: UserId", tenant_id as "tenant_id: TenantId",
             email, name, created_at"#,
        tenant_id as _,
        normalise_email(email),
        name.trim(),
    )
    .fetch_one(db)
    .await
}

/// Removes a user of a tenant (their sign-in links go with them; an open session stops working
/// at its next request). `false` when there was no such user in that tenant.
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn remove_user(
    db: &PgPool,
    tenant_id: TenantId,
    app_user_id: UserId,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "delete from app_user where tenant_id = $1 and app_user_id = $2",
        tenant_id as _,
        app_user_id as _,
    )
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Saves the language a user picked in the language switcher.
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn save_locale(
    db: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
    app_user_id: UserId,
    locale: Locale,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set locale = $3
         where tenant_id = $1 and app_user_id = $2 and locale is distinct from $3",
        tenant_id as _,
        app_user_id as _,
        locale as _,
    )
    .execute(db)
    .await
    .map(|_| ())
}

/// Changes a user's display name (trimmed).
#[tracing::instrument(skip_all, fields(%tenant_id, %app_user_id))]
pub async fn rename_user(
    db: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
    app_user_id: UserId,
    name: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set name = $3 where tenant_id = $1 and app_user_id = $2",
        tenant_id as _,
        app_user_id as _,
        name.trim(),
    )
    .execute(db)
    .await
    .map(|_| ())
}

/// A user as the users export and import see it.
#[derive(Debug, Clone, FromRow)]
pub struct UserRecord {
    /// Primary key.
    pub app_user_id: UserId,
    /// The tenant's slug.
    pub tenant_slug: String,
    /// Lower-case email address.
    pub email: String,
    /// Display name (may be empty).
    pub name: String,
    /// The language the user chose, if they did.
    pub locale: Option<Locale>,
}

/// The user of `tenant_id` with this address, with their language, if any.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn find_record(
    db: &PgPool,
    tenant_id: TenantId,
    email: &str,
) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as!(
        UserRecord,
        r#"select u.app_user_id as "app_user_id: UserId", t.slug as tenant_slug, u.email, u.name,
            u.locale as "locale: Locale" from app_user u join tenant t using (tenant_id)
         where u.tenant_id = $1 and u.email = $2"#,
        tenant_id as _,
        normalise_email(email),
    )
    .fetch_optional(db)
    .await
}

/// Every user of every tenant not removed, by tenant slug and address — staff-only: the
/// users export under `/admin` is its one caller.
#[tracing::instrument(skip_all)]
pub async fn export_records(db: &PgPool) -> sqlx::Result<Vec<UserRecord>> {
    sqlx::query_as!(
        UserRecord,
        r#"select u.app_user_id as "app_user_id: UserId", t.slug as tenant_slug, u.email, u.name,
            u.locale as "locale: Locale" from app_user u join tenant t using (tenant_id)
         where t.removed_at is null order by t.slug, u.email"#,
    )
    .fetch_all(db)
    .await
}

/// The user of `tenant_id` with this address, if any.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn find_user_by_email(
    db: &PgPool,
    tenant_id: TenantId,
    email: &str,
) -> sqlx::Result<Option<AppUser>> {
    sqlx::query_as!(
        AppUser,
        r#"select app_user_id as "app_user_id: UserId", tenant_id as "tenant_id: TenantId", email,
            name, created_at
         from app_user where tenant_id = $1 and email = $2"#,
        tenant_id as _,
        normalise_email(email),
    )
    .fetch_optional(db)
    .await
}

/// The user of `tenant_id` with this address, created (with no name) when there is none;
/// `true` with it when it was created now. Safe against a concurrent creation.
#[tracing::instrument(skip_all, fields(%tenant_id))]
pub async fn find_or_add_user(
    db: &PgPool,
    tenant_id: TenantId,
    email: &str,
) -> sqlx::Result<(AppUser, bool)> {
    let created: Option<AppUser> = sqlx::query_as!(
        AppUser,
        r#"insert into app_user (tenant_id, email, name) values ($1, $2, '')
         on conflict (tenant_id, email) do nothing
         returning app_user_id as "app_user_id: UserId", tenant_id as "tenant_id: TenantId",
             email, name, created_at"#,
        tenant_id as _,
        normalise_email(email),
    )
    .fetch_optional(db)
    .await?;
    if let Some(user) = created {
        return Ok((user, true));
    }
    let existing = find_user_by_email(db, tenant_id, email).await?;
    existing
        .map(|user| (user, false))
        .ok_or(sqlx::Error::RowNotFound)
}
